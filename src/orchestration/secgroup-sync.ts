import type {Session} from '../auth/session.js'
import type {ServiceClient} from '../http/service-client.js'
import type {SecurityGroup} from '../clients/neutron/security-groups.js'
import type {CreateSecurityGroupRuleOpts, SecurityGroupRule} from '../clients/neutron/security-group-rules.js'

import {parseCidr} from '../clients/neutron/input.js'
import {AmbiguousError, ApiError, MrctlError} from '../core/errors.js'
import {find, sdkMessagesIn} from '../core/find.js'
import {fanout} from './fanout.js'

/**
 * Security group sync across regions (the multisite requirement's "clone security groups"; Kingbird
 * never built it). Rules are matched by what they allow, never by ID; a rule that names a remote
 * group names it by the group's name, which is mapped to the same-named group of the target.
 */

/** What a rule allows, in the terms two regions can compare. */
export interface RuleContent {
  direction: 'ingress' | 'egress'
  ethertype: 'IPv4' | 'IPv6'
  /** As the source has it (sent as is); compared through protocolKey. */
  protocol: string | null
  portRangeMin: number | null
  portRangeMax: number | null
  remoteIpPrefix: string | null
  /** The remote group's name (null: none). */
  remoteGroup: string | null
  description: string
}

/** Neutron's protocol names and their numbers: `tcp` and `6` are the same rule. */
const PROTOCOL_NUMBERS: Record<string, number> = {
  ah: 51, dccp: 33, egp: 8, esp: 50, gre: 47, icmp: 1, icmpv6: 58, igmp: 2, ipip: 4, 'ipv6-encap': 41,
  'ipv6-frag': 44, 'ipv6-icmp': 58, 'ipv6-nonxt': 59, 'ipv6-opts': 60, 'ipv6-route': 43, ospf: 89, pgm: 113,
  rsvp: 46, sctp: 132, tcp: 6, udp: 17, udplite: 136, vrrp: 112,
}

function protocolKey(p: string | null): string {
  if (p === null || p === '' || p.toLowerCase() === 'any') return 'any'
  const n = PROTOCOL_NUMBERS[p.toLowerCase()]
  return n === undefined ? p.toLowerCase() : String(n)
}

/** 10.0.0.5/24 and 10.0.0.0/24 are one range; no prefix and 0.0.0.0/0 (::/0) are "anywhere". */
function prefixKey(prefix: string | null): string {
  if (prefix === null || prefix === '') return 'any'
  const c = parseCidr(prefix)
  if (!c) return prefix
  return c.prefix === 0 ? 'any' : `${c.version}:${c.network}/${c.prefix}`
}

/** The identity of a rule: everything it allows, not its ID or description. */
export function ruleKey(r: RuleContent): string {
  return [r.direction, r.ethertype, protocolKey(r.protocol), r.portRangeMin ?? '', r.portRangeMax ?? '', prefixKey(r.remoteIpPrefix), r.remoteGroup ?? ''].join('|')
}

export function ruleText(r: RuleContent): string {
  const proto = protocolKey(r.protocol) === 'any' ? 'any' : r.protocol
  const ports = r.portRangeMin === null ? '' : r.portRangeMax === null || r.portRangeMax === r.portRangeMin ? `:${r.portRangeMin}` : `:${r.portRangeMin}-${r.portRangeMax}`
  const remote = r.remoteGroup !== null ? `group ${r.remoteGroup}` : prefixKey(r.remoteIpPrefix) === 'any' ? 'anywhere' : r.remoteIpPrefix!
  return `${r.direction} ${r.ethertype} ${proto}${ports} ${r.direction === 'ingress' ? 'from' : 'to'} ${remote}`
}

/** A rule as content; undefined for what cannot be carried to another region (an address group). */
function contentOf(rule: SecurityGroupRule, groupName: (id: string) => string | undefined): RuleContent | undefined {
  if (rule.remote_address_group_id) return undefined
  let remoteGroup: string | null = null
  if (rule.remote_group_id) {
    const name = groupName(rule.remote_group_id)
    if (name === undefined) return undefined
    remoteGroup = name
  }
  return {
    direction: rule.direction,
    ethertype: rule.ethertype,
    protocol: rule.protocol ?? null,
    portRangeMin: rule.port_range_min ?? null,
    portRangeMax: rule.port_range_max ?? null,
    remoteIpPrefix: rule.remote_ip_prefix ?? null,
    remoteGroup,
    description: rule.description ?? '',
  }
}

/** The egress rules Neutron gives every new group (so a planned creation knows what it starts with). */
export function defaultEgressRules(groupId: string): SecurityGroupRule[] {
  return (['IPv4', 'IPv6'] as const).map((ethertype) => ({
    id: `(default ${ethertype} egress)`,
    security_group_id: groupId,
    direction: 'egress',
    ethertype,
    protocol: null,
    port_range_min: null,
    port_range_max: null,
    remote_ip_prefix: null,
    remote_group_id: null,
    description: '',
  }))
}

// ---------------------------------------------------------------------------------------------
// planning (pure)

export interface GroupToCreate {
  name: string
  description: string
  stateful?: boolean
}

export interface GroupRuleChanges {
  group: string
  add: RuleContent[]
  remove: Array<{id: string; content: RuleContent}>
}

export interface TargetPlan {
  /** Groups missing in the target: the one synced, and the groups its rules refer to. */
  create: GroupToCreate[]
  /** Rule changes per group (the synced group first; referenced groups only when created). */
  changes: GroupRuleChanges[]
  /** Source rules that cannot be carried over, and why. */
  skipped: string[]
}

export interface PlanInput {
  /** The group to sync, in the source region. */
  source: SecurityGroup
  /** Every group of the source group's project in the source region (for remote-group names). */
  sourceGroups: SecurityGroup[]
  /** The same project's groups in the target region. */
  targetGroups: SecurityGroup[]
  prune: boolean
  /** Groups to fill as if they were missing (those a run has just created). */
  alsoFill?: string[]
}

/**
 * What a target needs: the group (created when missing), each source rule whose content it lacks,
 * and with `prune` each rule the source does not have. Groups the rules refer to that the target
 * lacks are created there too, with their own rules; existing referenced groups are left alone.
 */
export function planGroupSync(input: PlanInput): TargetPlan {
  const {source, sourceGroups, prune} = input
  const skipped: string[] = []
  const sourceName = nameLookup(sourceGroups)
  const targetByName = groupsByName(input.targetGroups)

  // The synced group, then every group reachable through remote-group rules that the target lacks.
  const create: GroupToCreate[] = []
  const toFill: SecurityGroup[] = []
  const fill = new Set(input.alsoFill ?? [])
  const visit = (g: SecurityGroup, top: boolean) => {
    const existing = targetByName.get(g.name) ?? []
    if (existing.length > 1) throw new AmbiguousError(`More than one SecurityGroup exists with the name '${g.name}'`, existing.map((x) => x.id))
    const missing = existing.length === 0
    if (missing) {
      create.push({name: g.name, description: g.description ?? '', ...(g.stateful === false ? {stateful: false} : {})})
      targetByName.set(g.name, [{...g, id: `(new ${g.name})`, security_group_rules: defaultEgressRules(`(new ${g.name})`)}])
    }
    if (top || missing || fill.has(g.name)) toFill.push(g)
    for (const r of g.security_group_rules ?? []) {
      if (!r.remote_group_id || r.remote_group_id === g.id) continue
      const ref = sourceGroups.find((x) => x.id === r.remote_group_id)
      if (ref && !toFill.includes(ref) && (!targetByName.get(ref.name)?.length || fill.has(ref.name))) visit(ref, false)
    }
  }
  visit(source, true)

  const targetName = nameLookup([...targetByName.values()].flat())
  const changes = toFill.map((g): GroupRuleChanges => {
    const target = targetByName.get(g.name)![0]
    const wanted = new Map<string, RuleContent>()
    for (const r of g.security_group_rules ?? []) {
      const c = contentOf(r, sourceName)
      if (!c) {
        skipped.push(`${g.name}: ${r.remote_address_group_id ? `rule ${r.id} uses an address group, which exists only in its region` : `rule ${r.id} refers to group ${r.remote_group_id}, which is not in the project`}`)
        continue
      }
      if (!wanted.has(ruleKey(c))) wanted.set(ruleKey(c), c)
    }
    // Neutron refuses two rules with the same content, so each key is there at most once.
    const have = new Map<string, {id: string; content: RuleContent}>()
    for (const r of target.security_group_rules ?? []) {
      const c = contentOf(r, targetName)
      if (c) have.set(ruleKey(c), {id: r.id, content: c})
    }
    const add = [...wanted].filter(([k]) => !have.has(k)).map(([, c]) => c)
    // Only the group asked for is pruned: a referenced group that already existed is left alone.
    const remove = prune && g === source ? [...have].filter(([k]) => !wanted.has(k)).map(([, x]) => x) : []
    return {group: g.name, add, remove}
  })
  return {create, changes, skipped}
}

function nameLookup(groups: SecurityGroup[]): (id: string) => string | undefined {
  const m = new Map(groups.map((g) => [g.id, g.name]))
  return (id) => m.get(id)
}

function groupsByName(groups: SecurityGroup[]): Map<string, SecurityGroup[]> {
  const m = new Map<string, SecurityGroup[]>()
  for (const g of groups) m.set(g.name, [...(m.get(g.name) ?? []), g])
  return m
}

// ---------------------------------------------------------------------------------------------
// reading and writing

/**
 * The group to sync (openstacksdk's find: by ID, else by name among the project's groups), and
 * the groups of its project; one list call when the name is the project's.
 */
export async function findSourceGroup(c: ServiceClient, nameOrId: string, projectId: string): Promise<{group: SecurityGroup; groups: SecurityGroup[]}> {
  const {getSecurityGroup, listSecurityGroups} = await import('../clients/neutron/security-groups.js')
  let groups: SecurityGroup[] | undefined
  const ownGroups = async () => (groups ??= await listSecurityGroups(c, {project_id: projectId}))
  const group = await find({resource: 'SecurityGroup', get: (id) => getSecurityGroup(c, id), list: ownGroups, messages: sdkMessagesIn(c.region)}, nameOrId)
  if (groups === undefined || (group.project_id && group.project_id !== projectId)) groups = await listSecurityGroups(c, {project_id: group.project_id ?? projectId})
  return {group: groups.find((g) => g.id === group.id) ?? group, groups}
}

export async function projectGroups(c: ServiceClient, projectId: string): Promise<SecurityGroup[]> {
  const {listSecurityGroups} = await import('../clients/neutron/security-groups.js')
  return listSecurityGroups(c, {project_id: projectId})
}

export interface TargetResult {
  region: string
  plan?: TargetPlan
  /** What was done (equal to the plan unless it failed half-way or --dry-run). */
  created: string[]
  added: number
  removed: number
  error?: Error
}

/**
 * Carries out one target's plan: creates the missing groups, then plans the rules again against
 * the groups as Neutron made them (with their real default rules), then adds and removes rules.
 * A rule Neutron says already exists (409) counts as there.
 */
async function applyTarget(c: ServiceClient, input: PlanInput, plan: TargetPlan, ownProject: string, done: TargetResult): Promise<void> {
  const [{createSecurityGroup}, {createSecurityGroupRule, deleteSecurityGroupRule}] = await Promise.all([
    import('../clients/neutron/security-groups.js'),
    import('../clients/neutron/security-group-rules.js'),
  ])
  const targetGroups = [...input.targetGroups]
  const projectId = input.source.project_id
  for (const g of plan.create) {
    const made = await createSecurityGroup(c, {...g, ...(projectId && projectId !== ownProject ? {project_id: projectId} : {})})
    targetGroups.push(made)
    done.created.push(g.name)
  }
  const fresh = planGroupSync({...input, targetGroups, alsoFill: plan.create.map((g) => g.name)})
  const idOf = (name: string) => {
    const ids = targetGroups.filter((x) => x.name === name).map((x) => x.id)
    if (ids.length !== 1) throw new MrctlError(`group ${name} is missing in ${c.region}, or there are several`)
    return ids[0]
  }
  for (const ch of fresh.changes) {
    const groupId = idOf(ch.group)
    for (const r of ch.add) {
      const body: CreateSecurityGroupRuleOpts = {
        security_group_id: groupId,
        direction: r.direction,
        ethertype: r.ethertype,
        protocol: r.protocol,
        ...(r.portRangeMin === null ? {} : {port_range_min: r.portRangeMin}),
        ...(r.portRangeMax === null ? {} : {port_range_max: r.portRangeMax}),
        ...(r.remoteIpPrefix === null ? {} : {remote_ip_prefix: r.remoteIpPrefix}),
        ...(r.remoteGroup === null ? {} : {remote_group_id: idOf(r.remoteGroup)}),
        ...(r.description ? {description: r.description} : {}),
      }
      try {
        await createSecurityGroupRule(c, body)
        done.added++
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 409)) throw error
      }
    }
    for (const r of ch.remove) {
      await deleteSecurityGroupRule(c, r.id)
      done.removed++
    }
  }
  done.plan = {...plan, changes: fresh.changes}
}

export interface SyncOptions {
  from: string
  to: string[]
  group: string
  /** The project whose groups are synced (the token's unless --project). */
  projectId: string
  /** The token's project: a group of another project is created with its project_id. */
  ownProject: string
  prune: boolean
  dryRun: boolean
}

/**
 * Reads the source group and the project's groups in every target (in parallel), plans each
 * target, and (unless dry-run) carries the plans out, targets in parallel. An unknown group fails
 * before any target is read; a target that fails is reported and the others go on.
 */
export async function syncSecurityGroup(session: Session, o: SyncOptions): Promise<{source: SecurityGroup; targets: TargetResult[]}> {
  const src = await session.client('network', o.from)
  const {group: source, groups: sourceGroups} = await findSourceGroup(src, o.group, o.projectId)
  const results = await fanout(o.to, async (region) => {
    const done: TargetResult = {region, created: [], added: 0, removed: 0}
    try {
      const c = await session.client('network', region)
      const input: PlanInput = {source, sourceGroups, targetGroups: await projectGroups(c, source.project_id), prune: o.prune}
      const plan = planGroupSync(input)
      done.plan = plan
      if (!o.dryRun) await applyTarget(c, input, plan, o.ownProject, done)
    } catch (error) {
      done.error = error as Error
    }
    return done
  })
  return {source, targets: results.map((r) => (r.ok ? r.value : {region: r.region, created: [], added: 0, removed: 0, error: r.error}))}
}
