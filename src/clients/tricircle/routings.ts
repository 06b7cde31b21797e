import type {ServiceClient} from '../../http/service-client.js'

import {ApiError, UsageError} from '../../core/errors.js'

import {listAll, type MarkerPage, paging} from '../../http/paginate.js'
import {pathSegment} from '../../http/service-client.js'
import {adminCall} from './common.js'

/**
 * Types the admin API accepts on routing create and update. python-tricircleclient offers only
 * the first five; the server takes all eleven (qos_policy included).
 */
export const ROUTING_RESOURCE_TYPES = [
  'network',
  'subnet',
  'port',
  'router',
  'security_group',
  'trunk',
  'port_pair',
  'port_pair_group',
  'flow_classifier',
  'port_chain',
  'qos_policy',
] as const

/**
 * Types a routing list may filter on: every type Tricircle writes into the table (its
 * `constants.py`), shadow and north-south ones included. The server takes any string here.
 */
export const ROUTING_LIST_RESOURCE_TYPES = [
  'network',
  'shadow_network',
  'subnet',
  'shadow_subnet',
  'port',
  'shadow_port',
  'trunk',
  'port_pair',
  'port_pair_group',
  'flow_classifier',
  'port_chain',
  'router',
  'ns_router',
  'security_group',
  'floatingip',
  'qos_policy',
] as const

// --- types ---
export interface Routing {
  /** An integer. */
  id: number
  top_id: string
  /** null while the bottom resource is being made (a lock row). */
  bottom_id: string | null
  pod_id: string
  project_id: string
  resource_type: string
  created_at: string
  updated_at: string | null
  [key: string]: unknown
}

export interface RoutingFields {
  top_id?: string
  bottom_id?: string
  pod_id?: string
  project_id?: string
  resource_type?: string
}

export type CreateRoutingOpts = Required<RoutingFields>

/** Equality filters of `GET /routings`. `project_id` is replaced by the token's project on the server. */
export interface ListRoutingsFilters {
  id?: number
  top_id?: string
  bottom_id?: string
  pod_id?: string
  project_id?: string
  resource_type?: string
  created_at?: string
  updated_at?: string
}

const TYPE_HINT: Array<[RegExp, string]> = [[/^There is no such resource type/, `valid resource types: ${ROUTING_RESOURCE_TYPES.join(', ')}`]]

/**
 * `--created-at`/`--updated-at` of `routing list`: the server compares the column for equality
 * with whatever string it gets, so a value that is not a date-time matched nothing and printed an
 * empty list. Accepted: `YYYY-MM-DD HH:MM:SS` (as the server prints it; `T` and a fraction allowed)
 * or `YYYY-MM-DD` (midnight), with a real calendar date and time. Returns the value as given.
 */
export function checkRoutingTime(value: string, flag: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?)?$/.exec(value.trim())
  const [y, mo, d, h, mi, sec] = (m?.slice(1, 7) ?? []).map((x) => Number(x ?? 0))
  const date = m ? new Date(Date.UTC(y, mo - 1, d)) : undefined
  const valid = date !== undefined && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && sec < 60
  if (!valid) {
    throw new UsageError(`${flag} ${JSON.stringify(value)} is not a date and time`, [
      `give it as the server prints it: ${flag} "2024-05-01 13:45:00" (or a date, YYYY-MM-DD, for midnight)`,
    ])
  }
  return value
}

// --- paths ---
const root = () => '/routings'
const item = (id: string | number) => `/routings/${pathSegment('routing ID', String(id))}`

/** Only the fields that were given (an empty string is sent, for the server to refuse by name). */
export function routingBody(fields: RoutingFields): {routing: Record<string, string>} {
  const routing: Record<string, string> = {}
  for (const k of ['top_id', 'bottom_id', 'pod_id', 'project_id', 'resource_type'] as const) {
    const v = fields[k]
    if (v !== undefined) routing[k] = v
  }
  return {routing}
}

// --- verbs ---
/** One page with `page.limit`, else every page (filters re-sent on each). */
export async function listRoutings(c: ServiceClient, filters: ListRoutingsFilters = {}, page: MarkerPage = {}): Promise<Routing[]> {
  const query = {...filters, limit: page.limit, marker: page.marker}
  return adminCall(listAll<Routing>(c, paging.marker, root(), {key: 'routings', query, onePage: page.limit !== undefined}))
}

export async function getRouting(c: ServiceClient, id: string | number): Promise<Routing> {
  return (await adminCall(c.get<{routing: Routing}>(item(id)))).routing
}

/**
 * A real Tricircle (on MySQL) answers a routing whose pod does not exist, or a value longer than
 * its column, with an unexplained 500 "Failed to create resource routing": the pods are then
 * listed, and the hint names the likely cause.
 */
export async function createRouting(c: ServiceClient, opts: CreateRoutingOpts): Promise<Routing> {
  try {
    return (await adminCall(c.post<{routing: Routing}>(root(), routingBody(opts)), TYPE_HINT)).routing
  } catch (error) {
    if (error instanceof ApiError && error.status === 500) error.actions.push(...(await routingCreateHints(c, opts)))
    throw error
  }
}

/** The column widths of `cascaded_pods_resource_routing` on MySQL. */
const COLUMN_WIDTHS: Record<keyof CreateRoutingOpts, number> = {top_id: 127, bottom_id: 36, pod_id: 36, project_id: 36, resource_type: 64}

async function routingCreateHints(c: ServiceClient, opts: CreateRoutingOpts): Promise<string[]> {
  const hints = (Object.keys(COLUMN_WIDTHS) as Array<keyof CreateRoutingOpts>)
    .filter((k) => opts[k].length > COLUMN_WIDTHS[k])
    .map((k) => `--${k.replace('_', '-')} is ${opts[k].length} characters long; the server's column holds ${COLUMN_WIDTHS[k]}`)
  try {
    const pods = (await c.get<{pods?: Array<{pod_id: string}>}>('/pods')).pods ?? []
    if (!pods.some((p) => p.pod_id === opts.pod_id)) {
      hints.unshift(`pod ${opts.pod_id} does not exist: see mrctl multiregion networking pod list`)
    }
  } catch {
    if (hints.length === 0) hints.push(`check that pod ${opts.pod_id} exists: mrctl multiregion networking pod list`)
  }
  return hints
}

/**
 * `PUT /routings/{id}` with only the given fields (`{"routing": {}}` is a no-op the server
 * accepts). The answer carries the new values but the old `updated_at`.
 */
export async function updateRouting(c: ServiceClient, id: string | number, fields: RoutingFields): Promise<Routing> {
  return (await adminCall(c.put<{routing: Routing}>(item(id), routingBody(fields)), TYPE_HINT)).routing
}

/** 204, empty body. */
export async function deleteRouting(c: ServiceClient, id: string | number): Promise<void> {
  await adminCall(c.delete(item(id)))
}
