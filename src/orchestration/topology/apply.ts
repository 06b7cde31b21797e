import type {CloudClients} from './cloud/clients.js'
import type {ExecStep, StepOutcome} from './executor.js'
import type {Change, Plan, StepSpec} from './plan.js'

import {MrctlError} from '../../core/errors.js'
import {memberName} from './desired.js'
import {criticalPath, execute} from './executor.js'
import {addressOn} from './plan.js'

/**
 * Carries a plan out: each step becomes one call (or a create and its wait) through the service
 * modules in cloud/, run by the dependency-graph executor. IDs flow from step to step through a
 * shared context (a new network's ID to its subnets, a container's address to its member).
 */

export interface StepReport {
  step: string
  region: string
  resource: string
  kind: string
  action: string
  status: StepOutcome['status']
  id?: string
  address?: string
  error?: string
  ms?: number
}

export interface ApplyResult {
  topology: string
  steps: StepReport[]
  interrupted?: 'stopped' | 'abandoned'
  /** The steps in flight when the run was abandoned: they may have left something half-made. */
  halfMade: StepReport[]
  criticalPath: {steps: string[]; ms: number}
  ms: number
}

export interface ApplyProgress {
  start?(step: StepSpec): void
  status?(step: StepSpec, text: string): void
  finish?(step: StepSpec, report: StepReport): void
}

export interface ApplyOptions {
  concurrency?: number
  stop?: AbortSignal
  abandon?: AbortSignal
  deadlineAt: number
  tricircleRegion?: string
  progress?: ApplyProgress
}

interface Facts {
  id: string
  addresses?: Record<string, Array<{addr: string; subnet_id: string}>>
  vip_address?: string
}

export async function applyPlan(plan: Plan, clients: CloudClients, opts: ApplyOptions): Promise<ApplyResult> {
  const started = performance.now()
  const changes = new Map<string, Change>()
  for (const c of plan.changes) if (c.desired) changes.set(c.key, c)
  // What exists and stays: its facts are known before anything runs.
  const facts = new Map<string, Facts>()
  for (const c of changes.values()) {
    if (c.observed && c.action !== 'replace') facts.set(c.key, {id: c.observed.id, addresses: c.observed.attrs.addresses as Facts['addresses']})
  }
  const need = (key: string): Facts => {
    const f = facts.get(key)
    if (!f) throw new MrctlError(`${key} has no ID yet (it was not made)`)
    return f
  }
  const ctx: StepContext = {plan, clients, opts, changes, facts, need}
  const specs = new Map(plan.steps.map((s) => [s.id, s]))
  const steps: ExecStep[] = plan.steps.map((s) => ({
    id: s.id,
    deps: s.deps,
    lock: s.lock,
    run: async (signal) => {
      if (s.failWith) throw new MrctlError(s.failWith)
      return runStep(ctx, s, signal)
    },
  }))
  const reports = new Map<string, StepReport>()
  const report = (o: StepOutcome): StepReport => {
    const s = specs.get(o.id)!
    const value = o.value as Facts | undefined
    const change = changes.get(s.key) ?? plan.changes.find((c) => c.key === s.key)
    const addr = value?.addresses ? Object.values(value.addresses).flat()[0]?.addr : value?.vip_address
    const r: StepReport = {
      step: s.id,
      region: s.region,
      resource: `${s.kind} ${s.name}`,
      kind: s.kind,
      action: s.op,
      status: o.status,
      id: value?.id ?? (s.op === 'delete' ? change?.id : undefined),
      ...(addr ? {address: addr} : {}),
      ...(o.error ? {error: o.error.message} : o.blockedBy ? {error: `${o.status === 'skipped' ? 'skipped' : 'not started'}: ${o.blockedBy} ${o.status === 'skipped' ? 'failed' : 'did not run'}`} : {}),
      ...(o.ms === undefined ? {} : {ms: o.ms}),
    }
    reports.set(o.id, r)
    return r
  }
  const res = await execute(steps, {
    concurrency: opts.concurrency,
    stop: opts.stop,
    abandon: opts.abandon,
    onStart: (id) => opts.progress?.start?.(specs.get(id)!),
    onFinish: (o) => opts.progress?.finish?.(specs.get(o.id)!, report(o)),
  })
  const out = plan.steps.map((s) => reports.get(s.id) ?? report(res.outcomes.find((o) => o.id === s.id)!))
  const ms = Object.fromEntries(res.outcomes.filter((o) => o.ms !== undefined).map((o) => [o.id, o.ms!]))
  const cp = criticalPath(plan.steps, ms)
  return {
    topology: plan.topology,
    steps: out,
    interrupted: res.interrupted,
    halfMade: out.filter((r) => r.status === 'abandoned'),
    criticalPath: {steps: cp.path, ms: cp.ms},
    ms: Math.round(performance.now() - started),
  }
}

interface StepContext {
  plan: Plan
  clients: CloudClients
  opts: ApplyOptions
  changes: Map<string, Change>
  facts: Map<string, Facts>
  need: (key: string) => Facts
}

async function runStep(ctx: StepContext, s: StepSpec, signal: AbortSignal): Promise<Facts | undefined> {
  if (s.op === 'delete') return removeStep(ctx, s, signal)
  const change = ctx.changes.get(s.key)!
  const d = change.desired!
  const {clients, opts, need} = ctx
  const topology = ctx.plan.topology
  const region = s.region
  const cloud = await import('./cloud/index.js')
  const parentId = (kind: string) => need(d.parents.find((p) => p.startsWith(`${kind}:`))!).id
  const keep = (f: Facts) => {
    ctx.facts.set(s.key, f)
    return f
  }

  if (s.op === 'update' || s.op === 'adopt') {
    const id = change.id!
    const tags = (change.observed?.attrs.tags as string[] | undefined) ?? []
    switch (d.spec.kind) {
      case 'network':
      case 'subnet':
        if (s.op === 'adopt') await cloud.markNeutron(await clients.network(region), d.kind === 'network' ? 'networks' : 'subnets', id, tags, topology)
        if (d.spec.kind === 'subnet' && change.reason) await cloud.changeSubnet(await clients.network(region), id, d.spec.subnet)
        break
      case 'image':
        await cloud.setImageProperties(await clients.image(region), id, {...d.spec.image.properties, ...(s.op === 'adopt' ? {[cloud.MARK_KEY]: topology} : {})})
        break
      case 'loadbalancer':
        await cloud.markOctavia(await clients.loadBalancer(region), 'loadbalancer', {id, lbId: id}, tags, topology, opts.deadlineAt)
        break
      case 'member': {
        const a = change.observed!.attrs
        await cloud.markOctavia(await clients.loadBalancer(region), 'member', {id, lbId: a.loadbalancer_id as string, poolId: a.pool_id as string}, tags, topology, opts.deadlineAt)
        break
      }
      default:
        throw new MrctlError(`cannot ${s.op} a ${d.kind}`)
    }
    return keep({id, addresses: change.observed?.attrs.addresses as Facts['addresses']})
  }

  switch (d.spec.kind) {
    case 'pod':
      return keep(await cloud.makePod(await clients.tricircle(opts.tricircleRegion ?? ''), d.spec.pod))
    case 'image': {
      if (!d.spec.path) throw new MrctlError(`image ${d.name} has no file to upload`)
      const path = d.spec.path
      let last = 0
      return keep(
        await cloud.uploadImage(await clients.image(region), d.spec.image, path, topology, signal, (bytes, total) => {
          const pct = total ? Math.floor((bytes / total) * 100) : 100
          if (pct !== last) opts.progress?.status?.(s, `${pct}% uploaded`)
          last = pct
        }),
      )
    }
    case 'network':
      return keep(await cloud.makeNetwork(await clients.network(region), d.name, topology, d.spec.availabilityZoneHints))
    case 'subnet':
      return keep(await cloud.makeSubnet(await clients.network(region), d.spec.subnet, parentId('network'), topology))
    case 'container': {
      const networkIds = d.parents.filter((p) => p.startsWith('network:')).map((p) => need(p).id)
      const facts = await cloud.runContainer(await clients.container(region), {
        container: d.spec.container,
        imageId: parentId('image'),
        networkIds,
        topology,
        specHash: d.spec.specHash,
        deadlineAt: opts.deadlineAt,
        signal,
        onStatus: (status) => opts.progress?.status?.(s, status),
      })
      return keep(facts)
    }
    case 'loadbalancer':
      return keep(await cloud.makeLoadBalancer(await clients.loadBalancer(region), d.name, parentId('subnet'), topology, opts.deadlineAt, signal))
    case 'listener':
      return keep(await cloud.makeListener(await clients.loadBalancer(region), parentId('loadbalancer'), d.spec.listener, topology, opts.deadlineAt, signal))
    case 'pool': {
      const lbKey = `loadbalancer:${region}:${d.spec.loadBalancer}`
      const listenerId = d.spec.listener ? parentId('listener') : undefined
      return keep(await cloud.makePool(await clients.loadBalancer(region), {lbId: need(lbKey).id, listenerId}, d.spec.pool, topology, opts.deadlineAt, signal))
    }
    case 'member': {
      const m = d.spec.member
      const subnetId = parentId('subnet')
      let address = m.address
      if (m.container) {
        const containerKey = d.parents.find((p) => p.startsWith('container:'))!
        const c = need(containerKey)
        address = addressOn({attrs: {addresses: c.addresses}} as never, subnetId)
        if (!address) throw new MrctlError(`container ${m.container} has no address on subnet ${d.spec.subnet} (${subnetId})`)
      }
      const lbId = need(`loadbalancer:${region}:${d.spec.loadBalancer}`).id
      const poolId = need(`pool:${region}:${d.spec.loadBalancer}/${d.spec.pool}`).id
      const made = await cloud.makeMember(
        await clients.loadBalancer(region),
        {lbId, poolId},
        {name: memberName(m), address: address!, port: m.port, subnetId, weight: m.weight},
        topology,
        opts.deadlineAt,
        signal,
      )
      return keep({...made, vip_address: address})
    }
  }
}

async function removeStep(ctx: StepContext, s: StepSpec, signal: AbortSignal): Promise<Facts | undefined> {
  const change = ctx.plan.changes.find((c) => c.key === s.key && c.id === s.observedId)
  if (!change?.observed) throw new MrctlError(`nothing observed to delete for ${s.key}`)
  const o = change.observed
  const cloud = await import('./cloud/index.js')
  const {clients, opts} = ctx
  switch (o.kind) {
    case 'image':
      await cloud.removeImage(await clients.image(o.region), o.id)
      break
    case 'network':
    case 'subnet':
      await cloud.removeNeutron(await clients.network(o.region), o.kind, o.id, opts.deadlineAt, signal)
      break
    case 'container':
      await cloud.removeContainer(await clients.container(o.region), o.id, opts.deadlineAt, signal)
      break
    case 'loadbalancer':
    case 'listener':
    case 'pool':
    case 'member':
      await cloud.removeOctavia(
        await clients.loadBalancer(o.region),
        o.kind,
        {id: o.id, lbId: o.kind === 'loadbalancer' ? o.id : (o.attrs.loadbalancer_id as string), poolId: o.attrs.pool_id as string | undefined},
        opts.deadlineAt,
        signal,
      )
      break
    case 'pod':
      throw new MrctlError('pods are shared by every topology: mrctl never deletes them')
  }
  return {id: o.id}
}
