import type {ServiceClient} from '../../http/service-client.js'

import {adminCall, idSegment, listPages, type PageOptions, type QueryValue} from './common.js'

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

// --- paths ---
const root = () => '/routings'
const item = (id: string | number) => `/routings/${idSegment('routing', String(id))}`

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
export async function listRoutings(c: ServiceClient, filters: ListRoutingsFilters = {}, page: PageOptions = {}): Promise<Routing[]> {
  return adminCall(listPages<Routing>(c, root(), 'routings', filters as Record<string, QueryValue>, page))
}

export async function getRouting(c: ServiceClient, id: string | number): Promise<Routing> {
  return (await adminCall(c.get<{routing: Routing}>(item(id)))).routing
}

export async function createRouting(c: ServiceClient, opts: CreateRoutingOpts): Promise<Routing> {
  return (await adminCall(c.post<{routing: Routing}>(root(), routingBody(opts)), TYPE_HINT)).routing
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
