import {type Cidr, contains, defaultGateway, defaultPools, inPools, ipVersion, overlaps, parseCidr, type Pool, toBig} from './ip.js'
import {checkAttributes, expectBool, expectString, getNetwork} from './networks.js'
import {badRequest, type Caller, invalidInput, nerr, type NeutronStore, type Rec} from './store.js'

/** Subnets: CIDR checks, overlap within a network, gateway and allocation pools, DNS and host routes. */

const CREATE = new Set([
  'name', 'network_id', 'tenant_id', 'project_id', 'ip_version', 'cidr', 'gateway_ip', 'allocation_pools', 'dns_nameservers',
  'host_routes', 'enable_dhcp', 'ipv6_ra_mode', 'ipv6_address_mode', 'subnetpool_id', 'description', 'service_types',
  'use_default_subnetpool', 'prefixlen', 'segment_id', 'tags', 'dns_publish_fixed_ip',
])
const UPDATE = new Set(['name', 'gateway_ip', 'allocation_pools', 'dns_nameservers', 'host_routes', 'enable_dhcp', 'description', 'service_types', 'segment_id'])

export function subnetCidr(subnet: Rec): Cidr {
  return parseCidr(subnet.cidr)!
}

function parsePools(raw: unknown, cidr: Cidr): Pool[] {
  if (!Array.isArray(raw)) throw badRequest(`Invalid input for allocation_pools. Reason: Invalid data format for IP pool: '${JSON.stringify(raw)}'.`)
  const pools = raw.map((p: Rec) => {
    if (!p || typeof p.start !== 'string' || typeof p.end !== 'string' || !ipVersion(p.start) || !ipVersion(p.end)) {
      throw badRequest(`Invalid input for allocation_pools. Reason: Invalid data format for IP pool: '${JSON.stringify(p)}'.`)
    }
    return {start: p.start as string, end: p.end as string}
  })
  for (const p of pools) {
    if (!contains(cidr, p.start) || !contains(cidr, p.end) || toBig(p.start) > toBig(p.end)) {
      throw nerr(400, 'OutOfBoundsAllocationPool', `The allocation pool ${p.start}-${p.end} spans beyond the subnet cidr ${cidr.text}.`)
    }
  }
  for (let i = 0; i < pools.length; i++) {
    for (let j = i + 1; j < pools.length; j++) {
      const [a, b] = [pools[i], pools[j]]
      if (toBig(a.start) <= toBig(b.end) && toBig(b.start) <= toBig(a.end)) {
        throw nerr(400, 'OverlappingAllocationPools', `Found overlapping allocation pools: ${a.start}-${a.end} and ${b.start}-${b.end} for subnet ${cidr.text}.`)
      }
    }
  }
  return pools
}

function parseRoutes(raw: unknown): Array<{destination: string; nexthop: string}> {
  if (!Array.isArray(raw)) throw badRequest(`Invalid input for host_routes. Reason: Invalid data format for hostroute: '${JSON.stringify(raw)}'.`)
  return raw.map((r: Rec) => {
    if (!r || !parseCidr(String(r.destination)) || !ipVersion(String(r.nexthop))) {
      throw badRequest(`Invalid input for host_routes. Reason: Invalid data format for hostroute: '${JSON.stringify(r)}'.`)
    }
    return {destination: parseCidr(r.destination)!.text, nexthop: r.nexthop as string}
  })
}

function parseDns(raw: unknown): string[] {
  if (!Array.isArray(raw)) throw badRequest(`Invalid input for dns_nameservers. Reason: '${raw}' is not a list.`)
  for (const d of raw) if (!ipVersion(String(d))) throw badRequest(`Invalid input for dns_nameservers. Reason: '${d}' is not a valid nameserver.`)
  if (new Set(raw).size !== raw.length) throw badRequest(`Invalid input for dns_nameservers. Reason: Duplicate nameserver '${raw.find((d, i) => raw.indexOf(d) !== i)}'.`)
  return raw.map(String)
}

function checkGateway(gw: unknown, cidr: Cidr, pools: Pool[] | undefined): string | null {
  if (gw === null) return null
  if (typeof gw !== 'string' || ipVersion(gw) !== cidr.version) throw badRequest(`Invalid input for gateway_ip. Reason: '${gw}' is not a valid IP address.`)
  if (pools && inPools(pools, gw)) throw nerr(409, 'GatewayConflictWithAllocationPools', `Gateway ip ${gw} conflicts with allocation pool ${pools.map((p) => `${p.start}-${p.end}`).join(', ')}`)
  return gw
}

export function createSubnet(s: NeutronStore, ctx: Caller, body: Rec): Rec {
  checkAttributes(body, CREATE)
  if (body.network_id === undefined) throw badRequest("Failed to parse request. Required attribute 'network_id' not specified")
  if (body.cidr === undefined && body.subnetpool_id === undefined && !body.use_default_subnetpool) {
    throw badRequest('Bad subnets request: a cidr must be specified in the absence of a subnet pool.')
  }
  if (body.subnetpool_id) throw nerr(404, 'SubnetPoolNotFound', `Subnet pool ${body.subnetpool_id} could not be found.`)
  expectBool(body, 'enable_dhcp')
  expectString(body, 'name')
  const version = body.ip_version === undefined ? undefined : Number(body.ip_version)
  if (version !== 4 && version !== 6) {
    if (version === undefined) throw badRequest("Failed to parse request. Required attribute 'ip_version' not specified")
    throw badRequest(`Invalid input for ip_version. Reason: ${body.ip_version} is not in [4, 6].`)
  }
  const cidr = parseCidr(String(body.cidr))
  if (!cidr) throw badRequest(`Invalid input for cidr. Reason: '${body.cidr}' is not a valid IP subnet.`)
  if (cidr.version !== version) throw invalidInput(`Cidr ${cidr.text} does not match ip_version ${version}`)
  if (cidr.version === 4 && cidr.prefix > 30) throw invalidInput(`Invalid CIDR ${cidr.text} for IP version ${version}`)
  const net = getNetwork(s, ctx, String(body.network_id))
  if (!ctx.isAdmin && net.project_id !== ctx.projectId && !net.shared) {
    throw nerr(403, 'HTTPForbidden', "(rule:create_subnet and (rule:admin_or_network_owner or rule:shared)) is disallowed by policy")
  }
  for (const other of s.data.subnets.filter((x) => x.network_id === net.id)) {
    if (overlaps(cidr, subnetCidr(other))) {
      throw invalidInput(`Requested subnet with cidr: ${cidr.text} for network: ${net.id} overlaps with another subnet`)
    }
  }
  const project = s.projectFor(ctx, body, 'subnet')
  s.checkQuota(project, 'subnet')
  const pools = body.allocation_pools === undefined ? undefined : parsePools(body.allocation_pools, cidr)
  const gateway = body.gateway_ip === undefined ? defaultGateway(cidr) : checkGateway(body.gateway_ip, cidr, pools)
  if (gateway && !contains(cidr, gateway) && body.gateway_ip !== undefined) {
    // Neutron allows a gateway outside the CIDR (with force_gateway_on_subnet off); keep it.
  }
  const subnet: Rec = {
    id: s.newId(),
    name: body.name ?? '',
    network_id: net.id,
    ip_version: version,
    subnetpool_id: null,
    enable_dhcp: body.enable_dhcp ?? true,
    ipv6_ra_mode: body.ipv6_ra_mode ?? null,
    ipv6_address_mode: body.ipv6_address_mode ?? null,
    gateway_ip: gateway,
    cidr: cidr.text,
    allocation_pools: pools ?? defaultPools(cidr, gateway),
    host_routes: body.host_routes === undefined ? [] : parseRoutes(body.host_routes),
    dns_nameservers: body.dns_nameservers === undefined ? [] : parseDns(body.dns_nameservers),
    description: body.description ?? '',
    service_types: body.service_types ?? [],
    ...s.standard(project),
  }
  s.data.subnets.push(subnet)
  s.touch(net)
  return subnet
}

export function getSubnet(s: NeutronStore, ctx: Caller, id: string): Rec {
  const sub = s.data.subnets.find((x) => x.id === id)
  const net = sub && s.data.networks.find((n) => n.id === sub.network_id)
  const visible = sub && (ctx.isAdmin || sub.project_id === ctx.projectId || net?.shared || net?.['router:external'])
  if (!sub || !visible) throw nerr(404, 'SubnetNotFound', `Subnet ${id} could not be found.`)
  return sub
}

export function updateSubnet(s: NeutronStore, ctx: Caller, id: string, body: Rec): Rec {
  const sub = getSubnet(s, ctx, id)
  if (!s.owns(ctx, sub)) throw nerr(404, 'SubnetNotFound', `Subnet ${id} could not be found.`)
  checkAttributes(body, UPDATE, true)
  expectBool(body, 'enable_dhcp')
  const cidr = subnetCidr(sub)
  if (body.allocation_pools !== undefined) body.allocation_pools = parsePools(body.allocation_pools, cidr)
  if (body.gateway_ip !== undefined) body.gateway_ip = checkGateway(body.gateway_ip, cidr, body.allocation_pools ?? sub.allocation_pools)
  if (body.host_routes !== undefined) body.host_routes = parseRoutes(body.host_routes)
  if (body.dns_nameservers !== undefined) body.dns_nameservers = parseDns(body.dns_nameservers)
  Object.assign(sub, body)
  s.touch(sub)
  return sub
}

export function deleteSubnet(s: NeutronStore, ctx: Caller, id: string): void {
  const sub = getSubnet(s, ctx, id)
  if (!s.owns(ctx, sub)) throw nerr(404, 'SubnetNotFound', `Subnet ${id} could not be found.`)
  const users = s.data.ports.filter((p) => p.fixed_ips.some((f: Rec) => f.subnet_id === id) && !String(p.device_owner).startsWith('network:dhcp'))
  if (users.length) {
    throw nerr(409, 'SubnetInUse', `Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`)
  }
  s.data.subnets = s.data.subnets.filter((x) => x.id !== id)
  const net = s.data.networks.find((n) => n.id === sub.network_id)
  if (net) s.touch(net)
}
