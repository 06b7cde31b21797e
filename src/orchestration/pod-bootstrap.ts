import type {Session} from '../auth/session.js'
import type {Pod} from '../clients/tricircle/pods.js'
import type {ServiceClient} from '../http/service-client.js'

import {allRegions, regionsWith} from '../auth/catalog.js'
import {createPod, listPods} from '../clients/tricircle/pods.js'
import {MrctlError, UsageError} from '../core/errors.js'
import {fanout} from './fanout.js'

/**
 * The pods of a Tricircle multi-pod install (the guide's step 5): the central (top) pod, with
 * no availability zone, and one pod per region with its AZ. Tricircle's pod name must be the
 * Keystone region, so a region missing from the catalog is refused before anything is sent.
 * Pods that already exist as asked are kept; one that exists differently (another AZ, another
 * central region) stops the run before any write, since Tricircle cannot change a pod.
 */

export interface WantedPod {
  region: string
  /** Needed only for a pod that has to be created. */
  az?: string
}

export interface PodPlan {
  central: string
  pods: WantedPod[]
}

export interface PodOutcome {
  region: string
  /** '' for the central pod. */
  az: string
  podId: string
  result: 'created' | 'exists' | 'failed'
  error?: string
}

export const TRICIRCLE_SERVICE_TYPE = 'tricircle'

/** `RegionOne=az1` → {region, az}; a usage error naming the flag otherwise. */
export function parseRegionAz(value: string, flag: string): {region: string; az: string} {
  const m = /^([^=\s]+)=([^=\s]+)$/.exec(value)
  if (!m) throw new UsageError(`${flag} ${JSON.stringify(value)} is not REGION=AZ`, [`e.g. ${flag} RegionOne=az1`])
  return {region: m[1], az: m[2]}
}

/** The central region: the one given, else the region whose catalog offers Tricircle. */
export function centralRegionOf(catalogRegionsWithTricircle: string[], given?: string): string {
  if (given) return given
  if (catalogRegionsWithTricircle.length === 1) return catalogRegionsWithTricircle[0]
  if (catalogRegionsWithTricircle.length === 0) {
    throw new MrctlError('no region of the catalog offers the Tricircle (tricircle) service', {
      actions: ['register the Tricircle endpoint in the central region, or name that region with --central-region'],
    })
  }
  throw new UsageError(`several regions offer Tricircle (${catalogRegionsWithTricircle.join(', ')}): name the central one with --central-region`)
}

/** Every input problem at once, before any request that writes. */
export function checkPodPlan(plan: PodPlan, catalogRegions: string[]): void {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const p of plan.pods) {
    if (p.region === plan.central) problems.push(`${p.region} is the central region: its pod has no availability zone`)
    if (seen.has(p.region)) problems.push(`${p.region} is given twice`)
    seen.add(p.region)
  }
  const missing = [plan.central, ...plan.pods.map((p) => p.region)].filter((r) => !catalogRegions.includes(r))
  if (missing.length) {
    throw new UsageError(
      `${missing.join(', ')} ${missing.length === 1 ? 'is not a region' : 'are not regions'} of the Keystone catalog: a Tricircle pod's name must be a Keystone region`,
      [`regions of the catalog: ${catalogRegions.join(', ') || 'none'} (mrctl region list, mrctl catalog list); region names are case-sensitive`],
    )
  }
  if (problems.length) throw new UsageError(problems.join('; '))
}

interface Step {
  region: string
  az: string
  existing?: Pod
}

/** What to create and what exists already; conflicts and missing AZs are errors (nothing is written). */
export function planPods(plan: PodPlan, existing: Pod[]): Step[] {
  const conflicts: string[] = []
  const top = existing.find((p) => p.az_name === '')
  const byRegion = (r: string) => existing.find((p) => p.region_name === r)
  const steps: Step[] = []
  if (top && top.region_name !== plan.central) {
    conflicts.push(`the central pod is ${top.region_name} (pod ${top.pod_id}), not ${plan.central}`)
  } else if (!top && byRegion(plan.central)) {
    const p = byRegion(plan.central)!
    conflicts.push(`${plan.central} has a pod with availability zone ${p.az_name} (pod ${p.pod_id}), so it cannot be the central pod`)
  } else steps.push({region: plan.central, az: '', existing: top})
  const noAz: string[] = []
  for (const want of plan.pods) {
    const have = byRegion(want.region)
    if (have && have.az_name === '') conflicts.push(`${want.region} is the central pod (pod ${have.pod_id})`)
    else if (have && want.az !== undefined && have.az_name !== want.az) {
      conflicts.push(`${want.region} has a pod in availability zone ${have.az_name}, not ${want.az} (pod ${have.pod_id})`)
    } else if (have) steps.push({region: want.region, az: have.az_name, existing: have})
    else if (want.az === undefined) noAz.push(want.region)
    else steps.push({region: want.region, az: want.az})
  }
  if (noAz.length) {
    throw new UsageError(`no availability zone for ${noAz.join(', ')}, which ${noAz.length === 1 ? 'has' : 'have'} no pod yet`, [
      `give one per region: ${noAz.map((r, i) => `--az ${r}=az${i + 1}`).join(' ')}`,
    ])
  }
  if (conflicts.length) {
    throw new MrctlError(`pods exist that differ from what was asked: ${conflicts.join('; ')}`, {
      actions: ['Tricircle cannot change a pod: delete it first (mrctl multiregion networking pod delete POD_ID), then run this again'],
      data: {conflicts},
    })
  }
  return steps
}

/**
 * Registers the pods: the central one first (Tricircle refuses a bottom pod named like the top
 * region, so order matters for clarity), then the others in parallel. A failed create is
 * reported in its outcome; the others go on.
 */
export async function bootstrapPods(c: ServiceClient, catalogRegions: string[], plan: PodPlan): Promise<PodOutcome[]> {
  checkPodPlan(plan, catalogRegions)
  const steps = planPods(plan, await listPods(c))
  const run = async (s: Step): Promise<PodOutcome> => {
    if (s.existing) return {region: s.region, az: s.existing.az_name, podId: s.existing.pod_id, result: 'exists'}
    const pod = await createPod(c, s.az ? {region_name: s.region, az_name: s.az} : {region_name: s.region})
    return {region: s.region, az: pod.az_name, podId: pod.pod_id, result: 'created'}
  }
  const outcome = (s: Step, r: {ok: true; value: PodOutcome} | {ok: false; error: Error}): PodOutcome =>
    r.ok ? r.value : {region: s.region, az: s.az, podId: '', result: 'failed', error: r.error.message}
  const [centralStep, ...rest] = steps
  const central = outcome(centralStep, (await fanout([centralStep.region], () => run(centralStep)))[0])
  const others = await fanout(
    rest.map((s) => s.region),
    (region) => run(rest.find((s) => s.region === region)!),
  )
  return [central, ...others.map((r, i) => outcome(rest[i], r))]
}

/** Table columns for the outcomes (`pod bootstrap`, `devstack pods`). */
export function podOutcomeTable(outcomes: PodOutcome[]): {headers: string[]; rows: string[][]} {
  return {
    headers: ['Region Name', 'Availability Zone', 'Pod ID', 'Result'],
    rows: outcomes.map((o) => [o.region, o.az, o.podId, o.result === 'failed' ? `failed: ${o.error}` : o.result]),
  }
}

/** One warning per failed pod, and the exit code: 3 when some failed, 1 when all did. */
export function podOutcomeFailures(outcomes: PodOutcome[]): {warnings: string[]; exitCode?: number} {
  const failed = outcomes.filter((o) => o.result === 'failed')
  return {
    warnings: failed.map((f) => `${f.region}: ${f.error}`),
    exitCode: failed.length === 0 ? undefined : failed.length === outcomes.length ? 1 : 3,
  }
}

/**
 * The whole run for a session: the catalog's regions and central region, the pods wanted
 * (given, or one per region of the profile with `azs`), checked before the Tricircle client
 * of the central region is even looked up.
 */
export async function bootstrapSessionPods(
  session: Session,
  opts: {central?: string; pods?: WantedPod[]; azs?: Array<{region: string; az: string}>},
): Promise<{central: string; outcomes: PodOutcome[]}> {
  const {regions, central} = await catalogForPods(session, opts.central)
  let pods = opts.pods
  if (!pods) {
    const targets = await profilePodRegions(session, central)
    const stray = (opts.azs ?? []).filter((a) => !targets.includes(a.region))
    if (stray.length) {
      throw new UsageError(`--az ${stray.map((a) => a.region).join(', ')}: not ${stray.length === 1 ? 'a pod region' : 'pod regions'} of this cloud`, [
        `its pod regions: ${targets.join(', ') || 'none'} (central: ${central})`,
      ])
    }
    pods = targets.map((region) => ({region, az: opts.azs?.find((a) => a.region === region)?.az}))
  }
  const plan = {central, pods}
  checkPodPlan(plan, regions)
  const c = await session.client(TRICIRCLE_SERVICE_TYPE, central)
  return {central, outcomes: await bootstrapPods(c, regions, plan)}
}

/**
 * What `pod bootstrap` and `devstack pods` do once their flags are read: run, print the table,
 * warn about each failed pod. Returns the `--json` result and the exit code (3 or 1 on failures).
 */
export async function runPodBootstrap<R>(
  session: Session,
  opts: Parameters<typeof bootstrapSessionPods>[1],
  ui: {printList(headers: string[], rows: string[][]): Promise<R>; warn(message: string): unknown},
): Promise<{result: R; exitCode?: number}> {
  const {outcomes} = await bootstrapSessionPods(session, opts)
  const t = podOutcomeTable(outcomes)
  const result = await ui.printList(t.headers, t.rows)
  const failures = podOutcomeFailures(outcomes)
  for (const w of failures.warnings) ui.warn(w)
  return {result, exitCode: failures.exitCode}
}

/** The regions a profile's pods are for: its `regions:` list, else every catalog region; the central one apart. */
export async function profilePodRegions(session: Session, central: string): Promise<string[]> {
  const {catalog} = await session.tokenData()
  const regions = session.config.regions.length ? session.config.regions : allRegions(catalog)
  return regions.filter((r) => r !== central)
}

/** The catalog facts pod bootstrap needs: every region, and the central one. */
export async function catalogForPods(session: Session, givenCentral?: string): Promise<{regions: string[]; central: string}> {
  const {catalog} = await session.tokenData()
  const iface = session.config.interface
  return {regions: allRegions(catalog), central: centralRegionOf(regionsWith(catalog, TRICIRCLE_SERVICE_TYPE, iface), givenCentral)}
}
