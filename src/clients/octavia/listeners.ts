import type {ServiceClient} from '../../http/service-client.js'
import type {IdRef, OctaviaQuery} from './loadbalancers.js'

import {listAll, paging} from '../../http/paginate.js'
import {find} from '../../core/find.js'
import {OCTAVIA_LOOKUP} from './find.js'

// --- types ---
export interface Listener {
  id: string
  name: string
  description: string
  provisioning_status: string
  operating_status: string
  admin_state_up: boolean
  project_id: string
  protocol: string
  protocol_port: number
  connection_limit: number
  default_pool_id: string | null
  loadbalancers: IdRef[]
  l7policies: IdRef[]
  insert_headers: Record<string, string> | null
  allowed_cidrs: string[] | null
  tags: string[]
  created_at: string
  updated_at: string | null
  [key: string]: unknown
}

export interface CreateListenerOpts {
  loadbalancer_id: string
  protocol: string
  protocol_port: number
  name?: string
  description?: string
  connection_limit?: number
  default_pool_id?: string
  admin_state_up?: boolean
  insert_headers?: Record<string, string>
  timeout_client_data?: number
  timeout_member_connect?: number
  timeout_member_data?: number
  timeout_tcp_inspect?: number
  allowed_cidrs?: string[]
  tags?: string[]
}

// --- paths ---
const root = () => '/lbaas/listeners'
const item = (id: string) => `/lbaas/listeners/${encodeURIComponent(id)}`

// --- verbs ---
export async function listListeners(c: ServiceClient, q?: OctaviaQuery): Promise<Listener[]> {
  return listAll<Listener>(c, paging.links, root(), {key: 'listeners', query: q})
}

export async function getListener(c: ServiceClient, id: string): Promise<Listener> {
  return (await c.get<{listener: Listener}>(item(id))).listener
}

export async function createListener(c: ServiceClient, opts: CreateListenerOpts): Promise<Listener> {
  return (await c.post<{listener: Listener}>(root(), {listener: opts})).listener
}

export async function deleteListener(c: ServiceClient, id: string): Promise<void> {
  await c.delete(item(id))
}

export async function findListener(c: ServiceClient, nameOrId: string): Promise<Listener> {
  return find({resource: 'listeners', get: (id) => getListener(c, id), list: (name) => listListeners(c, {name}), ...OCTAVIA_LOOKUP}, nameOrId)
}
