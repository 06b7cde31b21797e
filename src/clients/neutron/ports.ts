import type {ServiceClient} from '../../http/service-client.js'
import type {TagFilters} from '../../core/tags.js'
import type {NeutronQuery} from './common.js'

import {find} from '../../core/find.js'
import {listAll, paging} from '../../http/paginate.js'
import {tagsAfterSet} from '../../core/tags.js'
import {compact, replaceTags, tagQuery} from './common.js'
import {parseKeyValues} from '../../core/key-values.js'
import {requireIp} from './input.js'
import {findNetwork} from './networks.js'
import {findRouter} from './routers.js'
import {findSecurityGroup} from './security-groups.js'
import {findSubnet} from './subnets.js'

// --- types: the port as Neutron returns it ---
export interface FixedIp {
  subnet_id?: string
  ip_address?: string
}

export interface Port {
  id: string
  name: string
  network_id: string
  mac_address: string
  fixed_ips: FixedIp[]
  status: string
  admin_state_up: boolean
  device_id: string
  device_owner: string
  security_groups?: string[]
  project_id: string
  tags?: string[]
  [key: string]: unknown
}

export interface CreatePortOpts {
  name?: string
  network_id: string
  description?: string
  device_id?: string
  device_owner?: string
  mac_address?: string
  admin_state_up?: boolean
  fixed_ips?: FixedIp[]
  security_groups?: string[]
  port_security_enabled?: boolean
  allowed_address_pairs?: Array<{ip_address: string; mac_address?: string}>
  'binding:vnic_type'?: string
  'binding:host_id'?: string
  dns_domain?: string
  dns_name?: string
  project_id?: string
}

// --- paths ---
const root = () => '/ports'
const item = (id: string) => `/ports/${encodeURIComponent(id)}`

// --- verbs ---
export async function listPorts(c: ServiceClient, q?: NeutronQuery): Promise<Port[]> {
  return listAll<Port>(c, paging.links, root(), {key: 'ports', query: q})
}

export async function getPort(c: ServiceClient, id: string): Promise<Port> {
  return (await c.get<{port: Port}>(item(id))).port
}

export async function createPort(c: ServiceClient, opts: CreatePortOpts): Promise<Port> {
  return (await c.post<{port: Port}>(root(), {port: opts})).port
}

export async function deletePort(c: ServiceClient, id: string): Promise<void> {
  await c.delete(item(id))
}

export async function findPort(c: ServiceClient, nameOrId: string): Promise<Port> {
  return find({resource: 'Port', get: (id) => getPort(c, id), list: (name) => listPorts(c, {name})}, nameOrId)
}

// --- operations ---

/** `--fixed-ip subnet=<subnet>,ip-address=<ip>`: the subnet still a name or ID. */
export interface FixedIpSpec {
  subnet?: string
  ipAddress?: string
}

export function parseFixedIps(values: string[] | undefined, extraKeys: string[] = []): Array<FixedIpSpec & Record<string, string | undefined>> | undefined {
  return values?.map((v) => {
    const kv = parseKeyValues('--fixed-ip', v, {optional: ['subnet', 'ip-address', ...extraKeys]})
    if (kv['ip-address'] !== undefined) requireIp('--fixed-ip ip-address', kv['ip-address'])
    return {...kv, subnet: kv.subnet, ipAddress: kv['ip-address']}
  })
}

export interface PortCreateInput {
  name: string
  network: string
  description?: string
  device?: string
  deviceOwner?: string
  macAddress?: string
  enable?: boolean
  fixedIps?: string[]
  noFixedIp?: boolean
  securityGroups?: string[]
  noSecurityGroup?: boolean
  portSecurity?: boolean
  allowedAddresses?: string[]
  vnicType?: string
  host?: string
  dnsDomain?: string
  dnsName?: string
  projectId?: string
  tags?: string[]
  noTag?: boolean
}

export interface PortCreatePlan {
  input: PortCreateInput
  fixedIps?: FixedIpSpec[]
  allowedAddressPairs?: CreatePortOpts['allowed_address_pairs']
}

/** Checks `port create` input without calling anything (usage errors, exit 2). */
export function planPortCreate(input: PortCreateInput): PortCreatePlan {
  const fixedIps = parseFixedIps(input.fixedIps)
  const allowedAddressPairs = input.allowedAddresses?.map((v) => {
    const kv = parseKeyValues('--allowed-address', v, {required: ['ip-address'], optional: ['mac-address']})
    // An allowed address may be a CIDR as well as an address; Neutron checks it.
    return {ip_address: kv['ip-address'], ...(kv['mac-address'] ? {mac_address: kv['mac-address']} : {})}
  })
  return {input, fixedIps, allowedAddressPairs}
}

/**
 * `port create`: resolve the network, the subnets of `--fixed-ip` and the security groups (all
 * before the POST), create, then tag (deleting the port again if tagging fails).
 */
export async function portCreate(c: ServiceClient, plan: PortCreatePlan): Promise<Port> {
  const i = plan.input
  const net = await findNetwork(c, i.network)
  const opts: CreatePortOpts = {network_id: net.id, name: i.name, admin_state_up: i.enable ?? true}
  if (plan.fixedIps) {
    opts.fixed_ips = []
    for (const f of plan.fixedIps) {
      const ip: FixedIp = {}
      if (f.subnet) ip.subnet_id = (await findSubnet(c, f.subnet)).id
      if (f.ipAddress !== undefined) ip.ip_address = f.ipAddress
      opts.fixed_ips.push(ip)
    }
  } else if (i.noFixedIp) opts.fixed_ips = []
  if (i.securityGroups) {
    opts.security_groups = []
    for (const g of i.securityGroups) opts.security_groups.push((await findSecurityGroup(c, g)).id)
  } else if (i.noSecurityGroup) opts.security_groups = []
  if (i.description !== undefined) opts.description = i.description
  if (i.device) opts.device_id = i.device
  if (i.deviceOwner !== undefined) opts.device_owner = i.deviceOwner
  if (i.macAddress !== undefined) opts.mac_address = i.macAddress
  if (i.portSecurity !== undefined) opts.port_security_enabled = i.portSecurity
  if (plan.allowedAddressPairs) opts.allowed_address_pairs = plan.allowedAddressPairs
  if (i.vnicType !== undefined) opts['binding:vnic_type'] = i.vnicType
  if (i.host) opts['binding:host_id'] = i.host
  if (i.dnsDomain !== undefined) opts.dns_domain = i.dnsDomain
  if (i.dnsName !== undefined) opts.dns_name = i.dnsName
  if (i.projectId) opts.project_id = i.projectId
  const port = await createPort(c, opts)
  const tags = tagsAfterSet(port.tags ?? [], i.tags, i.noTag)
  if (!tags) return port
  try {
    return {...port, tags: await replaceTags(c, 'ports', port.id, tags)}
  } catch (error) {
    await deletePort(c, port.id).catch(() => undefined)
    throw error
  }
}

export async function portDelete(c: ServiceClient, nameOrId: string): Promise<Port> {
  const port = await findPort(c, nameOrId)
  await deletePort(c, port.id)
  return port
}

/** `port list` filters (OSC ListPort). Names are resolved in each region. */
export interface PortListFilters extends TagFilters {
  deviceOwner?: string
  host?: string
  network?: string
  router?: string
  deviceId?: string
  macAddress?: string
  projectId?: string
  name?: string
  securityGroups?: string[]
  /** `--fixed-ip subnet=,ip-address=,ip-substring=` values, already checked by parseFixedIps. */
  fixedIps?: Array<FixedIpSpec & Record<string, string | undefined>>
}

export async function portList(c: ServiceClient, f: PortListFilters): Promise<Port[]> {
  const networkId = f.network ? (await findNetwork(c, f.network)).id : undefined
  const routerId = f.router ? (await findRouter(c, f.router)).id : undefined
  let fixed: string[] | undefined
  if (f.fixedIps) {
    fixed = []
    for (const spec of f.fixedIps) {
      if (spec.subnet) fixed.push(`subnet_id=${(await findSubnet(c, spec.subnet)).id}`)
      if (spec.ipAddress !== undefined) fixed.push(`ip_address=${spec.ipAddress}`)
      if (spec['ip-substring'] !== undefined) fixed.push(`ip_address_substr=${spec['ip-substring']}`)
    }
  }
  return listPorts(
    c,
    compact({
      device_owner: f.deviceOwner,
      device_id: routerId ?? f.deviceId,
      'binding:host_id': f.host,
      network_id: networkId,
      mac_address: f.macAddress,
      project_id: f.projectId,
      name: f.name,
      fixed_ips: fixed,
      security_groups: f.securityGroups,
      ...tagQuery(f),
    }),
  )
}
