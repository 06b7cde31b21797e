import type {ServiceClient} from '../../http/service-client.js'
import type {NeutronQuery} from './common.js'

import {listAll, paging} from '../../http/paginate.js'

// --- types: the floating IP as Neutron returns it ---
export interface FloatingIp {
  id: string
  floating_ip_address: string
  floating_network_id: string
  fixed_ip_address: string | null
  port_id: string | null
  router_id?: string | null
  project_id?: string
  status?: string
  [key: string]: unknown
}

// --- paths ---
const root = () => '/floatingips'

// --- verbs ---
export async function listFloatingIps(c: ServiceClient, q?: NeutronQuery): Promise<FloatingIp[]> {
  return listAll<FloatingIp>(c, paging.links, root(), {key: 'floatingips', query: q})
}
