import type {IncomingMessage, ServerResponse} from 'node:http'

import {REASONS, requestId, sendJson, sendText, webobHtml} from './http.js'

/**
 * Faults a test asks for: the next N requests to a region's service (optionally one method and a
 * path pattern) answer a status, or are held back for a delay first, or both. Each service answers
 * in its own error shape, so a client sees what the real service would send.
 */

/** Catalog types, and the names people also use for them. */
export const SERVICE_ALIASES: Record<string, string> = {
  identity: 'identity',
  keystone: 'identity',
  network: 'network',
  neutron: 'network',
  image: 'image',
  glance: 'image',
  'load-balancer': 'load-balancer',
  octavia: 'load-balancer',
  container: 'container',
  zun: 'container',
  appcontainer: 'container',
  tricircle: 'tricircle',
  'multiregion-networking': 'tricircle',
}

export function serviceType(name: string): string | undefined {
  return SERVICE_ALIASES[name.toLowerCase()]
}

export interface FaultSpec {
  region?: string
  service?: string
  method?: string
  /** A substring of the path, or a glob with `*`. */
  path?: string
  status?: number
  /** How many requests it applies to (default: every one until cleared). */
  count?: number
  delayMs?: number
}

export interface FaultRule extends FaultSpec {
  id: number
  /** Requests it has answered so far. */
  hits: number
}

function pathMatches(pattern: string, path: string): boolean {
  if (!pattern.includes('*')) return path.includes(pattern)
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
  return re.test(path)
}

export class FaultTable {
  private rules: FaultRule[] = []
  private nextId = 1

  add(spec: FaultSpec): FaultRule {
    if (spec.status === undefined && spec.delayMs === undefined) throw new Error('a fault needs a status, a delay, or both')
    if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)) throw new Error(`status ${spec.status} is not an HTTP status`)
    if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1)) throw new Error(`count ${spec.count} must be a whole number of at least 1`)
    const rule: FaultRule = {...spec, method: spec.method?.toUpperCase(), id: this.nextId++, hits: 0}
    this.rules.push(rule)
    return rule
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({...r}))
  }

  /** Removes every rule, or those of one region; returns how many went. */
  clear(region?: string): number {
    const before = this.rules.length
    this.rules = region ? this.rules.filter((r) => r.region !== region) : []
    return before - this.rules.length
  }

  /** The rule for this request, counted as used (and dropped once its count is spent). */
  take(region: string, service: string, method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        (!r.region || r.region === region) &&
        (!r.service || r.service === service) &&
        (!r.method || r.method === method.toUpperCase()) &&
        (!r.path || pathMatches(r.path, path)),
    )
    if (!rule) return undefined
    rule.hits++
    if (rule.count !== undefined && rule.hits >= rule.count) this.rules = this.rules.filter((r) => r !== rule)
    return {...rule}
  }
}

/** The injected error as `service` writes its errors. */
export function sendFault(res: ServerResponse, service: string, status: number): void {
  const message = `${REASONS[status] ?? 'Error'} (injected by mrctl sim)`
  const id = requestId()
  switch (service) {
    case 'network':
      return sendJson(res, status, {NeutronError: {type: `HTTP${(REASONS[status] ?? 'Error').replace(/ /g, '')}`, message, detail: ''}}, {headers: {'X-Openstack-Request-Id': id}})
    case 'image':
      return sendText(res, status, webobHtml(status, message), 'text/html; charset=UTF-8', {'X-Openstack-Request-Id': id})
    case 'load-balancer':
      return sendJson(res, status, {faultcode: status >= 500 ? 'Server' : 'Client', faultstring: message, debuginfo: null}, {headers: {'x-openstack-request-id': id}})
    case 'container':
      return sendJson(res, status, {errors: [{request_id: '', code: 'container.', status, title: REASONS[status] ?? 'Error', detail: message, links: []}]}, {headers: {'X-OpenStack-Request-Id': id}})
    case 'tricircle':
      return sendJson(res, status, {code: status, title: REASONS[status] ?? 'Error', description: message}, {headers: {'X-Openstack-Request-Id': id}})
    default:
      return sendJson(res, status, {error: {code: status, message, title: REASONS[status] ?? 'Error'}}, {headers: {'x-openstack-request-id': id}, compact: true})
  }
}

/** Applies a fault to a request: waits its delay, then answers its status. True when it answered. */
export async function applyFault(rule: FaultRule | undefined, service: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (!rule) return false
  if (rule.delayMs) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, rule.delayMs)
      res.once('close', () => {
        clearTimeout(t)
        resolve()
      })
    })
    if (res.destroyed) return true
  }
  if (rule.status === undefined) return false
  req.resume()
  sendFault(res, service, rule.status)
  return true
}
