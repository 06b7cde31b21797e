import type {ServiceClient} from '../../http/service-client.js'
import type {IdRef, OctaviaQuery} from './loadbalancers.js'

import {listAll, paging} from '../../http/paginate.js'
import {find} from '../../core/find.js'
import {OCTAVIA_LOOKUP} from './find.js'

// --- types ---
export interface SessionPersistence {
  type: string
  cookie_name?: string | null
  persistence_timeout?: number | null
  persistence_granularity?: string | null
}

export interface Pool {
  id: string
  name: string
  description: string
  provisioning_status: string
  operating_status: string
  admin_state_up: boolean
  project_id: string
  protocol: string
  lb_algorithm: string
  session_persistence: SessionPersistence | null
  healthmonitor_id?: string | null
  loadbalancers: IdRef[]
  listeners: IdRef[]
  members: IdRef[]
  tags: string[]
  created_at: string
  updated_at: string | null
  [key: string]: unknown
}

/** Exactly one of `listener_id` / `loadbalancer_id`. */
export interface CreatePoolOpts {
  protocol: string
  lb_algorithm: string
  listener_id?: string
  loadbalancer_id?: string
  name?: string
  description?: string
  session_persistence?: Record<string, string>
  admin_state_up?: boolean
  tags?: string[]
}

// --- paths ---
const root = () => '/lbaas/pools'
const item = (id: string) => `/lbaas/pools/${encodeURIComponent(id)}`

// --- verbs ---
export async function listPools(c: ServiceClient, q?: OctaviaQuery): Promise<Pool[]> {
  return listAll<Pool>(c, paging.links, root(), {key: 'pools', query: q})
}

export async function getPool(c: ServiceClient, id: string): Promise<Pool> {
  return (await c.get<{pool: Pool}>(item(id))).pool
}

export async function createPool(c: ServiceClient, opts: CreatePoolOpts): Promise<Pool> {
  return (await c.post<{pool: Pool}>(root(), {pool: opts})).pool
}

export async function deletePool(c: ServiceClient, id: string): Promise<void> {
  await c.delete(item(id))
}

export async function findPool(c: ServiceClient, nameOrId: string): Promise<Pool> {
  return find({resource: 'pools', get: (id) => getPool(c, id), list: (name) => listPools(c, {name}), ...OCTAVIA_LOOKUP}, nameOrId)
}
