import type {ServiceClient} from '../../http/service-client.js'

import {findByNameOrId} from '../common/find.js'
import {listAllLinked} from '../common/paginate.js'

// --- types: the network as Neutron returns it (wire names kept) ---
export interface Network {
  id: string
  name: string
  description?: string
  status: string
  admin_state_up: boolean
  shared: boolean
  'router:external'?: boolean
  subnets: string[]
  project_id: string
  tenant_id?: string
  mtu?: number
  availability_zone_hints?: string[]
  availability_zones?: string[]
  'provider:network_type'?: string | null
  'provider:physical_network'?: string | null
  'provider:segmentation_id'?: number | null
  port_security_enabled?: boolean
  tags?: string[]
  created_at?: string
  updated_at?: string
  revision_number?: number
  [key: string]: unknown
}

export interface CreateNetworkOpts {
  name?: string
  description?: string
  admin_state_up?: boolean
  shared?: boolean
  'router:external'?: boolean
  mtu?: number
  availability_zone_hints?: string[]
  'provider:network_type'?: string
  'provider:physical_network'?: string
  'provider:segmentation_id'?: number
  port_security_enabled?: boolean
  project_id?: string
}

export type UpdateNetworkOpts = Omit<CreateNetworkOpts, 'project_id' | 'availability_zone_hints'>

export type ListNetworksQuery = Record<string, string | number | boolean | string[] | undefined>

// --- paths ---
const root = () => '/networks'
const item = (id: string) => `/networks/${encodeURIComponent(id)}`

// --- verbs ---
export async function listNetworks(c: ServiceClient, q?: ListNetworksQuery): Promise<Network[]> {
  return listAllLinked<Network>(c, root(), 'networks', q)
}

export async function getNetwork(c: ServiceClient, id: string): Promise<Network> {
  return (await c.get<{network: Network}>(item(id))).network
}

export async function createNetwork(c: ServiceClient, opts: CreateNetworkOpts): Promise<Network> {
  return (await c.post<{network: Network}>(root(), {network: opts})).network
}

export async function updateNetwork(c: ServiceClient, id: string, opts: UpdateNetworkOpts): Promise<Network> {
  return (await c.put<{network: Network}>(item(id), {network: opts})).network
}

export async function deleteNetwork(c: ServiceClient, id: string): Promise<void> {
  await c.delete(item(id))
}

export async function findNetwork(c: ServiceClient, nameOrId: string): Promise<Network> {
  return findByNameOrId('Network', nameOrId, (id) => getNetwork(c, id), (name) => listNetworks(c, {name}))
}
