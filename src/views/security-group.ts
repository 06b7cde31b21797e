import type {SecurityGroupRule} from '../clients/neutron/security-group-rules.js'
import type {SecurityGroup} from '../clients/neutron/security-groups.js'
import type {Fmt, ListView, ShowColumn, ShowView} from './common.js'

import {isIcmpProtocol} from '../clients/neutron/security-group-rules.js'
import {formatListOfDicts} from '../output/table.js'
import {raw, showView, withRegion} from './common.js'

/** Python truthiness, for OSC's "drop the empty keys". */
const truthy = (v: unknown) =>
  !(v === null || v === undefined || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v as object).length === 0))

/**
 * OSC's NetworkSecurityGroupRulesColumn: each rule without its empty keys and without the
 * keys the caller already knows (security_group_id, tenant_id, project_id), one per line.
 */
export const securityGroupRules: Fmt = (v) =>
  Array.isArray(v)
    ? formatListOfDicts(
        v.map((rule: Record<string, unknown>) =>
          Object.fromEntries(
            Object.entries(rule).filter(([k, x]) => truthy(x) && !['security_group_id', 'tenant_id', 'project_id'].includes(k)),
          ),
        ),
      )
    : raw(v)

export function securityGroupListView(items: Array<{region: string; item: SecurityGroup}>, opts: {regionColumn?: boolean} = {}): ListView {
  const row = (g: SecurityGroup) => [g.id, g.name, g.description, g.project_id ?? g.tenant_id, g.tags ?? []]
  // Tags has no formatter in OSC's security group list: the table shows Python's str(), e.g. [].
  return {...withRegion(items, Boolean(opts.regionColumn), ['ID', 'Name', 'Description', 'Project', 'Tags'], row), human: {Tags: raw}}
}

/** openstacksdk's SecurityGroup attributes, `security_group_rules` shown as `rules`. */
const GROUP_COLUMNS: ShowColumn[] = [
  {name: 'created_at'},
  {name: 'description'},
  {name: 'id'},
  {name: 'name'},
  {name: 'project_id', from: (g) => g.project_id ?? g.tenant_id},
  {name: 'revision_number'},
  {name: 'rules', from: 'security_group_rules', human: securityGroupRules},
  {name: 'stateful'},
  {name: 'tags', absent: []},
  {name: 'updated_at'},
]

export function securityGroupShowView(g: SecurityGroup): ShowView {
  return showView(g, GROUP_COLUMNS)
}

/** OSC's port range text: `22:22`, `137:139`, `type=3:code=0` for ICMP, or empty. */
export function portRange(rule: Pick<SecurityGroupRule, 'protocol' | 'port_range_min' | 'port_range_max'>): string {
  const min = rule.port_range_min
  const max = rule.port_range_max
  if (isIcmpProtocol(rule.protocol)) {
    let out = ''
    if (min) out += `type=${min}`
    if (max) out += `:code=${max}`
    return out
  }
  if (!min && !max) return ''
  return `${min ?? max}:${max ?? min}`
}

/** The remote prefix, or the "everything" prefix of the rule's ethertype when there is none. */
export function remoteIpPrefix(rule: Pick<SecurityGroupRule, 'remote_ip_prefix' | 'ethertype'>): string | null {
  if (rule.remote_ip_prefix !== null && rule.remote_ip_prefix !== undefined) return rule.remote_ip_prefix
  if (rule.ethertype === 'IPv4') return '0.0.0.0/0'
  if (rule.ethertype === 'IPv6') return '::/0'
  return null
}

export function ruleListView(
  items: Array<{region: string; item: SecurityGroupRule}>,
  opts: {withGroup?: boolean; regionColumn?: boolean} = {},
): ListView {
  const headers = ['ID', 'IP Protocol', 'Ethertype', 'IP Range', 'Port Range', 'Direction', 'Remote Security Group', 'Remote Address Group']
  if (opts.withGroup) headers.push('Security Group')
  const row = (r: SecurityGroupRule) => {
    const cells: unknown[] = [
      r.id,
      r.protocol,
      r.ethertype,
      remoteIpPrefix(r),
      portRange(r),
      r.direction,
      r.remote_group_id ?? null,
      r.remote_address_group_id ?? null,
    ]
    if (opts.withGroup) cells.push(r.security_group_id)
    return cells
  }
  return withRegion(items, Boolean(opts.regionColumn), headers, row)
}

/** openstacksdk's SecurityGroupRule attributes (`ethertype` is `ether_type` there; `name` is always None). */
const RULE_COLUMNS: ShowColumn[] = [
  {name: 'created_at'},
  {name: 'description'},
  {name: 'direction'},
  {name: 'ether_type', from: 'ethertype'},
  {name: 'id'},
  {name: 'name'},
  {name: 'port_range_max'},
  {name: 'port_range_min'},
  {name: 'project_id', from: (r) => r.project_id ?? r.tenant_id},
  {name: 'protocol'},
  {name: 'remote_address_group_id'},
  {name: 'remote_group_id'},
  {name: 'remote_ip_prefix'},
  {name: 'revision_number'},
  {name: 'security_group_id'},
  {name: 'tags', absent: []},
  {name: 'updated_at'},
]

/** `rule create` shows the rule as created; `rule show` fills an empty remote prefix as OSC does. */
export function ruleShowView(r: SecurityGroupRule, opts: {fillRemote?: boolean} = {}): ShowView {
  const rule = opts.fillRemote && !r.remote_ip_prefix ? {...r, remote_ip_prefix: remoteIpPrefix({...r, remote_ip_prefix: null})} : r
  return showView(rule, RULE_COLUMNS)
}
