import type {IncomingMessage, ServerResponse} from 'node:http'

import type {TokenInfo, TokenValidator} from '../common/auth.js'

import {authenticate, origin, readJson, requestId, type ServiceHandler, SimHttpError, sendJson} from '../cloud/http.js'
import {createNetwork, deleteNetwork, getNetwork, updateNetwork, canSeeNetwork} from './networks.js'
import {canSeePort, createPort, deletePort, getPort, updatePort} from './ports.js'
import type {RegionNeutron} from './region.js'
import {addInterface, createRouter, deleteRouter, getRouter, removeInterface, updateRouter} from './routers.js'
import {createGroup, createRule, deleteGroup, deleteRule, getGroup, getRule, updateGroup} from './security-groups.js'
import {AVAILABILITY_ZONES, badRequest, type Caller, DEFAULT_QUOTAS, nerr, type NeutronStore, NOT_FOUND, type Rec} from './store.js'
import {createSubnet, deleteSubnet, getSubnet, updateSubnet} from './subnets.js'
import {COLLECTIONS, SINGULAR, views} from './views.js'

/**
 * The simulated Neutron v2.0 API of one region: networks, subnets, ports, routers (interfaces,
 * routes, gateway), security groups and rules, quotas (with details), tags, availability zones and
 * extensions; filters, `fields`, sorting and native pagination with `*_links` as the real server.
 *
 * Under Tricircle, central networks appear here as RegionNeutron (region.ts) describes.
 */

export interface NeutronOptions {
  region: RegionNeutron
  auth: TokenValidator
  keystoneUri: string
  onChange?: () => void
}

const EXTENSIONS = [
  'address-scope', 'agent', 'allowed-address-pairs', 'auto-allocated-topology', 'availability_zone', 'availability_zone_filter',
  'binding', 'binding-extended', 'default-subnetpools', 'dvr', 'empty-string-filtering', 'external-net', 'extra_dhcp_opt',
  'extraroute', 'extraroute-atomic', 'filter-validation', 'ip-substring-filtering', 'router', 'ext-gw-mode', 'l3-ha',
  'multi-provider', 'net-mtu', 'net-mtu-writable', 'network_availability_zone', 'network-ip-availability', 'pagination',
  'port-security', 'project-id', 'provider', 'quotas', 'quota_details', 'rbac-policies', 'revision-if-match',
  'standard-attr-revisions', 'router_availability_zone', 'security-groups-normalized-cidr', 'security-group',
  'service-type', 'sorting', 'standard-attr-description', 'stateful-security-group', 'subnet-service-types',
  'subnet_allocation', 'standard-attr-tag', 'standard-attr-timestamp',
]

const SPECIAL_QUERY = new Set(['fields', 'limit', 'marker', 'page_reverse', 'sort_key', 'sort_dir', 'tags', 'tags-any', 'not-tags', 'not-tags-any', 'fixed_ips'])

type Handler = (s: NeutronStore, ctx: Caller, id: string, body: Rec) => Rec

const OPS: Record<string, {create: (s: NeutronStore, ctx: Caller, body: Rec) => Rec; get: (s: NeutronStore, ctx: Caller, id: string) => Rec; update: Handler; remove: (s: NeutronStore, ctx: Caller, id: string) => void}> = {
  networks: {create: createNetwork, get: getNetwork, update: updateNetwork, remove: deleteNetwork},
  subnets: {create: createSubnet, get: getSubnet, update: updateSubnet, remove: deleteSubnet},
  ports: {create: createPort, get: getPort, update: updatePort, remove: (s, c, id) => deletePort(s, c, id)},
  routers: {create: createRouter, get: getRouter, update: updateRouter, remove: deleteRouter},
  security_groups: {create: createGroup, get: getGroup, update: updateGroup, remove: deleteGroup},
  security_group_rules: {create: createRule, get: getRule, update: () => {
    throw badRequest('Updating security group rules is not supported')
  }, remove: deleteRule},
}

function visible(s: NeutronStore, ctx: Caller, key: string, r: Rec): boolean {
  if (key === 'networks') return canSeeNetwork(ctx, r)
  if (key === 'ports') return canSeePort(s, ctx, r)
  if (key === 'subnets') {
    const net = s.data.networks.find((n) => n.id === r.network_id)
    return ctx.isAdmin || r.project_id === ctx.projectId || Boolean(net && (net.shared || net['router:external']))
  }
  return s.owns(ctx, r)
}

function parseBool(v: string): boolean | undefined {
  const l = v.toLowerCase()
  if (['true', '1'].includes(l)) return true
  if (['false', '0'].includes(l)) return false
  return undefined
}

function matches(value: unknown, wanted: string[]): boolean {
  return wanted.some((w) => {
    if (typeof value === 'boolean') return parseBool(w) === value
    if (typeof value === 'number') return Number(w) === value
    if (value === null) return w === '' || w.toLowerCase() === 'none'
    if (Array.isArray(value)) return value.includes(w)
    return String(value) === w
  })
}

function applyFilters(rows: Rec[], query: URLSearchParams, known: Set<string>): Rec[] {
  const unknown = [...new Set(query.keys())].filter((k) => !SPECIAL_QUERY.has(k) && !known.has(k))
  if (unknown.length) throw badRequest(`[${unknown.map((k) => `'${k}'`).join(', ')}] is invalid attribute for filtering`)
  let out = rows
  for (const key of new Set(query.keys())) {
    if (SPECIAL_QUERY.has(key)) continue
    const wanted = query.getAll(key)
    out = out.filter((r) => matches(r[key], wanted))
  }
  const list = (k: string) => query.getAll(k).flatMap((v) => v.split(',')).filter(Boolean)
  const tags = list('tags')
  const any = list('tags-any')
  const notTags = list('not-tags')
  const notAny = list('not-tags-any')
  if (tags.length) out = out.filter((r) => tags.every((t) => r.tags?.includes(t)))
  if (any.length) out = out.filter((r) => any.some((t) => r.tags?.includes(t)))
  if (notTags.length) out = out.filter((r) => !notTags.every((t) => r.tags?.includes(t)))
  if (notAny.length) out = out.filter((r) => !notAny.some((t) => r.tags?.includes(t)))
  for (const spec of query.getAll('fixed_ips')) {
    const [k, v] = spec.split('=')
    out = out.filter((r) =>
      (r.fixed_ips as Rec[] | undefined)?.some((f) => (k === 'ip_address_substr' ? String(f.ip_address).includes(v) : String(f[k]) === v)),
    )
  }
  return out
}

function sortRows(rows: Rec[], keys: string[], dirs: string[]): Rec[] {
  const all = keys.includes('id') ? keys : [...keys, 'id']
  return [...rows].sort((a, b) => {
    for (let i = 0; i < all.length; i++) {
      const k = all[i]
      const d = (dirs[i] ?? 'asc') === 'desc' ? -1 : 1
      const av = a[k]
      const bv = b[k]
      if (av === bv) continue
      if (av === null || av === undefined) return -d
      if (bv === null || bv === undefined) return d
      return (av < bv ? -1 : 1) * d
    }
    return 0
  })
}

/** Neutron's `get_pagination_links`: next when the page is full (or reversed), previous unless a reversed page is short. */
function pageLinks(base: string, collection: string, query: URLSearchParams, items: Rec[], limit: number, reverse: boolean): Rec[] {
  const links: Rec[] = []
  const href = (marker: string | undefined, rev: boolean) => {
    const q = new URLSearchParams()
    for (const [k, v] of query) if (k !== 'marker' && k !== 'page_reverse') q.append(k, v)
    if (marker) q.append('marker', marker)
    if (rev) q.append('page_reverse', 'True')
    return `${base}/v2.0/${collection}?${q.toString()}`
  }
  if (!(items.length < limit && !reverse)) links.push({rel: 'next', href: href(items.at(-1)?.id, false)})
  if (!(items.length < limit && reverse)) links.push({rel: 'previous', href: href(items[0]?.id, true)})
  return links
}

export function createNeutron(opts: NeutronOptions): ServiceHandler & {store: NeutronStore} {
  const region = opts.region
  const s = region.store

  const materializeFrom = (key: string, id: string | undefined, b: Rec | undefined) => region.materializeFrom(key, id, b)
  const createPortHere = (ctx: Caller, b: Rec) => region.createPort(ctx, b)
  const deletePortHere = (ctx: Caller, id: string) => region.deletePort(ctx, id)

  async function body(req: IncomingMessage): Promise<Rec | undefined> {
    const parsed = await readJson(req, () => badRequest('Body contains invalid data'))
    if (parsed !== undefined && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) throw badRequest('Body contains invalid data')
    return parsed as Rec | undefined
  }

  async function resourceBody(req: IncomingMessage, key: string): Promise<Rec> {
    const b = await body(req)
    const single = SINGULAR[key]
    if (!b || b[single] === undefined) throw badRequest(`Unable to find '${single}' in request body`)
    if (typeof b[single] !== 'object' || b[single] === null || Array.isArray(b[single])) throw badRequest(`Invalid input for ${single}. Reason: the body is not a dictionary.`)
    return b[single] as Rec
  }

  function view(ctx: Caller, key: string, r: Rec, fields: string[]): Rec {
    const v = views[key](s, ctx, r)
    if (!fields.length) return v
    const out: Rec = {}
    for (const f of fields) if (f in v) out[f] = v[f]
    return out
  }

  function list(ctx: Caller, key: string, collection: string, query: URLSearchParams, base: string): Rec {
    if (key === 'security_groups') s.defaultSecurityGroup(query.get('project_id') ?? query.get('tenant_id') ?? ctx.projectId)
    const all = (s.data[key as keyof typeof s.data] as Rec[]).filter((r) => visible(s, ctx, key, r)).map((r) => views[key](s, ctx, r))
    const known = new Set(all.length ? Object.keys(all[0]) : Object.keys(views[key](s, ctx, {})))
    known.add('tenant_id')
    known.add('project_id')
    let rows = applyFilters(all, query, known)
    const limitRaw = query.get('limit')
    const limit = limitRaw === null ? 0 : Number(limitRaw)
    if (limitRaw !== null && (!Number.isInteger(limit) || limit < 0)) throw badRequest(`Limit must be an integer 0 or greater and not '${limitRaw}'`)
    const reverse = parseBool(query.get('page_reverse') ?? 'false') === true
    const sortKeys = query.getAll('sort_key')
    const sortDirs = query.getAll('sort_dir')
    for (const d of sortDirs) if (!['asc', 'desc'].includes(d)) throw badRequest(`Sort direction '${d}' is invalid. Valid values are: asc, desc`)
    for (const k of sortKeys) if (!known.has(k)) throw badRequest(`['${k}'] is invalid attribute for sort_keys`)
    rows = sortRows(rows, sortKeys, sortDirs)
    const marker = query.get('marker')
    let links: Rec[] | undefined
    if (limit > 0) {
      if (reverse) rows = rows.reverse()
      if (marker) {
        const at = rows.findIndex((r) => r.id === marker)
        if (at < 0) throw NOT_FOUND[key](marker)
        rows = rows.slice(at + 1)
      }
      rows = rows.slice(0, limit)
      if (reverse) rows = rows.reverse()
      links = pageLinks(base, collection, query, rows, limit, reverse)
    }
    const fields = query.getAll('fields')
    const shaped = rows.map((r) => {
      if (!fields.length) return r
      const out: Rec = {}
      for (const f of fields) if (f in r) out[f] = r[f]
      return out
    })
    return links ? {[key]: shaped, [`${key}_links`]: links} : {[key]: shaped}
  }

  function tags(ctx: Caller, key: string, id: string, method: string, tag: string | undefined, b: Rec | undefined): {status: number; body?: unknown} {
    materializeFrom(key, id, undefined)
    const r = OPS[key].get(s, ctx, id)
    if (!s.owns(ctx, r)) throw nerr(403, 'HTTPForbidden', `(rule:update_${SINGULAR[key]}:tags) is disallowed by policy`)
    const current = r.tags as string[]
    if (method === 'GET' && tag === undefined) return {status: 200, body: {tags: current}}
    if (method === 'GET') {
      if (!current.includes(tag!)) throw nerr(404, 'TagNotFound', `Tag ${tag} could not be found for ${SINGULAR[key]} ${id}.`)
      return {status: 204}
    }
    if (method === 'PUT' && tag === undefined) {
      if (!b || !Array.isArray(b.tags)) throw badRequest(`Invalid input for tags. Reason: '${JSON.stringify(b)}' is not a list.`)
      const given = [...new Set((b.tags as unknown[]).map(String))]
      r.tags = [...given].sort()
      s.touch(r)
      return {status: 200, body: {tags: given}}
    }
    if (method === 'PUT') {
      if (tag!.length > 255) throw badRequest(`Invalid input for tags. Reason: '${tag}' exceeds maximum length of 255.`)
      if (!current.includes(tag!)) {
        r.tags = [...current, tag!].sort()
        s.touch(r)
      }
      return {status: 201, body: null}
    }
    if (method === 'DELETE' && tag === undefined) {
      r.tags = []
      s.touch(r)
      return {status: 204}
    }
    if (method === 'DELETE') {
      if (!current.includes(tag!)) throw nerr(404, 'TagNotFound', `Tag ${tag} could not be found for ${SINGULAR[key]} ${id}.`)
      r.tags = current.filter((t) => t !== tag)
      s.touch(r)
      return {status: 204}
    }
    throw nerr(405, 'HTTPMethodNotAllowed', 'The method is not allowed for this resource.')
  }

  function quotas(ctx: Caller, method: string, seg: string[], b: Rec | undefined): {status: number; body?: unknown} {
    if (seg.length === 1) {
      if (method !== 'GET') throw nerr(405, 'HTTPMethodNotAllowed', 'The method is not allowed for this resource.')
      if (!ctx.isAdmin) throw nerr(403, 'AdminRequired', 'User does not have admin privileges: Cannot GET resource for non admin tenant.')
      return {status: 200, body: {quotas: Object.entries(s.data.quotas).map(([p, q]) => ({...DEFAULT_QUOTAS, ...q, project_id: p, tenant_id: p}))}}
    }
    const project = seg[1]
    if (!ctx.isAdmin && project !== ctx.projectId) {
      throw nerr(403, 'HTTPForbidden', "(rule:get_quota) is disallowed by policy")
    }
    const sub = seg[2]
    if (method === 'GET' && sub === 'default') return {status: 200, body: {quota: {...DEFAULT_QUOTAS}}}
    if (method === 'GET' && sub === 'details') {
      const limits = s.quotaLimits(project)
      const used = s.usage(project)
      return {status: 200, body: {quota: Object.fromEntries(Object.keys(DEFAULT_QUOTAS).map((k) => [k, {limit: limits[k], used: used[k], reserved: 0}]))}}
    }
    if (sub !== undefined) throw nerr(404, 'HTTPNotFound', 'The resource could not be found.')
    if (method === 'GET') return {status: 200, body: {quota: s.quotaLimits(project)}}
    if (!ctx.isAdmin) throw nerr(403, 'AdminRequired', 'User does not have admin privileges: Cannot PUT resource for non admin tenant.')
    if (method === 'PUT') {
      const q = b?.quota as Rec | undefined
      if (!q || typeof q !== 'object') throw badRequest("Unable to find 'quota' in request body")
      const next = {...s.data.quotas[project]}
      for (const [k, v] of Object.entries(q)) {
        if (k === 'check_limit' || k === 'force') continue
        if (DEFAULT_QUOTAS[k] === undefined) throw badRequest(`Unrecognized attribute(s) '${k}'`)
        const n = Number(v)
        if (!Number.isInteger(n) || n < -1) throw badRequest(`Invalid input for ${k}. Reason: '${v}' should be an integer greater than or equal to -1.`)
        next[k] = n
      }
      s.data.quotas[project] = next
      return {status: 200, body: {quota: s.quotaLimits(project)}}
    }
    if (method === 'DELETE') {
      delete s.data.quotas[project]
      return {status: 204}
    }
    throw nerr(405, 'HTTPMethodNotAllowed', 'The method is not allowed for this resource.')
  }

  async function route(req: IncomingMessage, res: ServerResponse, reqId: string, info: TokenInfo): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', 'http://sim.invalid')
    const path = url.pathname.replace(/\.json$/, '')
    const query = url.searchParams
    const base = origin(req)
    const ctx: Caller = {projectId: info.projectId, isAdmin: info.isAdmin}
    const ok = (status: number, b: unknown) => sendJson(res, status, b, {headers: {'X-Openstack-Request-Id': reqId}, compact: true})
    const seg = path.split('/').filter(Boolean).slice(1).map(decodeURIComponent)
    const mutating = method !== 'GET' && method !== 'HEAD'
    const done = (status: number, b: unknown) => {
      if (mutating) opts.onChange?.()
      ok(status, b)
    }

    if (seg.length === 0) {
      req.resume()
      return ok(200, {
        resources: ['network', 'subnet', 'subnetpool', 'port'].map((n) => ({name: n, collection: `${n}s`, links: [{rel: 'self', href: `${base}/v2.0/${n}s`}]})),
      })
    }
    const [first, second, third, fourth] = seg
    if (first === 'extensions') {
      req.resume()
      const ext = (alias: string) => ({name: alias, alias, description: alias, updated: '2026-01-01T10:00:00-00:00', links: []})
      if (!second) return ok(200, {extensions: EXTENSIONS.map(ext)})
      if (!EXTENSIONS.includes(second)) throw nerr(404, 'HTTPNotFound', `Extension with alias ${second} does not exist`)
      return ok(200, {extension: ext(second)})
    }
    if (first === 'availability_zones') {
      req.resume()
      return ok(200, {availability_zones: AVAILABILITY_ZONES.flatMap((name) => ['network', 'router'].map((resource) => ({name, resource, state: 'available'})))})
    }
    if (first === 'quotas') return done(...(Object.values(quotas(ctx, method, seg, mutating ? await body(req) : (req.resume(), undefined))) as [number, unknown]))
    if (['subnetpools', 'floatingips', 'address-scopes', 'segments', 'rbac-policies', 'network-ip-availabilities', 'agents'].includes(first) && !second) {
      req.resume()
      if (method !== 'GET') throw nerr(403, 'HTTPForbidden', `The simulator does not implement ${first}.`)
      return ok(200, {[first.replace(/-/g, '_')]: []})
    }
    const key = COLLECTIONS[first]
    if (!key) {
      req.resume()
      throw nerr(404, 'HTTPNotFound', 'The resource could not be found.')
    }
    const ops = OPS[key]
    if (third === 'tags') {
      const b = method === 'PUT' && fourth === undefined ? await body(req) : (req.resume(), undefined)
      const r = tags(ctx, key, second, method, fourth, b)
      if (mutating) opts.onChange?.()
      if (r.status === 204) return ok(204, undefined)
      return ok(r.status, r.body)
    }
    if (key === 'routers' && (third === 'add_router_interface' || third === 'remove_router_interface')) {
      if (method !== 'PUT') throw nerr(405, 'HTTPMethodNotAllowed', 'The method is not allowed for this resource.')
      const b = (await body(req)) ?? {}
      materializeFrom(key, undefined, b)
      return done(200, third === 'add_router_interface' ? addInterface(s, ctx, second, b) : removeInterface(s, ctx, second, b))
    }
    if (third !== undefined) {
      req.resume()
      throw nerr(404, 'HTTPNotFound', 'The resource could not be found.')
    }
    if (second === undefined) {
      if (method === 'GET') {
        req.resume()
        return ok(200, list(ctx, key, first, query, base))
      }
      if (method === 'POST') {
        const b = await body(req)
        const single = SINGULAR[key]
        if (b && Array.isArray(b[key])) {
          const made: Rec[] = []
          try {
            for (const item of b[key] as Rec[]) {
              materializeFrom(key, undefined, item)
              made.push(key === 'ports' ? createPortHere(ctx, item) : ops.create(s, ctx, item))
            }
          } catch (error) {
            for (const m of made) (s.data[key as 'networks'] as Rec[]).splice((s.data[key as 'networks'] as Rec[]).indexOf(m), 1)
            throw error
          }
          return done(201, {[key]: made.map((m) => view(ctx, key, m, []))})
        }
        if (!b || b[single] === undefined) throw badRequest(`Unable to find '${single}' in request body`)
        const item = b[single] as Rec
        if (typeof item !== 'object' || item === null) throw badRequest(`Invalid input for ${single}. Reason: the body is not a dictionary.`)
        materializeFrom(key, undefined, item)
        const made = key === 'ports' ? createPortHere(ctx, item) : ops.create(s, ctx, item)
        const v = view(ctx, key, made, [])
        if (key === 'networks') v.is_default = made.is_default ?? false
        return done(201, {[single]: v})
      }
      req.resume()
      if (method === 'PUT' || method === 'DELETE') throw NOT_FOUND[key]('None')
      throw nerr(405, 'HTTPMethodNotAllowed', 'The method is not allowed for this resource.')
    }
    if (method === 'GET') {
      req.resume()
      materializeFrom(key, second, undefined)
      return ok(200, {[SINGULAR[key]]: view(ctx, key, ops.get(s, ctx, second), query.getAll('fields'))})
    }
    if (method === 'PUT') {
      const item = await resourceBody(req, key)
      materializeFrom(key, second, item)
      const updated = key === 'ports' ? region.updatePort(ctx, second, item) : ops.update(s, ctx, second, item)
      return done(200, {[SINGULAR[key]]: view(ctx, key, updated, [])})
    }
    if (method === 'DELETE') {
      req.resume()
      materializeFrom(key, second, undefined)
      if (key === 'ports') deletePortHere(ctx, second)
      else ops.remove(s, ctx, second)
      return done(204, undefined)
    }
    req.resume()
    throw nerr(405, 'HTTPMethodNotAllowed', 'The method is not allowed for this resource.')
  }

  return {
    store: s,
    async handle(req, res) {
      region.dropOrphans()
      const reqId = requestId()
      try {
        const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname
        if (path === '/' || path === '') {
          req.resume()
          return sendJson(res, 200, {versions: [{id: 'v2.0', status: 'CURRENT', links: [{rel: 'self', href: `${origin(req)}/v2.0/`}]}]})
        }
        const info = await authenticate(req, res, opts.auth, opts.keystoneUri, {'X-Openstack-Request-Id': reqId})
        if (!info) return
        if (!path.startsWith('/v2.0')) {
          req.resume()
          throw nerr(404, 'HTTPNotFound', 'The resource could not be found.')
        }
        await route(req, res, reqId, info)
      } catch (err) {
        req.resume()
        const e = err instanceof SimHttpError ? err : new SimHttpError(500, 'Request Failed: internal server error while processing your request.', 'HTTPInternalServerError')
        if (!(err instanceof SimHttpError)) console.error(`neutron sim (${s.region}):`, err)
        sendJson(res, e.status, {NeutronError: {type: e.type || 'HTTPError', message: e.message, detail: ''}}, {headers: {'X-Openstack-Request-Id': reqId}})
      }
    },
  }
}
