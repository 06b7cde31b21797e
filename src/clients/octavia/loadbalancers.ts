import type {ServiceClient} from '../../http/service-client.js'

import {listAll, paging} from '../../http/paginate.js'
import {find} from '../../core/find.js'
import {OCTAVIA_LOOKUP} from './find.js'

// --- types: the load balancer as Octavia v2 returns it (wire names kept) ---
export interface IdRef {
  id: string
}

export interface AdditionalVip {
  subnet_id: string
  ip_address?: string
}

export interface LoadBalancer {
  id: string
  name: string
  description: string
  provisioning_status: string
  operating_status: string
  admin_state_up: boolean
  project_id: string
  created_at: string
  updated_at: string | null
  vip_address: string
  vip_port_id: string
  vip_subnet_id: string
  vip_network_id: string
  vip_qos_policy_id: string | null
  additional_vips?: AdditionalVip[]
  listeners: IdRef[]
  pools: IdRef[]
  provider: string
  flavor_id: string | null
  availability_zone: string | null
  tags: string[]
  [key: string]: unknown
}

export interface CreateLoadBalancerOpts {
  name?: string
  description?: string
  vip_address?: string
  vip_port_id?: string
  vip_subnet_id?: string
  vip_network_id?: string
  vip_qos_policy_id?: string | null
  additional_vips?: AdditionalVip[]
  project_id?: string
  provider?: string
  availability_zone?: string
  admin_state_up?: boolean
  flavor_id?: string
  tags?: string[]
}

export interface UpdateLoadBalancerOpts {
  name?: string
  description?: string
  vip_qos_policy_id?: string | null
  admin_state_up?: boolean
  tags?: string[]
}

export type OctaviaQuery = Record<string, string | number | boolean | string[] | undefined>

/** `GET …/loadbalancers/{id}/status`: the status tree (`statuses` unwrapped). */
export interface LoadBalancerStatusTree {
  loadbalancer: {
    id: string
    name: string
    provisioning_status: string
    operating_status: string
    listeners?: unknown[]
    [key: string]: unknown
  }
}

export interface LoadBalancerStats {
  active_connections: number
  bytes_in: number
  bytes_out: number
  request_errors: number
  total_connections: number
  [key: string]: unknown
}

// --- paths ---
const root = () => '/lbaas/loadbalancers'
const item = (id: string) => `/lbaas/loadbalancers/${encodeURIComponent(id)}`

// --- verbs ---
export async function listLoadBalancers(c: ServiceClient, q?: OctaviaQuery): Promise<LoadBalancer[]> {
  return listAll<LoadBalancer>(c, paging.links, root(), {key: 'loadbalancers', query: q})
}

export async function getLoadBalancer(c: ServiceClient, id: string): Promise<LoadBalancer> {
  return (await c.get<{loadbalancer: LoadBalancer}>(item(id))).loadbalancer
}

export async function createLoadBalancer(c: ServiceClient, opts: CreateLoadBalancerOpts): Promise<LoadBalancer> {
  return (await c.post<{loadbalancer: LoadBalancer}>(root(), {loadbalancer: opts})).loadbalancer
}

export async function updateLoadBalancer(c: ServiceClient, id: string, opts: UpdateLoadBalancerOpts): Promise<LoadBalancer> {
  return (await c.put<{loadbalancer: LoadBalancer}>(item(id), {loadbalancer: opts})).loadbalancer
}

/** `DELETE …/loadbalancers/{id}`; `cascade` also deletes the listeners, pools and members. */
export async function deleteLoadBalancer(c: ServiceClient, id: string, opts: {cascade?: boolean} = {}): Promise<void> {
  await c.delete(item(id), opts.cascade ? {cascade: true} : undefined)
}

export async function getLoadBalancerStatus(c: ServiceClient, id: string): Promise<LoadBalancerStatusTree> {
  return (await c.get<{statuses: LoadBalancerStatusTree}>(`${item(id)}/status`)).statuses
}

export async function getLoadBalancerStats(c: ServiceClient, id: string): Promise<LoadBalancerStats> {
  return (await c.get<{stats: LoadBalancerStats}>(`${item(id)}/stats`)).stats
}

export async function findLoadBalancer(c: ServiceClient, nameOrId: string): Promise<LoadBalancer> {
  return find({resource: 'loadbalancers', get: (id) => getLoadBalancer(c, id), list: (name) => listLoadBalancers(c, {name}), ...OCTAVIA_LOOKUP}, nameOrId)
}

/** `--flavor`: an ID is sent as it is; a name is looked up in `GET /lbaas/flavors?name=`. */
export async function resolveFlavorId(c: ServiceClient, nameOrId: string): Promise<string> {
  const flavor = await find<{id: string; name: string}>(
    {
      resource: 'flavors',
      get: async (id) => (await c.get<{flavor: {id: string; name: string}}>(`/lbaas/flavors/${encodeURIComponent(id)}`)).flavor,
      list: (name) => listAll(c, paging.links, '/lbaas/flavors', {key: 'flavors', query: {name}}),
      ...OCTAVIA_LOOKUP,
    },
    nameOrId,
  )
  return flavor.id
}
