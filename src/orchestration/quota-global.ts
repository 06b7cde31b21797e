import type {Session} from '../auth/session.js'
import type {GlobalLimits} from '../profiles/global-limits.js'
import type {QuotaResource, QuotaService, RegionUsage} from './quota-usage.js'

import {MrctlError, UsageError} from '../core/errors.js'
import {fanout} from './fanout.js'
import {QUOTA_RESOURCES, requireQuotaResource} from './quota-usage.js'

/**
 * Global quota limits, client side: Kingbird's idea (one limit per project over all regions) with
 * the limits kept in mrctl's config folder and each region called directly.
 */

/** `--resource networks=20` (repeatable) → {networks: 20}; `=-1` or `=unlimited` is unlimited. */
export function parseLimitSpecs(specs: string[]): GlobalLimits {
  const out: GlobalLimits = {}
  for (const spec of specs) {
    const m = /^([^=]+)=(.*)$/.exec(spec)
    if (!m) throw new UsageError(`--resource ${spec}: expected RESOURCE=LIMIT, e.g. networks=20`)
    const r = requireQuotaResource(m[1])
    const text = m[2].trim().toLowerCase()
    const limit = text === 'unlimited' ? -1 : /^-?\d+$/.test(text) ? Number(text) : Number.NaN
    if (!Number.isSafeInteger(limit) || limit < -1) {
      throw new UsageError(`--resource ${spec}: the limit must be a whole number, or -1 (or unlimited) for no limit`)
    }
    out[r.name] = limit
  }
  return out
}

/** The limits `quota global set` stored for the project, or an error saying how to set some. */
export async function storedGlobalLimits(
  cloud: string,
  project: {id: string; name: string | null},
  hint: {bin: string; projectFlag?: string},
): Promise<GlobalLimits> {
  const {GlobalLimitStore} = await import('../profiles/global-limits.js')
  const stored = await new GlobalLimitStore().get(cloud, project.id)
  if (!stored) {
    const set = `${hint.bin} quota global set --resource networks=20${hint.projectFlag ? ` --project ${hint.projectFlag}` : ''}`
    throw new MrctlError(`no global limits are set for project ${project.name ?? project.id} in ${cloud}`, {actions: [`set some with: ${set}`]})
  }
  return stored.limits
}

/** The resources named by a stored limit set, in the fixed resource order. */
export function limitedResources(limits: GlobalLimits): QuotaResource[] {
  return QUOTA_RESOURCES.filter((r) => limits[r.name] !== undefined)
}

/** The services a limit set needs read. */
export function servicesOf(limits: GlobalLimits): QuotaService[] {
  return [...new Set(limitedResources(limits).map((r) => r.service))]
}

// ---------------------------------------------------------------------------------------------
// check

export interface GlobalCheckRow {
  resource: string
  service: QuotaService
  /** -1: unlimited. */
  globalLimit: number
  /** Summed over the regions that answered. */
  inUse: number
  perRegion: Record<string, number>
  /** In use minus the limit when over it, else 0. */
  over: number
  status: 'ok' | 'over' | 'unlimited' | 'no region'
}

/** Summed use against each global limit; regions that failed count for nothing (the caller says so). */
export function checkGlobalLimits(limits: GlobalLimits, usage: RegionUsage[]): GlobalCheckRow[] {
  return limitedResources(limits).map((r) => {
    const perRegion: Record<string, number> = {}
    for (const u of usage) {
      const x = u.service === r.service ? u.usage?.[r.name] : undefined
      if (x) perRegion[u.region] = x.inUse
    }
    const inUse = Object.values(perRegion).reduce((n, v) => n + v, 0)
    const globalLimit = limits[r.name]
    const over = globalLimit >= 0 && inUse > globalLimit ? inUse - globalLimit : 0
    const status = Object.keys(perRegion).length === 0 ? 'no region' : globalLimit < 0 ? 'unlimited' : over > 0 ? 'over' : 'ok'
    return {resource: r.name, service: r.service, globalLimit, inUse, perRegion, over, status}
  })
}

// ---------------------------------------------------------------------------------------------
// sync

export interface SyncStep {
  region: string
  service: QuotaService
  resource: string
  /** This region's use. */
  inUse: number
  /** The region's limit now, and the one sync sets. -1: unlimited. */
  current: number
  next: number
  /**
   * Why `next` is what it is: `share` (global − total + this region's use), `unlimited` (the
   * global limit is -1), or `over` (the regions together use more than the global limit: the
   * headroom is 0, so each region keeps its use as its limit and can grow no further).
   */
  reason: 'share' | 'unlimited' | 'over'
  changed: boolean
}

/**
 * Kingbird's formula, with what it dropped handled: each region may grow by the globally unused
 * headroom, new limit = (global − Σ use) + this region's use. Kingbird subtracted with Python's
 * Counter, which drops zero and negative results, so an unlimited (-1) or over-used resource
 * silently kept its old limit; here -1 stays unlimited everywhere and an over-used resource is
 * clamped at a headroom of 0.
 */
export function planQuotaSync(limits: GlobalLimits, usage: RegionUsage[]): SyncStep[] {
  const failed = usage.filter((u) => u.error)
  if (failed.length) {
    // Kingbird's rule: never balance with part of the data.
    throw new MrctlError(`cannot sync: ${failed.map((f) => `${f.region} (${f.service})`).join(', ')} did not report their use`, {
      actions: ['nothing was changed; run it again when every region answers (see the warnings above)'],
    })
  }
  const steps: SyncStep[] = []
  for (const r of limitedResources(limits)) {
    const global = limits[r.name]
    const regions = usage.filter((u) => u.service === r.service && u.usage?.[r.name])
    const total = regions.reduce((n, u) => n + u.usage![r.name].inUse, 0)
    const headroom = global - total
    for (const u of regions) {
      const {inUse, limit: current} = u.usage![r.name]
      const reason: SyncStep['reason'] = global < 0 ? 'unlimited' : headroom < 0 ? 'over' : 'share'
      const next = reason === 'unlimited' ? -1 : Math.max(headroom, 0) + inUse
      steps.push({region: u.region, service: r.service, resource: r.name, inUse, current, next, reason, changed: next !== current})
    }
  }
  return steps
}

export interface SyncWrite {
  region: string
  service: QuotaService
  /** The resources set there (only those whose limit changes). */
  resources: string[]
  error?: Error
}

/**
 * Writes the changed limits: one PUT per region and service, all in parallel. A region that fails
 * is returned with its error; the others are still written.
 */
export async function applyQuotaSync(session: Session, projectId: string, steps: SyncStep[]): Promise<SyncWrite[]> {
  const groups = new Map<string, {region: string; service: QuotaService; steps: SyncStep[]}>()
  for (const s of steps.filter((x) => x.changed)) {
    const key = `${s.region}\u0000${s.service}`
    if (!groups.has(key)) groups.set(key, {region: s.region, service: s.service, steps: []})
    groups.get(key)!.steps.push(s)
  }
  const list = [...groups.values()]
  const results = await fanout(
    list.map((_, i) => String(i)),
    async (i) => writeLimits(session, list[Number(i)].service, list[Number(i)].region, projectId, list[Number(i)].steps),
  )
  return results.map((r, i) => ({
    region: list[i].region,
    service: list[i].service,
    resources: list[i].steps.map((s) => s.resource),
    ...(r.ok ? {} : {error: r.error}),
  }))
}

async function writeLimits(session: Session, service: QuotaService, region: string, projectId: string, steps: SyncStep[]): Promise<void> {
  const wire = Object.fromEntries(steps.map((s) => [QUOTA_RESOURCES.find((r) => r.name === s.resource)!.wire, s.next]))
  if (service === 'network') {
    const {updateQuota} = await import('../clients/neutron/quotas.js')
    await updateQuota(await session.client('network', region), projectId, wire)
  } else if (service === 'load-balancer') {
    const {updateOctaviaQuota} = await import('../clients/octavia/quotas.js')
    await updateOctaviaQuota(await session.client('load-balancer', region), projectId, wire)
  } else {
    const [{zunClient}, {updateQuota}] = await Promise.all([import('../clients/zun/client.js'), import('../clients/zun/quotas.js')])
    await updateQuota(await zunClient(session, region), projectId, wire)
  }
}
