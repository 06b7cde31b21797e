import {allocate, contains, inPools, ipVersion, macAddress} from './ip.js'
import {checkAttributes, expectBool, expectString, getNetwork} from './networks.js'
import {badRequest, type Caller, nerr, type NeutronStore, type Rec} from './store.js'
import {subnetCidr} from './subnets.js'

/** Ports: fixed IPs (given, or allocated from the pools), MAC addresses, security groups. */

const CREATE = new Set([
  'name', 'network_id', 'tenant_id', 'project_id', 'admin_state_up', 'mac_address', 'fixed_ips', 'device_id', 'device_owner',
  'security_groups', 'allowed_address_pairs', 'extra_dhcp_opts', 'description', 'port_security_enabled', 'binding:host_id',
  'binding:vnic_type', 'binding:profile', 'tags', 'dns_name', 'qos_policy_id', 'propagate_uplink_status', 'id',
])
const UPDATE = new Set([
  'name', 'admin_state_up', 'fixed_ips', 'device_id', 'device_owner', 'security_groups', 'allowed_address_pairs',
  'extra_dhcp_opts', 'description', 'port_security_enabled', 'binding:host_id', 'binding:vnic_type', 'binding:profile',
  'mac_address', 'dns_name', 'qos_policy_id',
])

function usedIps(s: NeutronStore, subnetId: string): Set<string> {
  const used = new Set<string>()
  for (const p of s.data.ports) for (const f of p.fixed_ips as Rec[]) if (f.subnet_id === subnetId) used.add(f.ip_address)
  return used
}

/** Turns a `fixed_ips` request into addresses, or allocates one from the network's first subnet. */
function resolveFixedIps(s: NeutronStore, net: Rec, raw: unknown, portId?: string): Array<{subnet_id: string; ip_address: string}> {
  const subnets = s.data.subnets.filter((x) => x.network_id === net.id)
  if (raw === undefined) {
    const first = subnets.find((x) => x.ip_version === 4) ?? subnets[0]
    if (!first) return []
    const ip = allocate(first.allocation_pools, first.ip_version, usedIps(s, first.id))
    if (!ip) throw nerr(409, 'IpAddressGenerationFailure', `No more IP addresses available on network ${net.id}.`)
    return [{subnet_id: first.id, ip_address: ip}]
  }
  if (!Array.isArray(raw)) throw badRequest(`Invalid input for fixed_ips. Reason: Invalid data format for fixed IP: '${JSON.stringify(raw)}'.`)
  const out: Array<{subnet_id: string; ip_address: string}> = []
  for (const f of raw as Rec[]) {
    if (!f || typeof f !== 'object' || (f.subnet_id === undefined && f.ip_address === undefined)) {
      throw badRequest(`Invalid input for fixed_ips. Reason: Invalid data format for fixed IP: '${JSON.stringify(f)}'.`)
    }
    if (f.ip_address !== undefined && !ipVersion(String(f.ip_address))) {
      throw badRequest(`Invalid input for fixed_ips. Reason: '${f.ip_address}' is not a valid IP address.`)
    }
    let subnet: Rec | undefined
    if (f.subnet_id !== undefined) {
      subnet = subnets.find((x) => x.id === f.subnet_id)
      if (!subnet) {
        if (s.data.subnets.some((x) => x.id === f.subnet_id)) {
          throw badRequest(`Invalid input for operation: Failed to create port on network ${net.id}, because fixed_ips included invalid subnet ${f.subnet_id}.`)
        }
        throw nerr(404, 'SubnetNotFound', `Subnet ${f.subnet_id} could not be found.`)
      }
    } else {
      subnet = subnets.find((x) => contains(subnetCidr(x), String(f.ip_address)))
      if (!subnet) throw nerr(400, 'InvalidIpForNetwork', `IP address ${f.ip_address} is not a valid IP for any of the subnets on the specified network.`)
    }
    const used = usedIps(s, subnet.id)
    if (portId) for (const p of s.data.ports.filter((x) => x.id === portId)) for (const x of p.fixed_ips as Rec[]) used.delete(x.ip_address)
    for (const o of out) if (o.subnet_id === subnet.id) used.add(o.ip_address)
    if (f.ip_address !== undefined) {
      const ip = String(f.ip_address)
      if (!contains(subnetCidr(subnet), ip)) throw nerr(400, 'InvalidIpForSubnet', `IP address ${ip} is not a valid IP for the specified subnet.`)
      if (used.has(ip)) throw nerr(409, 'IpAddressAlreadyAllocated', `IP address ${ip} already allocated in subnet ${subnet.id}`)
      out.push({subnet_id: subnet.id, ip_address: ip})
    } else {
      const ip = allocate(subnet.allocation_pools, subnet.ip_version, used)
      if (!ip) throw nerr(409, 'IpAddressGenerationFailure', `No more IP addresses available on network ${net.id}.`)
      out.push({subnet_id: subnet.id, ip_address: ip})
    }
  }
  return out
}

function resolveSecurityGroups(s: NeutronStore, ctx: Caller, raw: unknown, projectId: string): string[] {
  if (!Array.isArray(raw)) throw badRequest(`Invalid input for security_groups. Reason: '${raw}' is not a list.`)
  return raw.map((id) => {
    const sg = s.data.security_groups.find((g) => g.id === id && (ctx.isAdmin || g.project_id === projectId))
    if (!sg) throw nerr(404, 'SecurityGroupNotFound', `Security group ${id} does not exist`)
    return sg.id as string
  })
}

export interface CreatePortExtras {
  /** Keep this ID and these addresses (a Tricircle bottom port mirrors its top port). */
  mirrorOf?: Rec
}

export function createPort(s: NeutronStore, ctx: Caller, body: Rec, extras: CreatePortExtras = {}): Rec {
  checkAttributes(body, CREATE)
  if (body.network_id === undefined) throw badRequest("Failed to parse request. Required attribute 'network_id' not specified")
  expectBool(body, 'admin_state_up')
  expectBool(body, 'port_security_enabled')
  expectString(body, 'name')
  const net = getNetwork(s, ctx, String(body.network_id))
  if (!ctx.isAdmin && net.project_id !== ctx.projectId && !net.shared) {
    throw nerr(403, 'HTTPForbidden', "(rule:create_port and rule:create_port:fixed_ips) is disallowed by policy")
  }
  if (!ctx.isAdmin && (body['binding:host_id'] !== undefined || body['binding:profile'] !== undefined)) {
    throw nerr(403, 'PolicyNotAuthorized', "(rule:create_port and rule:create_port:binding:host_id) is disallowed by policy")
  }
  const project = s.projectFor(ctx, body, 'port')
  s.checkQuota(project, 'port')
  if (body.mac_address !== undefined && s.data.ports.some((p) => p.network_id === net.id && p.mac_address === body.mac_address)) {
    throw nerr(409, 'MacAddressInUse', `Unable to complete operation for network ${net.id}. The mac address ${body.mac_address} is in use.`)
  }
  const owner = String(body.device_owner ?? '')
  const portSecurity = body.port_security_enabled ?? (net.port_security_enabled as boolean)
  let groups: string[] = []
  if (body.security_groups !== undefined) groups = resolveSecurityGroups(s, ctx, body.security_groups, project)
  else if (portSecurity && !owner.startsWith('network:') && project) groups = [s.defaultSecurityGroup(project).id]
  if (!portSecurity && groups.length && body.security_groups !== undefined) {
    throw nerr(409, 'PortSecurityAndIPRequiredForSecurityGroups', 'Port security must be enabled and port must have an IP address in order to use security groups.')
  }
  const mirror = extras.mirrorOf
  const fixed = mirror ? structuredClone(mirror.fixed_ips) : resolveFixedIps(s, net, body.fixed_ips)
  const port: Rec = {
    id: mirror?.id ?? (typeof body.id === 'string' && ctx.isAdmin ? body.id : s.newId()),
    name: body.name ?? '',
    network_id: net.id,
    mac_address: mirror?.mac_address ?? body.mac_address ?? macAddress(),
    admin_state_up: body.admin_state_up ?? true,
    status: 'DOWN',
    device_id: String(body.device_id ?? ''),
    device_owner: owner,
    fixed_ips: fixed,
    allowed_address_pairs: body.allowed_address_pairs ?? [],
    extra_dhcp_opts: body.extra_dhcp_opts ?? [],
    security_groups: groups,
    description: body.description ?? '',
    'binding:vnic_type': body['binding:vnic_type'] ?? 'normal',
    'binding:profile': body['binding:profile'] ?? {},
    'binding:host_id': body['binding:host_id'] ?? '',
    'binding:vif_type': body['binding:host_id'] ? 'binding_failed' : 'unbound',
    'binding:vif_details': {},
    port_security_enabled: portSecurity,
    ...s.standard(project),
  }
  port.revision_number = 1
  s.data.ports.push(port)
  return port
}

export function getPort(s: NeutronStore, ctx: Caller, id: string): Rec {
  const p = s.data.ports.find((x) => x.id === id)
  if (!p || !canSeePort(s, ctx, p)) throw nerr(404, 'PortNotFound', `Port ${id} could not be found.`)
  return p
}

/** A port is visible to its project, to the owner of its network, and to admins. */
export function canSeePort(s: NeutronStore, ctx: Caller, p: Rec): boolean {
  if (ctx.isAdmin || p.project_id === ctx.projectId) return true
  const net = s.data.networks.find((n) => n.id === p.network_id)
  return net?.project_id === ctx.projectId
}

export function updatePort(s: NeutronStore, ctx: Caller, id: string, body: Rec): Rec {
  const p = getPort(s, ctx, id)
  checkAttributes(body, UPDATE, true)
  expectBool(body, 'admin_state_up')
  expectBool(body, 'port_security_enabled')
  if (body.fixed_ips !== undefined) {
    const net = s.data.networks.find((n) => n.id === p.network_id)!
    body.fixed_ips = resolveFixedIps(s, net, body.fixed_ips, p.id)
  }
  if (body.security_groups !== undefined) body.security_groups = resolveSecurityGroups(s, ctx, body.security_groups, p.project_id)
  if (body['binding:host_id'] !== undefined) p['binding:vif_type'] = body['binding:host_id'] ? 'binding_failed' : 'unbound'
  Object.assign(p, body)
  s.touch(p)
  return p
}

export function deletePort(s: NeutronStore, ctx: Caller, id: string, opts: {internal?: boolean} = {}): void {
  const p = getPort(s, ctx, id)
  if (!opts.internal && String(p.device_owner) === 'network:router_interface' && p.device_id) {
    throw nerr(409, 'ServicePortInUse', `Port ${id} cannot be deleted directly via the port API: has device owner network:router_interface.`)
  }
  s.data.ports = s.data.ports.filter((x) => x.id !== id)
}

/** Whether an address sits inside one of a subnet's pools (used for router gateways). */
export function inSubnetPools(subnet: Rec, ip: string): boolean {
  return inPools(subnet.allocation_pools, ip)
}
