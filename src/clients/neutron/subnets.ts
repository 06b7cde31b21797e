import type {ServiceClient} from '../../http/service-client.js'
import type {TagFilters} from '../../core/tags.js'
import type {NeutronQuery} from './common.js'
import type {Cidr} from './input.js'

import {UsageError} from '../../core/errors.js'
import {find} from '../../core/find.js'
import {listAll, paging} from '../../http/paginate.js'
import {tagsAfterSet} from '../../core/tags.js'
import {compact, replaceTags, tagQuery} from './common.js'
import {parseKeyValues} from '../../core/key-values.js'
import {cidrContains, requireCidr, requireIp} from './input.js'
import {findNetwork} from './networks.js'

// --- types: the subnet as Neutron returns it ---
export interface AllocationPool {
  start: string
  end: string
}

export interface HostRoute {
  destination: string
  nexthop: string
}

export interface Subnet {
  id: string
  name: string
  network_id: string
  cidr: string
  ip_version: 4 | 6
  gateway_ip: string | null
  enable_dhcp: boolean
  allocation_pools: AllocationPool[]
  dns_nameservers: string[]
  host_routes: HostRoute[]
  service_types?: string[]
  project_id: string
  tags?: string[]
  [key: string]: unknown
}

export interface CreateSubnetOpts {
  name?: string
  network_id: string
  cidr?: string
  ip_version: 4 | 6
  gateway_ip?: string | null
  enable_dhcp?: boolean
  allocation_pools?: AllocationPool[]
  dns_nameservers?: string[]
  host_routes?: HostRoute[]
  service_types?: string[]
  description?: string
  ipv6_ra_mode?: string
  ipv6_address_mode?: string
  dns_publish_fixed_ip?: boolean
  project_id?: string
}

export type UpdateSubnetOpts = Partial<
  Pick<
    CreateSubnetOpts,
    'name' | 'gateway_ip' | 'enable_dhcp' | 'allocation_pools' | 'dns_nameservers' | 'host_routes' | 'service_types' | 'description' | 'dns_publish_fixed_ip'
  >
>

// --- paths ---
const root = () => '/subnets'
const item = (id: string) => `/subnets/${encodeURIComponent(id)}`

// --- verbs ---
export async function listSubnets(c: ServiceClient, q?: NeutronQuery): Promise<Subnet[]> {
  return listAll<Subnet>(c, paging.links, root(), {key: 'subnets', query: q})
}

export async function getSubnet(c: ServiceClient, id: string): Promise<Subnet> {
  return (await c.get<{subnet: Subnet}>(item(id))).subnet
}

export async function createSubnet(c: ServiceClient, opts: CreateSubnetOpts): Promise<Subnet> {
  return (await c.post<{subnet: Subnet}>(root(), {subnet: opts})).subnet
}

export async function updateSubnet(c: ServiceClient, id: string, opts: UpdateSubnetOpts): Promise<Subnet> {
  return (await c.put<{subnet: Subnet}>(item(id), {subnet: opts})).subnet
}

export async function deleteSubnet(c: ServiceClient, id: string): Promise<void> {
  await c.delete(item(id))
}

export async function findSubnet(c: ServiceClient, nameOrId: string): Promise<Subnet> {
  return find({resource: 'Subnet', get: (id) => getSubnet(c, id), list: (name) => listSubnets(c, {name})}, nameOrId)
}

// --- input checks (pure; they run before any call) ---

/** `--allocation-pool start=<ip>,end=<ip>` values, checked against the range when known. */
export function parseAllocationPools(values: string[] | undefined, cidr?: Cidr, version?: 4 | 6): AllocationPool[] | undefined {
  if (!values) return undefined
  return values.map((v) => {
    const kv = parseKeyValues('--allocation-pool', v, {required: ['start', 'end']})
    const start = requireIp('--allocation-pool start', kv.start, version)
    const end = requireIp('--allocation-pool end', kv.end, version ?? start.version)
    if (start.value > end.value) throw new UsageError(`--allocation-pool ${v}: start ${kv.start} is after end ${kv.end}`)
    if (cidr && !(cidrContains(cidr, start) && cidrContains(cidr, end))) {
      throw new UsageError(`--allocation-pool ${v}: the pool ${kv.start}-${kv.end} is not inside the subnet range ${cidr.text}`)
    }
    return {start: kv.start, end: kv.end}
  })
}

/** `--host-route destination=<cidr>,gateway=<ip>` values (the API calls the gateway `nexthop`). */
export function parseHostRoutes(values: string[] | undefined): HostRoute[] | undefined {
  if (!values) return undefined
  return values.map((v) => {
    const kv = parseKeyValues('--host-route', v, {required: ['destination', 'gateway']})
    requireCidr('--host-route destination', kv.destination)
    requireIp('--host-route gateway', kv.gateway)
    return {destination: kv.destination, nexthop: kv.gateway}
  })
}

function parseDns(values: string[] | undefined): string[] | undefined {
  return values?.map((v) => requireIp('--dns-nameserver', v).text)
}

// --- operations ---

export interface SubnetCreateInput {
  name: string
  /** Network name or ID. */
  network: string
  subnetRange?: string
  /** `--ip-version`, default 4 as in OSC. */
  ipVersion?: 4 | 6
  /** `--gateway`: an address, `auto` (the default) or `none`. */
  gateway?: string
  dhcp?: boolean
  allocationPools?: string[]
  dnsNameservers?: string[]
  hostRoutes?: string[]
  serviceTypes?: string[]
  description?: string
  ipv6RaMode?: string
  ipv6AddressMode?: string
  dnsPublishFixedIp?: boolean
  projectId?: string
  tags?: string[]
  noTag?: boolean
}

export interface SubnetCreatePlan {
  network: string
  body: Omit<CreateSubnetOpts, 'network_id'>
  tags?: string[]
  noTag?: boolean
}

/**
 * Checks `subnet create` input and builds the request body, without calling anything.
 *
 * `openstack` sends a bad `--subnet-range` to Neutron and prints its 400 ("Invalid input for
 * operation: banana is not in a CIDR format.", exit 1). mrctl checks the range, its IP version,
 * the gateway, pools, DNS servers and host routes here first and fails with a usage error
 * (exit 2) that names the flag, before any request.
 */
export function planSubnetCreate(input: SubnetCreateInput): SubnetCreatePlan {
  const version = input.ipVersion ?? 4
  if (!input.subnetRange) {
    throw new UsageError('--subnet-range is required (mrctl does not allocate from subnet pools)', [
      'give the range in CIDR notation, e.g. --subnet-range 10.0.0.0/24',
    ])
  }
  const cidr = requireCidr('--subnet-range', input.subnetRange)
  if (cidr.version !== version) {
    throw new UsageError(
      `--subnet-range ${input.subnetRange} is an IPv${cidr.version} range but --ip-version is ${version}${input.ipVersion ? '' : ' (the default)'}`,
      [`add --ip-version ${cidr.version}`],
    )
  }
  const body: SubnetCreatePlan['body'] = {name: input.name, cidr: input.subnetRange, ip_version: version}
  const gw = input.gateway?.toLowerCase()
  if (gw === 'none') body.gateway_ip = null
  else if (gw !== undefined && gw !== 'auto') body.gateway_ip = requireIp('--gateway', input.gateway!, version).text
  const pools = parseAllocationPools(input.allocationPools, cidr, version)
  if (pools) body.allocation_pools = pools
  if (input.dhcp !== undefined) body.enable_dhcp = input.dhcp
  if (input.dnsPublishFixedIp !== undefined) body.dns_publish_fixed_ip = input.dnsPublishFixedIp
  const dns = parseDns(input.dnsNameservers)
  if (dns) body.dns_nameservers = dns
  const routes = parseHostRoutes(input.hostRoutes)
  if (routes) body.host_routes = routes
  if (input.serviceTypes) body.service_types = input.serviceTypes
  if (input.description !== undefined) body.description = input.description
  if (input.ipv6RaMode) body.ipv6_ra_mode = input.ipv6RaMode
  if (input.ipv6AddressMode) body.ipv6_address_mode = input.ipv6AddressMode
  if (input.projectId) body.project_id = input.projectId
  return {network: input.network, body, tags: input.tags, noTag: input.noTag}
}

/** `subnet create`: resolve the network, create, tag (deleting the subnet again if tagging fails). */
export async function subnetCreate(c: ServiceClient, plan: SubnetCreatePlan): Promise<Subnet> {
  const net = await findNetwork(c, plan.network)
  const sub = await createSubnet(c, {...plan.body, network_id: net.id})
  const tags = tagsAfterSet(sub.tags ?? [], plan.tags, plan.noTag)
  if (!tags) return sub
  try {
    return {...sub, tags: await replaceTags(c, 'subnets', sub.id, tags)}
  } catch (error) {
    await deleteSubnet(c, sub.id).catch(() => undefined)
    throw error
  }
}

export interface SubnetSetInput {
  name?: string
  description?: string
  dhcp?: boolean
  /** An address or `none`. */
  gateway?: string
  allocationPools?: string[]
  noAllocationPool?: boolean
  dnsNameservers?: string[]
  noDnsNameservers?: boolean
  hostRoutes?: string[]
  noHostRoute?: boolean
  serviceTypes?: string[]
  dnsPublishFixedIp?: boolean
  tags?: string[]
  noTag?: boolean
}

/** Checks `subnet set` input that can be checked without the subnet (exit 2 before any call). */
export function checkSubnetSet(input: SubnetSetInput): void {
  const gw = input.gateway?.toLowerCase()
  if (gw === 'auto') throw new UsageError('--gateway auto: Auto option is not available for Subnet Set. Valid options are <ip-address> or none')
  if (gw !== undefined && gw !== 'none') requireIp('--gateway', input.gateway!)
  parseAllocationPools(input.allocationPools)
  parseDns(input.dnsNameservers)
  parseHostRoutes(input.hostRoutes)
}

/**
 * `subnet set`: list values are added to the current ones unless the matching `--no-…` flag
 * is given (OSC SetSubnet), then the tags.
 */
export async function subnetSet(c: ServiceClient, nameOrId: string, input: SubnetSetInput): Promise<Subnet> {
  checkSubnetSet(input)
  let sub = await findSubnet(c, nameOrId)
  const cidr = requireCidr('subnet cidr', sub.cidr)
  const opts: UpdateSubnetOpts = {}
  if (input.name !== undefined) opts.name = input.name
  if (input.description !== undefined) opts.description = input.description
  if (input.dhcp !== undefined) opts.enable_dhcp = input.dhcp
  if (input.dnsPublishFixedIp !== undefined) opts.dns_publish_fixed_ip = input.dnsPublishFixedIp
  const gw = input.gateway?.toLowerCase()
  if (gw === 'none') opts.gateway_ip = null
  else if (gw !== undefined) opts.gateway_ip = requireIp('--gateway', input.gateway!, cidr.version).text
  const pools = parseAllocationPools(input.allocationPools, cidr, cidr.version)
  if (pools) opts.allocation_pools = input.noAllocationPool ? pools : [...pools, ...sub.allocation_pools]
  else if (input.noAllocationPool) opts.allocation_pools = []
  const dns = parseDns(input.dnsNameservers)
  if (dns) opts.dns_nameservers = input.noDnsNameservers ? dns : [...dns, ...sub.dns_nameservers]
  else if (input.noDnsNameservers) opts.dns_nameservers = []
  const routes = parseHostRoutes(input.hostRoutes)
  if (routes) opts.host_routes = input.noHostRoute ? routes : [...routes, ...sub.host_routes]
  else if (input.noHostRoute) opts.host_routes = []
  if (input.serviceTypes) opts.service_types = [...input.serviceTypes, ...(sub.service_types ?? [])]
  if (Object.keys(opts).length > 0) sub = await updateSubnet(c, sub.id, opts)
  const tags = tagsAfterSet(sub.tags ?? [], input.tags, input.noTag)
  if (tags) sub = {...sub, tags: await replaceTags(c, 'subnets', sub.id, tags)}
  return sub
}

export async function subnetDelete(c: ServiceClient, nameOrId: string): Promise<Subnet> {
  const sub = await findSubnet(c, nameOrId)
  await deleteSubnet(c, sub.id)
  return sub
}

/** `subnet list` filters (OSC ListSubnet). */
export interface SubnetListFilters extends TagFilters {
  name?: string
  ipVersion?: 4 | 6
  dhcp?: boolean
  serviceTypes?: string[]
  projectId?: string
  /** Network name or ID, resolved in each region. */
  network?: string
  gateway?: string
  subnetRange?: string
}

/** `subnet list` in one region: the network filter is resolved there. */
export async function subnetList(c: ServiceClient, f: SubnetListFilters): Promise<Subnet[]> {
  const networkId = f.network ? (await findNetwork(c, f.network)).id : undefined
  return listSubnets(
    c,
    compact({
      name: f.name,
      ip_version: f.ipVersion,
      enable_dhcp: f.dhcp,
      service_types: f.serviceTypes,
      project_id: f.projectId,
      network_id: networkId,
      gateway_ip: f.gateway,
      cidr: f.subnetRange,
      ...tagQuery(f),
    }),
  )
}
