import {parseCidr} from './ip.js'
import {checkAttributes, expectBool, expectString} from './networks.js'
import {badRequest, type Caller, nerr, type NeutronStore, type Rec} from './store.js'

/** Security groups and their rules, with Neutron's checks on protocols, ports and prefixes. */

const GROUP_CREATE = new Set(['name', 'description', 'tenant_id', 'project_id', 'stateful', 'tags'])
const GROUP_UPDATE = new Set(['name', 'description', 'stateful'])
const RULE_CREATE = new Set([
  'security_group_id', 'direction', 'ethertype', 'protocol', 'port_range_min', 'port_range_max', 'remote_ip_prefix',
  'remote_group_id', 'remote_address_group_id', 'description', 'tenant_id', 'project_id',
])

const PROTOCOLS: Record<string, number> = {
  ah: 51, dccp: 33, egp: 8, esp: 50, gre: 47, hopopt: 0, icmp: 1, igmp: 2, ipip: 4, ipv6_encap: 41, ipv6_frag: 44,
  ipv6_icmp: 58, 'ipv6-icmp': 58, icmpv6: 58, ipv6_nonxt: 59, ipv6_opts: 60, ipv6_route: 43, ospf: 89, pgm: 113, rsvp: 46,
  sctp: 132, tcp: 6, udp: 17, udplite: 136, vrrp: 112,
}

const groupNotFound = (id: string) => nerr(404, 'SecurityGroupNotFound', `Security group ${id} does not exist`)

export function getGroup(s: NeutronStore, ctx: Caller, id: string): Rec {
  const g = s.data.security_groups.find((x) => x.id === id)
  if (!g || !s.owns(ctx, g)) throw groupNotFound(id)
  return g
}

export function createGroup(s: NeutronStore, ctx: Caller, body: Rec): Rec {
  checkAttributes(body, GROUP_CREATE)
  expectString(body, 'name')
  expectString(body, 'description')
  expectBool(body, 'stateful')
  const project = s.projectFor(ctx, body, 'security_group')
  if (body.name === 'default') {
    if (s.data.security_groups.some((g) => g.name === 'default' && g.project_id === project)) {
      throw nerr(409, 'SecurityGroupDefaultAlreadyExists', 'Default security group already exists.')
    }
  }
  s.defaultSecurityGroup(project)
  s.checkQuota(project, 'security_group')
  const g = s.addSecurityGroup(project, body.name ?? '', body.description ?? '')
  if (body.stateful === false) g.stateful = false
  return g
}

export function updateGroup(s: NeutronStore, ctx: Caller, id: string, body: Rec): Rec {
  const g = getGroup(s, ctx, id)
  checkAttributes(body, GROUP_UPDATE, true)
  if (g.name === 'default' && body.name !== undefined && body.name !== 'default') {
    throw nerr(409, 'SecurityGroupCannotUpdateDefault', 'Updating default security group not allowed.')
  }
  Object.assign(g, body)
  s.touch(g)
  return g
}

export function deleteGroup(s: NeutronStore, ctx: Caller, id: string): void {
  const g = getGroup(s, ctx, id)
  if (g.name === 'default' && !ctx.isAdmin) throw nerr(409, 'SecurityGroupCannotRemoveDefault', 'Insufficient rights for removing default security group.')
  if (s.data.ports.some((p) => (p.security_groups as string[]).includes(id))) throw nerr(409, 'SecurityGroupInUse', `Security Group ${id} in use.`)
  s.data.security_group_rules = s.data.security_group_rules.filter((r) => r.security_group_id !== id)
  s.data.security_groups = s.data.security_groups.filter((x) => x !== g)
}

function portValue(raw: unknown, key: string): number | null {
  if (raw === undefined || raw === null) return null
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw badRequest(`Invalid input for ${key}. Reason: '${raw}' is not a valid port number, it must be an integer between 0 and 65535.`)
  return n
}

export function createRule(s: NeutronStore, ctx: Caller, body: Rec): Rec {
  checkAttributes(body, RULE_CREATE)
  if (body.security_group_id === undefined) throw badRequest("Failed to parse request. Required attribute 'security_group_id' not specified")
  if (!['ingress', 'egress'].includes(String(body.direction))) {
    if (body.direction === undefined) throw badRequest("Failed to parse request. Required attribute 'direction' not specified")
    throw badRequest(`Invalid input for direction. Reason: ${body.direction} is not in valid_values.`)
  }
  const ethertype = String(body.ethertype ?? 'IPv4')
  if (!['IPv4', 'IPv6'].includes(ethertype)) throw badRequest(`Invalid input for ethertype. Reason: ${ethertype} is not in valid_values.`)
  const g = getGroup(s, ctx, String(body.security_group_id))
  let protocol: string | null = body.protocol === undefined || body.protocol === null ? null : String(body.protocol).toLowerCase()
  if (protocol === 'any') protocol = null
  if (protocol !== null && PROTOCOLS[protocol] === undefined) {
    const n = Number(protocol)
    if (!Number.isInteger(n) || n < 0 || n > 255) {
      throw nerr(400, 'SecurityGroupRuleInvalidProtocol', `Security group rule protocol ${body.protocol} not supported. Only protocol values [None, 'ah', 'dccp', 'egp', 'esp', 'gre', 'hopopt', 'icmp', 'igmp', 'ipip', 'ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', 'ospf', 'pgm', 'rsvp', 'sctp', 'tcp', 'udp', 'udplite', 'vrrp'] and integer representations [0 to 255] are supported.`)
    }
  }
  const min = portValue(body.port_range_min, 'port_range_min')
  const max = portValue(body.port_range_max, 'port_range_max')
  const isIcmp = protocol === 'icmp' || protocol === '1' || protocol === 'ipv6-icmp' || protocol === 'icmpv6' || protocol === '58'
  if ((min !== null || max !== null) && protocol === null) {
    throw nerr(400, 'SecurityGroupProtocolRequiredWithPorts', 'Must also specify protocol if port range is given.')
  }
  if (isIcmp) {
    if (min !== null && min > 255) throw nerr(400, 'SecurityGroupInvalidIcmpValue', `Invalid value for ICMP type(port-range-min): ${min}. It must be 0 to 255.`)
    if (max !== null && max > 255) throw nerr(400, 'SecurityGroupInvalidIcmpValue', `Invalid value for ICMP code(port-range-max): ${max}. It must be 0 to 255.`)
    if (min === null && max !== null) throw nerr(400, 'SecurityGroupMissingIcmpType', `ICMP code (port-range-max) ${max} is provided but ICMP type (port-range-min) is missing.`)
  } else if (min !== null && max !== null && min > max) {
    throw nerr(400, 'SecurityGroupInvalidPortRange', 'For TCP/UDP protocols, port_range_min must be <= port_range_max')
  }
  if (body.remote_ip_prefix != null && body.remote_group_id != null) {
    throw nerr(400, 'SecurityGroupRemoteGroupAndRemoteIpPrefix', 'Only remote_ip_prefix or remote_group_id may be provided.')
  }
  let normalized: string | null = null
  if (body.remote_ip_prefix != null) {
    const c = parseCidr(String(body.remote_ip_prefix).includes('/') ? String(body.remote_ip_prefix) : `${body.remote_ip_prefix}/${String(body.remote_ip_prefix).includes(':') ? 128 : 32}`)
    if (!c) throw badRequest(`Invalid input for remote_ip_prefix. Reason: '${body.remote_ip_prefix}' is not a valid IP subnet.`)
    if (`IPv${c.version}` !== ethertype) throw nerr(400, 'SecurityGroupRuleParameterConflict', `Conflicting value ethertype ${ethertype} for CIDR ${body.remote_ip_prefix}`)
    normalized = c.text
  }
  if (body.remote_group_id != null) getGroup(s, {isAdmin: true, projectId: ''}, String(body.remote_group_id))
  const candidate = {
    direction: body.direction,
    ethertype,
    protocol: protocol === null ? null : protocol,
    port_range_min: min,
    port_range_max: max,
    remote_ip_prefix: body.remote_ip_prefix ?? null,
    normalized_cidr: normalized,
    remote_group_id: body.remote_group_id ?? null,
  }
  const dup = s.data.security_group_rules.find(
    (r) =>
      r.security_group_id === g.id &&
      r.direction === candidate.direction &&
      r.ethertype === candidate.ethertype &&
      r.protocol === candidate.protocol &&
      r.port_range_min === candidate.port_range_min &&
      r.port_range_max === candidate.port_range_max &&
      (r.normalized_cidr ?? null) === candidate.normalized_cidr &&
      r.remote_group_id === candidate.remote_group_id,
  )
  if (dup) throw nerr(409, 'SecurityGroupRuleExists', `Security group rule already exists. Rule id is ${dup.id}.`)
  s.checkQuota(g.project_id, 'security_group_rule')
  const rule = s.addRule(g, {...candidate, description: body.description ?? ''})
  s.touch(g)
  return rule
}

export function getRule(s: NeutronStore, ctx: Caller, id: string): Rec {
  const r = s.data.security_group_rules.find((x) => x.id === id)
  if (!r || !s.owns(ctx, r)) throw nerr(404, 'SecurityGroupRuleNotFound', `Security group rule ${id} does not exist`)
  return r
}

export function deleteRule(s: NeutronStore, ctx: Caller, id: string): void {
  const r = getRule(s, ctx, id)
  s.data.security_group_rules = s.data.security_group_rules.filter((x) => x !== r)
  const g = s.data.security_groups.find((x) => x.id === r.security_group_id)
  if (g) s.touch(g)
}
