import type {ServiceClient} from '../../http/service-client.js'
import type {TagFilters} from '../../core/tags.js'
import type {NeutronQuery} from './common.js'

import {find} from '../../core/find.js'
import {listAll, paging} from '../../http/paginate.js'
import {tagsAfterSet} from '../../core/tags.js'
import {compact, replaceTags, tagQuery} from './common.js'

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
  is_default?: boolean
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
  is_default?: boolean
  mtu?: number
  availability_zone_hints?: string[]
  'provider:network_type'?: string
  'provider:physical_network'?: string
  'provider:segmentation_id'?: number
  port_security_enabled?: boolean
  vlan_transparent?: boolean
  dns_domain?: string
  project_id?: string
}

export type UpdateNetworkOpts = Omit<CreateNetworkOpts, 'project_id' | 'availability_zone_hints' | 'vlan_transparent'>

export type ListNetworksQuery = NeutronQuery

// --- paths ---
const root = () => '/networks'
const item = (id: string) => `/networks/${encodeURIComponent(id)}`

// --- verbs ---
export async function listNetworks(c: ServiceClient, q?: ListNetworksQuery): Promise<Network[]> {
  return listAll<Network>(c, paging.links, root(), {key: 'networks', query: q})
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
  return find({resource: 'Network', get: (id) => getNetwork(c, id), list: (name) => listNetworks(c, {name})}, nameOrId)
}

// --- operations: what one `openstack network …` command does, in one region ---

/** `network list` filters (OSC ListNetwork), as they go on the wire. */
export interface NetworkListFilters extends TagFilters {
  name?: string
  external?: boolean
  enabled?: boolean
  shared?: boolean
  projectId?: string
  status?: string
  providerNetworkType?: string
  providerPhysicalNetwork?: string
  providerSegment?: string
}

export function networkListQuery(f: NetworkListFilters): ListNetworksQuery {
  return compact({
    name: f.name,
    'router:external': f.external,
    admin_state_up: f.enabled,
    shared: f.shared,
    project_id: f.projectId,
    status: f.status,
    'provider:network_type': f.providerNetworkType,
    'provider:physical_network': f.providerPhysicalNetwork,
    'provider:segmentation_id': f.providerSegment,
    ...tagQuery(f),
  })
}

export interface NetworkTagInput {
  /** `--tag`, repeatable. */
  tags?: string[]
  /** `--no-tag`: none at create; clear the current ones at set. */
  noTag?: boolean
}

/**
 * `network create`: POST, then the tags (Neutron takes no tags in a POST). If tagging fails the
 * new network is deleted again, so a failed command leaves nothing behind.
 */
export async function networkCreate(c: ServiceClient, opts: CreateNetworkOpts, t: NetworkTagInput = {}): Promise<Network> {
  const net = await createNetwork(c, opts)
  const tags = tagsAfterSet(net.tags ?? [], t.tags, t.noTag)
  if (!tags) return net
  try {
    return {...net, tags: await replaceTags(c, 'networks', net.id, tags)}
  } catch (error) {
    await deleteNetwork(c, net.id).catch(() => undefined)
    throw error
  }
}

/** `network set`: find, update the given attributes (if any), then the tags (if they change). */
export async function networkSet(c: ServiceClient, nameOrId: string, opts: UpdateNetworkOpts, t: NetworkTagInput = {}): Promise<Network> {
  let net = await findNetwork(c, nameOrId)
  if (Object.keys(opts).length > 0) net = await updateNetwork(c, net.id, opts)
  const tags = tagsAfterSet(net.tags ?? [], t.tags, t.noTag)
  if (tags) net = {...net, tags: await replaceTags(c, 'networks', net.id, tags)}
  return net
}

/** `network delete` of one name or ID (the caller loops, OSC-style). */
export async function networkDelete(c: ServiceClient, nameOrId: string): Promise<Network> {
  const net = await findNetwork(c, nameOrId)
  await deleteNetwork(c, net.id)
  return net
}
