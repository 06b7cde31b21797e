import type {ServiceClient} from '../../http/service-client.js'
import type {NeutronQuery} from './common.js'

import {ApiError, NotFoundError, UsageError} from '../../core/errors.js'
import {listAll, paging} from '../../http/paginate.js'
import {compact} from './common.js'
import {parseCidr, parseIp} from './input.js'
import {findSecurityGroup} from './security-groups.js'

// --- types: the rule as Neutron returns it ---
export interface SecurityGroupRule {
  id: string
  security_group_id: string
  direction: 'ingress' | 'egress'
  ethertype: 'IPv4' | 'IPv6'
  protocol: string | null
  port_range_min: number | null
  port_range_max: number | null
  remote_ip_prefix: string | null
  remote_group_id: string | null
  remote_address_group_id?: string | null
  description?: string | null
  project_id?: string
  [key: string]: unknown
}

export interface CreateSecurityGroupRuleOpts {
  security_group_id: string
  direction: 'ingress' | 'egress'
  ethertype: 'IPv4' | 'IPv6'
  protocol: string | null
  port_range_min?: number
  port_range_max?: number
  remote_ip_prefix?: string
  remote_group_id?: string
  description?: string
  project_id?: string
}

// --- paths ---
const root = () => '/security-group-rules'
const item = (id: string) => `/security-group-rules/${encodeURIComponent(id)}`

// --- verbs ---
export async function listSecurityGroupRules(c: ServiceClient, q?: NeutronQuery): Promise<SecurityGroupRule[]> {
  return listAll<SecurityGroupRule>(c, paging.links, root(), {key: 'security_group_rules', query: q})
}

export async function getSecurityGroupRule(c: ServiceClient, id: string): Promise<SecurityGroupRule> {
  return (await c.get<{security_group_rule: SecurityGroupRule}>(item(id))).security_group_rule
}

export async function createSecurityGroupRule(c: ServiceClient, opts: CreateSecurityGroupRuleOpts): Promise<SecurityGroupRule> {
  return (await c.post<{security_group_rule: SecurityGroupRule}>(root(), {security_group_rule: opts})).security_group_rule
}

export async function deleteSecurityGroupRule(c: ServiceClient, id: string): Promise<void> {
  await c.delete(item(id))
}

/** Rules have no name: ID only, as OSC says ("Security group rule(s) to delete (ID only)"). */
export async function findSecurityGroupRule(c: ServiceClient, id: string): Promise<SecurityGroupRule> {
  try {
    return await getSecurityGroupRule(c, id)
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
      throw new NotFoundError(`No SecurityGroupRule found for ${id}`, 'SecurityGroupRule')
    }
    throw error
  }
}

// --- pure helpers shared with the views ---

/** Protocol names and numbers OSC treats as ICMP. */
export function isIcmpProtocol(protocol: string | null | undefined): boolean {
  return protocol !== null && protocol !== undefined && ['icmp', 'icmpv6', 'ipv6-icmp', '1', '58'].includes(protocol)
}

function isIpv6Protocol(protocol: string | null): boolean {
  return protocol !== null && (protocol.startsWith('ipv6-') || ['icmpv6', '41', '43', '44', '58', '59', '60'].includes(protocol))
}

/** `--dst-port 22` or `--dst-port 137:139` (osc-lib RangeAction). */
export function parsePortRange(text: string): [number, number] {
  const parts = text.split(':')
  if (parts.length > 2) throw new UsageError(`--dst-port ${text}: Invalid range, too many values`)
  if (!parts.every((p) => /^\d+$/.test(p))) throw new UsageError(`--dst-port ${text}: not a port or a port range like 137:139`)
  const [min, max] = [Number(parts[0]), Number(parts[1] ?? parts[0])]
  if (min > max) throw new UsageError(`--dst-port ${text}: Invalid range, ${min} is not less than ${max}`)
  if (max > 65_535) throw new UsageError(`--dst-port ${text}: ports go from 0 to 65535`)
  return [min, max]
}

// --- operations ---

export interface RuleCreateInput {
  /** Security group name or ID. */
  group: string
  remoteIp?: string
  remoteGroup?: string
  dstPort?: string
  /** `--protocol`: a name, a number or `any` (the default). */
  protocol?: string
  description?: string
  icmpType?: number
  icmpCode?: number
  /** true: `--egress`; default ingress. */
  egress?: boolean
  ethertype?: string
  projectId?: string
}

export interface RuleCreatePlan {
  group: string
  remoteGroup?: string
  body: Omit<CreateSecurityGroupRuleOpts, 'security_group_id' | 'remote_group_id'>
}

/**
 * Checks `security group rule create` input and builds the body (OSC's rules and defaults),
 * before any call. OSC reports these after looking up the group (exit 1); here they are usage
 * errors (exit 2).
 */
export function planRuleCreate(i: RuleCreateInput): RuleCreatePlan {
  let protocol: string | null = (i.protocol ?? 'any').toLowerCase()
  if (protocol === 'any') protocol = null
  let ethertype: 'IPv4' | 'IPv6' = isIpv6Protocol(protocol) ? 'IPv6' : 'IPv4'
  if (i.ethertype !== undefined) {
    const e = i.ethertype.toLowerCase()
    if (e !== 'ipv4' && e !== 'ipv6') throw new UsageError(`--ethertype ${i.ethertype}: expected IPv4 or IPv6`)
    ethertype = e === 'ipv4' ? 'IPv4' : 'IPv6'
  }
  if (i.dstPort && (i.icmpType !== undefined || i.icmpCode !== undefined)) {
    throw new UsageError('Argument --dst-port not allowed with arguments --icmp-type and --icmp-code')
  }
  if (i.icmpType === undefined && i.icmpCode !== undefined) throw new UsageError('Argument --icmp-type required with argument --icmp-code')
  const icmp = isIcmpProtocol(protocol)
  if (!icmp && (i.icmpType !== undefined || i.icmpCode !== undefined)) {
    throw new UsageError('ICMP IP protocol required with arguments --icmp-type and --icmp-code')
  }
  if ([i.remoteIp, i.remoteGroup].filter((x) => x !== undefined).length > 1) {
    throw new UsageError('--remote-ip and --remote-group cannot be used together')
  }
  const body: RuleCreatePlan['body'] = {protocol, direction: i.egress ? 'egress' : 'ingress', ethertype}
  if (i.description !== undefined) body.description = i.description
  // OSC ignores --dst-port for ICMP protocols (for backwards compatibility); so does this.
  if (i.dstPort && !icmp) {
    const [min, max] = parsePortRange(i.dstPort)
    body.port_range_min = min
    body.port_range_max = max
  }
  if (i.icmpType !== undefined && i.icmpType >= 0) body.port_range_min = i.icmpType
  if (i.icmpCode !== undefined && i.icmpCode >= 0) body.port_range_max = i.icmpCode
  if (i.remoteIp !== undefined) {
    const version = parseCidr(i.remoteIp)?.version ?? parseIp(i.remoteIp)?.version
    if (!version) throw new UsageError(`--remote-ip ${i.remoteIp}: not an IP address or CIDR`)
    if (version === 4 !== (ethertype === 'IPv4')) {
      throw new UsageError(`--remote-ip ${i.remoteIp} is IPv${version} but the rule's ethertype is ${ethertype}`, [
        `add --ethertype IPv${version}`,
      ])
    }
    body.remote_ip_prefix = i.remoteIp
  } else if (i.remoteGroup === undefined) {
    body.remote_ip_prefix = ethertype === 'IPv4' ? '0.0.0.0/0' : '::/0'
  }
  if (i.projectId) body.project_id = i.projectId
  return {group: i.group, remoteGroup: i.remoteGroup, body}
}

export async function ruleCreate(c: ServiceClient, plan: RuleCreatePlan): Promise<SecurityGroupRule> {
  const sg = await findSecurityGroup(c, plan.group)
  const remote = plan.remoteGroup ? (await findSecurityGroup(c, plan.remoteGroup)).id : undefined
  return createSecurityGroupRule(c, {...plan.body, security_group_id: sg.id, ...(remote ? {remote_group_id: remote} : {})})
}

export async function ruleDelete(c: ServiceClient, id: string): Promise<SecurityGroupRule> {
  const rule = await findSecurityGroupRule(c, id)
  await deleteSecurityGroupRule(c, rule.id)
  return rule
}

export interface RuleListFilters {
  /** Only the rules of this group (name or ID). */
  group?: string
  protocol?: string
  ethertype?: string
  direction?: 'ingress' | 'egress'
}

export async function ruleList(c: ServiceClient, f: RuleListFilters): Promise<SecurityGroupRule[]> {
  const groupId = f.group ? (await findSecurityGroup(c, f.group)).id : undefined
  const e = f.ethertype?.toLowerCase()
  const ethertype = e === 'ipv4' ? 'IPv4' : e === 'ipv6' ? 'IPv6' : f.ethertype
  return listSecurityGroupRules(
    c,
    compact({security_group_id: groupId, direction: f.direction, protocol: f.protocol?.toLowerCase(), ethertype}),
  )
}
