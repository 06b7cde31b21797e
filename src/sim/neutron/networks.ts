import {AVAILABILITY_ZONES, badRequest, type Caller, nerr, type NeutronStore, policy, type Rec} from './store.js'

/** Networks, with ML2's provider segments (flat, vlan, vxlan) as real-openstack configures them. */

export const VLAN_RANGES: Record<string, [number, number]> = {physnet1: [1000, 1999], physnet2: [2000, 2999]}
export const VXLAN_RANGE: [number, number] = [1000, 19999]

const CREATE = new Set([
  'name', 'admin_state_up', 'shared', 'tenant_id', 'project_id', 'router:external', 'description', 'port_security_enabled',
  'availability_zone_hints', 'mtu', 'provider:network_type', 'provider:physical_network', 'provider:segmentation_id',
  'tags', 'is_default', 'dns_domain', 'qos_policy_id',
])
const UPDATE = new Set(['name', 'admin_state_up', 'shared', 'router:external', 'description', 'port_security_enabled', 'mtu', 'is_default'])

export function checkAttributes(body: Rec, allowed: Set<string>, update = false): void {
  if (!update && body.tags !== undefined) throw badRequest("Attribute 'tags' not allowed in POST")
  const unknown = Object.keys(body).filter((k) => !allowed.has(k))
  if (unknown.length) {
    if (update) {
      const readOnly = unknown.find((k) => ['id', 'tenant_id', 'project_id', 'network_id', 'ip_version', 'cidr', 'status', 'created_at'].includes(k))
      if (readOnly) throw badRequest(`Cannot update read-only attribute ${readOnly}`)
    }
    throw badRequest(`Unrecognized attribute(s) '${unknown.join(', ')}'`)
  }
}

export function expectBool(body: Rec, key: string): void {
  if (body[key] !== undefined && typeof body[key] !== 'boolean') {
    const v = String(body[key]).toLowerCase()
    if (['true', 'false', '1', '0'].includes(v)) body[key] = v === 'true' || v === '1'
    else throw badRequest(`Invalid input for ${key}. Reason: '${body[key]}' cannot be converted to boolean.`)
  }
}

export function expectString(body: Rec, key: string, max = 255): void {
  const v = body[key]
  if (v === undefined || v === null) return
  if (typeof v !== 'string') throw badRequest(`Invalid input for ${key}. Reason: '${v}' is not a valid string.`)
  if (v.length > max) throw badRequest(`Invalid input for ${key}. Reason: '${v}' exceeds maximum length of ${max}.`)
}

export function checkAzHints(body: Rec): void {
  const hints = body.availability_zone_hints
  if (hints === undefined) return
  if (!Array.isArray(hints)) throw badRequest(`Invalid input for availability_zone_hints. Reason: '${hints}' is not a list.`)
  for (const h of hints) {
    if (!AVAILABILITY_ZONES.includes(String(h))) throw nerr(404, 'AvailabilityZoneNotFound', `AvailabilityZone ${h} could not be found.`)
  }
}

/** Picks or checks the segment, as ML2's type drivers do. */
function segment(s: NeutronStore, body: Rec): {type: string; physnet: string | null; seg: number | null} {
  const type = (body['provider:network_type'] as string | undefined) ?? 'vxlan'
  const physnet = (body['provider:physical_network'] as string | undefined) ?? null
  const rawSeg = body['provider:segmentation_id']
  const seg = rawSeg === undefined || rawSeg === null ? null : Number(rawSeg)
  if (seg !== null && !Number.isInteger(seg)) {
    throw badRequest(`Invalid input for provider:segmentation_id. Reason: '${rawSeg}' is not an integer.`)
  }
  const inUse = (t: string, p: string | null, id: number | null) =>
    s.data.networks.some((n) => n['provider:network_type'] === t && n['provider:physical_network'] === p && (id === null || n['provider:segmentation_id'] === id))
  if (type === 'flat') {
    if (!physnet) throw invalidInputProvider('physical_network required for flat provider network')
    if (seg !== null) throw invalidInputProvider('segmentation_id specified for flat provider network')
    if (inUse('flat', physnet, null)) throw nerr(409, 'FlatNetworkInUse', `Unable to create the flat network. Physical network ${physnet} is in use.`)
    return {type, physnet, seg: null}
  }
  if (type === 'vlan') {
    const p = physnet ?? Object.keys(VLAN_RANGES)[0]
    if (physnet && !VLAN_RANGES[physnet] && seg === null) {
      throw invalidInputProvider(`physical_network '${physnet}' unknown for VLAN provider network`)
    }
    if (seg !== null) {
      if (seg < 1 || seg > 4094) throw invalidInputProvider(`segmentation_id out of range (1 through 4094)`)
      if (inUse('vlan', p, seg)) throw nerr(409, 'VlanIdInUse', `Unable to create the network. The VLAN ${seg} on physical network ${p} is in use.`)
      return {type, physnet: p, seg}
    }
    const [lo, hi] = VLAN_RANGES[p] ?? [0, -1]
    for (let id = lo; id <= hi; id++) if (!inUse('vlan', p, id)) return {type, physnet: p, seg: id}
    throw nerr(503, 'NoNetworkAvailable', 'Unable to create the network. No tenant network is available for allocation.')
  }
  if (type === 'vxlan' || type === 'geneve' || type === 'gre') {
    if (physnet) throw invalidInputProvider(`provider:physical_network specified for ${type} network`)
    if (seg !== null) {
      if (inUse(type, null, seg)) throw nerr(409, 'TunnelIdInUse', `Unable to create the network. The tunnel ID ${seg} is in use.`)
      return {type, physnet: null, seg}
    }
    const [lo, hi] = VXLAN_RANGE
    for (let i = 0; i < 64; i++) {
      const id = lo + Math.floor(Math.random() * (hi - lo + 1))
      if (!inUse(type, null, id)) return {type, physnet: null, seg: id}
    }
    for (let id = lo; id <= hi; id++) if (!inUse(type, null, id)) return {type, physnet: null, seg: id}
    throw nerr(503, 'NoNetworkAvailable', 'Unable to create the network. No tenant network is available for allocation.')
  }
  if (type === 'local') return {type, physnet: null, seg: null}
  throw invalidInputProvider(`network_type value '${type}' not supported`)
}

function invalidInputProvider(msg: string) {
  return nerr(400, 'InvalidInput', `Invalid input for operation: ${msg}.`)
}

export function createNetwork(s: NeutronStore, ctx: Caller, body: Rec): Rec {
  checkAttributes(body, CREATE)
  for (const k of ['admin_state_up', 'shared', 'router:external', 'port_security_enabled', 'is_default']) expectBool(body, k)
  expectString(body, 'name')
  expectString(body, 'description')
  const providerKeys = Object.keys(body).filter((k) => k.startsWith('provider:'))
  if (!ctx.isAdmin) {
    if (providerKeys.length) throw policy(`rule:create_network and ${providerKeys.map((k) => `rule:create_network:${k}`).join(' and ')}`)
    if (body.shared) throw policy('rule:create_network and rule:create_network:shared')
    if (body['router:external']) throw policy('rule:create_network and rule:create_network:router:external')
  }
  checkAzHints(body)
  const project = s.projectFor(ctx, body, 'network')
  s.checkQuota(project, 'network')
  const seg = segment(s, body)
  const net: Rec = {
    id: s.newId(),
    name: body.name ?? '',
    admin_state_up: body.admin_state_up ?? true,
    mtu: body.mtu ?? (seg.type === 'vxlan' ? 1450 : 1500),
    status: 'ACTIVE',
    shared: body.shared ?? false,
    availability_zone_hints: body.availability_zone_hints ?? [],
    availability_zones: [],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    'router:external': body['router:external'] ?? false,
    description: body.description ?? '',
    port_security_enabled: body.port_security_enabled ?? true,
    'provider:network_type': seg.type,
    'provider:physical_network': seg.physnet,
    'provider:segmentation_id': seg.seg,
    is_default: body.is_default ?? false,
    ...s.standard(project),
  }
  net.revision_number = 1
  s.data.networks.push(net)
  return net
}

/** What a non-admin may see of networks: its own, shared and external ones. */
export function canSeeNetwork(ctx: Caller, n: Rec): boolean {
  return ctx.isAdmin || n.project_id === ctx.projectId || n.shared === true || n['router:external'] === true
}

export function getNetwork(s: NeutronStore, ctx: Caller, id: string): Rec {
  const n = s.data.networks.find((x) => x.id === id)
  if (!n || !canSeeNetwork(ctx, n)) throw nerr(404, 'NetworkNotFound', `Network ${id} could not be found.`)
  return n
}

export function updateNetwork(s: NeutronStore, ctx: Caller, id: string, body: Rec): Rec {
  const n = getNetwork(s, ctx, id)
  if (!s.owns(ctx, n)) throw nerr(404, 'NetworkNotFound', `Network ${id} could not be found.`)
  checkAttributes(body, UPDATE, true)
  for (const k of ['admin_state_up', 'shared', 'router:external', 'port_security_enabled']) expectBool(body, k)
  if (!ctx.isAdmin && (body.shared !== undefined || body['router:external'] !== undefined)) {
    throw policy(`rule:update_network and rule:update_network:${body.shared !== undefined ? 'shared' : 'router:external'}`)
  }
  expectString(body, 'name')
  Object.assign(n, body)
  s.touch(n)
  return n
}

export function deleteNetwork(s: NeutronStore, ctx: Caller, id: string): void {
  const n = getNetwork(s, ctx, id)
  if (!s.owns(ctx, n)) throw nerr(404, 'NetworkNotFound', `Network ${id} could not be found.`)
  const inUse = s.data.ports.filter((p) => p.network_id === id && !String(p.device_owner).startsWith('network:dhcp'))
  if (inUse.length) {
    throw nerr(
      409,
      'NetworkInUse',
      `Unable to complete operation on network ${id}. There are one or more ports still in use on the network, id for these ports is: ${inUse.map((p) => p.id).join(',')}.`,
    )
  }
  s.data.ports = s.data.ports.filter((p) => p.network_id !== id)
  s.data.subnets = s.data.subnets.filter((x) => x.network_id !== id)
  s.data.networks = s.data.networks.filter((x) => x.id !== id)
}
