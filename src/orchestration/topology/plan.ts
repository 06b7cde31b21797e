import type {DesiredResource, Kind, Observed, ObservedResource} from './model.js'

import {KIND_ORDER} from './model.js'

/**
 * The plan: a pure function from (desired, observed) to one change per resource and region, and
 * the steps that carry the changes out. No I/O, so every case is a unit test.
 */

export type Action = 'create' | 'unchanged' | 'update' | 'replace' | 'delete' | 'adopt' | 'not-owned' | 'blocked' | 'unknown'

/** Actions that stop `apply` before any write (`not-owned` unless --adopt). */
export const STOPPING: Action[] = ['not-owned', 'blocked']

export interface Change {
  key: string
  kind: Kind
  region: string
  name: string
  action: Action
  /** Why (what differs, who owns it, what failed). */
  reason?: string
  /** The observed resource's ID, when there is one. */
  id?: string
  desired?: DesiredResource
  observed?: ObservedResource
}

export type StepOp = 'create' | 'update' | 'adopt' | 'delete'

export interface StepSpec {
  /** `create container:RegionOne:container01` */
  id: string
  op: StepOp
  key: string
  kind: Kind
  region: string
  name: string
  deps: string[]
  /** Steps with the same lock run one at a time (changes under one Octavia load balancer). */
  lock?: string
  /** The ID of what a delete step removes. */
  observedId?: string
  /** Fails at once with this message (the region could not be read). */
  failWith?: string
}

export interface Plan {
  topology: string
  changes: Change[]
  steps: StepSpec[]
}

export interface PlanOptions {
  topology: string
  /** Take over resources with the topology's names that carry no mark. */
  adopt?: boolean
}

/** Kinds whose mark cannot be added after creation: adopting one replaces it. */
const UNMARKABLE: Kind[] = ['container', 'listener', 'pool']

/** The count of changes apply would make (everything but unchanged). */
export function changeCount(plan: Plan): number {
  return plan.changes.filter((c) => c.action !== 'unchanged').length
}

export function planTopology(desired: DesiredResource[], observed: Observed, opts: PlanOptions): Plan {
  const byKey = new Map<string, ObservedResource[]>()
  for (const o of observed.resources) byKey.set(o.key, [...(byKey.get(o.key) ?? []), o])
  // Pods are all read from the central Tricircle: one failure covers them all.
  const failed = (kind: Kind, region: string) => observed.failures.find((f) => f.kind === kind && (f.region === region || kind === 'pod'))
  const changes = new Map<string, Change>()
  const ordered = [...desired].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))

  for (const d of ordered) {
    const base = {key: d.key, kind: d.kind, region: d.region, name: d.name, desired: d}
    const failure = failed(d.kind, d.region)
    if (failure) {
      changes.set(d.key, {...base, action: 'unknown', reason: `cannot read the ${d.kind}s of ${failure.region}: ${failure.error.message}`})
      continue
    }
    const all = byKey.get(d.key) ?? []
    // Another project's resources (an admin sees them) are neither ours nor in our way, except as images used by name.
    const candidates = d.spec.kind === 'image' && !d.spec.path ? all : all.filter((o) => !o.foreign)
    const mine = candidates.filter((o) => o.mark === opts.topology)
    const others = candidates.filter((o) => o.mark !== undefined && o.mark !== opts.topology)
    const unmarked = candidates.filter((o) => o.mark === undefined)
    if (d.kind === 'pod' || (d.spec.kind === 'image' && !d.spec.path)) {
      changes.set(d.key, matchUnowned(d, candidates))
      continue
    }
    if (mine.length > 1) {
      changes.set(d.key, {...base, action: 'blocked', reason: `${mine.length} resources carry this topology's mark (${mine.map((o) => o.id).join(', ')}): delete the extra ones`})
      continue
    }
    let o = mine[0]
    let action: Action | undefined
    let reason: string | undefined
    if (!o && others.length) {
      changes.set(d.key, {...base, action: 'blocked', id: others[0].id, observed: others[0], reason: `exists, owned by topology ${others[0].mark}`})
      continue
    }
    if (!o && unmarked.length) {
      if (!opts.adopt) {
        changes.set(d.key, {...base, action: 'not-owned', id: unmarked[0].id, observed: unmarked[0], reason: 'exists, not owned (apply --adopt takes it over)'})
        continue
      }
      if (unmarked.length > 1) {
        changes.set(d.key, {...base, action: 'blocked', reason: `${unmarked.length} exist with this name (${unmarked.map((u) => u.id).join(', ')}): cannot adopt one`})
        continue
      }
      o = unmarked[0]
      action = 'adopt'
    }
    if (!o) {
      changes.set(d.key, {...base, action: 'create'})
      continue
    }
    const parentChange = d.parents.map((p) => changes.get(p)).find((c) => c && (c.action === 'create' || c.action === 'replace'))
    const diff = parentChange ? {replace: `${parentChange.kind} ${parentChange.name} is ${parentChange.action === 'create' ? 'new' : 'replaced'}`} : compare(d, o, changes)
    if (diff.replace) {
      action = 'replace'
      reason = action === 'replace' && o.mark === undefined ? `adopted, then ${diff.replace}` : diff.replace
    } else if (UNMARKABLE.includes(d.kind) && action === 'adopt') {
      action = 'replace'
      reason = `adopted: ${d.kind === 'container' ? 'Zun cannot label an existing container' : `mrctl cannot tag an existing ${d.kind}`}, so it is replaced`
    } else if (diff.update) {
      action = action === 'adopt' ? 'adopt' : 'update'
      reason = diff.update
    } else {
      action ??= 'unchanged'
    }
    changes.set(d.key, {...base, action, reason, id: o.id, observed: o})
  }

  // Resources this topology marked that the file no longer has.
  const wanted = new Set(desired.map((d) => d.key))
  for (const o of observed.resources) {
    if (o.mark !== opts.topology || o.foreign || wanted.has(o.key)) continue
    changes.set(`${o.key}#${o.id}`, {key: o.key, kind: o.kind, region: o.region, name: o.name, action: 'delete', reason: 'no longer in the topology', id: o.id, observed: o})
  }
  // Extra owned copies of a wanted resource are blocked above; they are not deleted silently.

  const list = [...changes.values()].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.region.localeCompare(b.region) || a.name.localeCompare(b.name),
  )
  return {topology: opts.topology, changes: list, steps: stepsFor(list)}
}

/** Pods (matched by region) and images without a file (used, never made): they must exist as described. */
function matchUnowned(d: DesiredResource, candidates: ObservedResource[]): Change {
  const base = {key: d.key, kind: d.kind, region: d.region, name: d.name, desired: d}
  if (d.spec.kind === 'image') {
    if (candidates.length === 0) return {...base, action: 'blocked', reason: `image ${d.name} is not in ${d.region}'s Glance (it has no file: to upload)`}
    if (candidates.length > 1) return {...base, action: 'blocked', reason: `${candidates.length} images named ${d.name} in ${d.region}: the name is ambiguous`}
    return {...base, action: 'unchanged', id: candidates[0].id, observed: candidates[0], reason: 'existing image (not owned)'}
  }
  if (d.spec.kind !== 'pod') throw new Error(`unexpected ${d.kind}`)
  const pod = d.spec.pod
  const have = candidates[0]
  if (!have) return {...base, action: 'create'}
  const az = (have.attrs.az as string) ?? ''
  const wantAz = pod.availability_zone ?? ''
  if (az !== wantAz) {
    return {
      ...base,
      action: 'blocked',
      id: have.id,
      observed: have,
      reason: `the pod of ${d.region} has availability zone ${az || '(none: the central pod)'}, not ${wantAz || '(none: the central pod)'}; Tricircle cannot change a pod`,
    }
  }
  return {...base, action: 'unchanged', id: have.id, observed: have}
}

/** What differs between a resource and its description: `replace` (cannot change in place) or `update`. */
function compare(d: DesiredResource, o: ObservedResource, changes: Map<string, Change>): {replace?: string; update?: string} {
  const a = o.attrs
  const parentId = (key: string) => changes.get(key)?.id
  const differs: string[] = []
  const note = (what: string, want: unknown, have: unknown) => differs.push(`${what} ${fmt(have)} → ${fmt(want)}`)
  switch (d.spec.kind) {
    case 'image': {
      const s = d.spec
      if (a.container_format !== s.image.container_format) note('container_format', s.image.container_format, a.container_format)
      if (a.disk_format !== s.image.disk_format) note('disk_format', s.image.disk_format, a.disk_format)
      if (s.hash && !sameData(a, s.hash)) differs.push('the file differs from the image data')
      if (a.status !== 'active') differs.push(`status ${fmt(a.status)}`)
      if (differs.length) return {replace: differs.join('; ')}
      const props = (a.properties ?? {}) as Record<string, string>
      const changed = Object.entries(s.image.properties).filter(([k, v]) => props[k] !== v)
      return changed.length ? {update: changed.map(([k, v]) => `property ${k} ${fmt(props[k])} → ${fmt(v)}`).join('; ')} : {}
    }
    case 'network': {
      const have = [...((a.availability_zone_hints as string[]) ?? [])].sort()
      const want = [...d.spec.availabilityZoneHints].sort()
      return have.join(',') === want.join(',') ? {} : {replace: `availability_zone_hints ${fmt(have)} → ${fmt(want)}`}
    }
    case 'subnet': {
      const s = d.spec.subnet
      if (a.cidr !== s.cidr) note('cidr', s.cidr, a.cidr)
      const net = parentId(d.parents[0])
      if (net && a.network_id !== net) differs.push(`it is on network ${fmt(a.network_id)}, not ${net}`)
      if (differs.length) return {replace: differs.join('; ')}
      if (s.gateway !== undefined && (a.gateway_ip ?? null) !== s.gateway) note('gateway', s.gateway, a.gateway_ip)
      if ((a.enable_dhcp ?? true) !== s.dhcp) note('dhcp', s.dhcp, a.enable_dhcp)
      if (s.allocation_pools && poolsKey(a.allocation_pools) !== poolsKey(s.allocation_pools)) note('allocation_pools', s.allocation_pools, a.allocation_pools)
      if (s.dns_nameservers && [...((a.dns_nameservers as string[]) ?? [])].sort().join(',') !== [...s.dns_nameservers].sort().join(',')) {
        note('dns_nameservers', s.dns_nameservers, a.dns_nameservers)
      }
      return differs.length ? {update: differs.join('; ')} : {}
    }
    case 'container': {
      const s = d.spec
      if (a.specHash !== s.specHash) differs.push('its description changed')
      const image = parentId(d.parents.find((p) => p.startsWith('image:'))!)
      if (image && a.image !== image) differs.push(`it runs image ${fmt(a.image)}, not ${image}`)
      if (a.status === 'Error') differs.push(`status Error${a.status_reason ? `: ${a.status_reason}` : ''}`)
      else if (a.status === 'Stopped' && !s.container.exits) differs.push('status Stopped (its command is not meant to exit)')
      else if (a.status === 'Deleting') differs.push('status Deleting')
      return differs.length ? {replace: differs.join('; ')} : {}
    }
    case 'loadbalancer': {
      const subnet = parentId(d.parents[d.parents.length - 1])
      if (subnet && a.vip_subnet_id !== subnet) differs.push(`its VIP is on subnet ${fmt(a.vip_subnet_id)}, not ${subnet}`)
      if (a.provisioning_status === 'ERROR') differs.push('provisioning_status ERROR')
      return differs.length ? {replace: differs.join('; ')} : {}
    }
    case 'listener': {
      const l = d.spec.listener
      if (a.protocol !== l.protocol) note('protocol', l.protocol, a.protocol)
      if (a.protocol_port !== l.port) note('port', l.port, a.protocol_port)
      if (a.provisioning_status === 'ERROR') differs.push('provisioning_status ERROR')
      return differs.length ? {replace: differs.join('; ')} : {}
    }
    case 'pool': {
      const p = d.spec.pool
      if (a.protocol !== p.protocol) note('protocol', p.protocol, a.protocol)
      if (a.lb_algorithm !== p.lb_algorithm) note('lb_algorithm', p.lb_algorithm, a.lb_algorithm)
      const listener = d.spec.listener ? parentId(d.parents[0]) : undefined
      if (listener && !((a.listener_ids as string[]) ?? []).includes(listener)) differs.push(`it is not the default pool of listener ${listener}`)
      if (a.provisioning_status === 'ERROR') differs.push('provisioning_status ERROR')
      return differs.length ? {replace: differs.join('; ')} : {}
    }
    case 'member': {
      const m = d.spec.member
      const container = m.container ? changes.get(d.parents[2]) : undefined
      const subnetId = parentId(d.parents[1])
      const want = m.address ?? addressOn(container?.observed, subnetId)
      if (a.protocol_port !== m.port) note('port', m.port, a.protocol_port)
      if (want !== undefined && a.address !== want) note('address', want, a.address)
      if (subnetId && a.subnet_id && a.subnet_id !== subnetId) differs.push(`it is on subnet ${fmt(a.subnet_id)}, not ${subnetId}`)
      if (m.weight !== undefined && a.weight !== m.weight) note('weight', m.weight, a.weight)
      if (a.provisioning_status === 'ERROR') differs.push('provisioning_status ERROR')
      return differs.length ? {replace: differs.join('; ')} : {}
    }
    default:
      return {}
  }
}

/** A container's address on a subnet (observed `addresses`: network ID → [{addr, subnet_id}]). */
export function addressOn(container: ObservedResource | undefined, subnetId: string | undefined): string | undefined {
  const addrs = (container?.attrs.addresses ?? {}) as Record<string, Array<{addr: string; subnet_id?: string}>>
  const all = Object.values(addrs).flat()
  return (all.find((x) => x.subnet_id === subnetId) ?? (subnetId ? undefined : all[0]))?.addr
}

function sameData(a: Record<string, unknown>, hash: {md5: string; sha512: string; size: number}): boolean {
  if (a.os_hash_algo === 'sha512' && typeof a.os_hash_value === 'string') return a.os_hash_value === hash.sha512
  if (typeof a.checksum === 'string') return a.checksum === hash.md5
  return a.size === hash.size
}

function poolsKey(v: unknown): string {
  return ((v as Array<{start: string; end: string}>) ?? []).map((p) => `${p.start}-${p.end}`).sort().join(',')
}

function fmt(v: unknown): string {
  if (v === undefined || v === null) return 'none'
  return typeof v === 'string' ? v : JSON.stringify(v)
}

/**
 * The steps for the changes. A replace is a delete and a create. Creates wait for the creates of
 * their parents (and their own delete); a delete waits for the deletes of everything on it.
 * Children of a load balancer that is deleted go with it (cascade): no step of their own.
 */
export function stepsFor(changes: Change[]): StepSpec[] {
  const steps: StepSpec[] = []
  const byKey = new Map(changes.filter((c) => c.desired).map((c) => [c.key, c]))
  const lbGone = new Set(
    changes.filter((c) => c.kind === 'loadbalancer' && (c.action === 'delete' || c.action === 'replace')).map((c) => c.id ?? ''),
  )
  const lockOf = (c: Change) => (['listener', 'pool', 'member'].includes(c.kind) ? `lb:${c.region}:${c.name.split('/')[0]}` : undefined)
  const createId = (key: string) => `create ${key}`
  const deleteId = (c: Change) => `delete ${c.key}${c.desired ? '' : `#${c.id}`}`
  const deleting = changes.filter((c) => c.action === 'delete' || c.action === 'replace')
  const cascaded = (c: Change) => ['listener', 'pool', 'member'].includes(c.kind) && lbGone.has((c.observed?.attrs.loadbalancer_id as string) ?? '')

  for (const c of deleting) {
    if (cascaded(c)) continue
    // Everything being deleted that sits on this resource goes first.
    const deps = deleting.filter((x) => x !== c && !cascaded(x) && x.observed?.refs.includes(c.id ?? '\0')).map(deleteId)
    steps.push({id: deleteId(c), op: 'delete', key: c.key, kind: c.kind, region: c.region, name: c.name, observedId: c.id, deps, lock: c.kind === 'loadbalancer' ? undefined : lockOf(c)})
  }
  for (const c of changes) {
    const failWith = c.action === 'unknown' ? c.reason : undefined
    if (c.action === 'create' || c.action === 'replace' || c.action === 'unknown') {
      const deps = (c.desired?.parents ?? []).filter((p) => {
        const pc = byKey.get(p)
        return pc && (pc.action === 'create' || pc.action === 'replace' || pc.action === 'unknown')
      }).map(createId)
      if (c.action === 'replace' && !cascaded(c)) deps.push(deleteId(c))
      steps.push({id: createId(c.key), op: 'create', key: c.key, kind: c.kind, region: c.region, name: c.name, deps, lock: lockOf(c), failWith})
    } else if (c.action === 'update' || c.action === 'adopt') {
      steps.push({id: `${c.action} ${c.key}`, op: c.action, key: c.key, kind: c.kind, region: c.region, name: c.name, deps: [], lock: lockOf(c)})
    }
  }
  return steps
}
