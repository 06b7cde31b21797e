import type {Session} from '../../auth/session.js'
import type {ApplyResult} from '../topology/apply.js'
import type {Topology} from '../topology/load.js'
import type {Plan, StepSpec} from '../topology/plan.js'
import type {ProgressView} from '../topology/progress.js'
import type {Prepared} from '../topology/session.js'
import type {CallCount} from './session.js'
import type {DemoShow} from './show.js'

import {MrctlError} from '../../core/errors.js'

/**
 * `mrctl demo` behind the command: the two example topologies applied one after the other (the
 * second on top of the first, as one deployment: it adds the load balancer), what was made shown
 * for a person, then everything destroyed again. On any failure what the demo made is destroyed
 * before the error is thrown (unless `keep`), so nothing is left half-made.
 */

export const DEMO_FILES = ['two-region-containers.yaml', 'cross-region-lb.yaml'] as const

export interface DemoOptions {
  session: Session
  /** The two example topologies, loaded (image files present). */
  topologies: Topology[]
  keep: boolean
  concurrency: number
  deadlineAt: number
  /** Ctrl-C: no new step starts. */
  stop?: AbortSignal
  /** The progress view of one run of steps (live at a terminal, plain lines, or silent). */
  view(steps: StepSpec[]): Promise<ProgressView>
  /** A line for people (stderr). */
  say(line: string): void
  /** What was made, once it is read back: before it is destroyed, so that a person sees it first. */
  onShown?(shown: DemoShow): void
  count: CallCount
}

export interface DemoRun {
  topology: string
  summary: string
  steps: ApplyResult['steps']
  ms: number
}

export interface DemoResult {
  applied: DemoRun[]
  shown: DemoShow
  destroyed?: DemoRun & {podsDeleted: string[]}
  kept: boolean
  timing: {api_calls: number; tokens_issued: number; ms: number}
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const started = performance.now()
  const [{prepare, stoppingProblems}, {planSummary}] = await Promise.all([import('../topology/session.js'), import('../topology/report.js')])
  // The second file is applied as the same deployment: it repeats the first's resources and adds
  // a load balancer; under its own name its resources would belong to another topology.
  const name = o.topologies[0].name
  const topologies = o.topologies.map((t) => ({...t, name}))
  const applied: DemoRun[] = []
  const createdPods: Array<{region: string; id: string}> = []
  let last: Prepared | undefined
  // An apply that threw (or was interrupted) may have made something before it did.
  let inFlight = false
  try {
    for (const topo of topologies) {
      const p = await prepare(o.session, topo)
      last = p
      const stop = stoppingProblems(p.plan)
      if (stop) throw stop
      const unreadable = p.observed.failures
      if (unreadable.length) throw unreadableError(unreadable)
      o.say(`${topo.file.split('/').pop()}: ${planSummary(p.plan)}`)
      inFlight = true
      const result = await carryOut(p, p.plan, o)
      inFlight = false
      applied.push({topology: topo.file, summary: planSummary(p.plan), steps: result.steps, ms: result.ms})
      for (const s of result.steps) if (s.kind === 'pod' && s.action === 'create' && s.status === 'done' && s.id) createdPods.push({region: s.region, id: s.id})
      failIfNotDone(result, topo.file)
    }
    const {showDeployment} = await import('./show.js')
    const final = await prepare(o.session, topologies.at(-1)!)
    last = final
    const shown = await showDeployment(final)
    o.onShown?.(shown)
    if (o.keep) return {applied, shown, kept: true, timing: timing(o.count, started)}
    const destroyed = await destroy(final, o, createdPods)
    if (destroyed.failed) throw new MrctlError(`the demo could not remove everything it made:\n  ${destroyed.failed}`, {actions: [removeHint(topologies.at(-1)!)]})
    return {applied, shown, destroyed: destroyed.run, kept: false, timing: timing(o.count, started)}
  } catch (error) {
    const madeSomething = applied.some((a) => a.steps.some((s) => s.status === 'done' || s.status === 'abandoned')) || inFlight
    if (o.keep || !last || !madeSomething) throw error
    o.say(`the demo failed: removing what it made`)
    const again = await o.session.tokenData().then(
      () => prepare(o.session, topologies.at(-1)!).catch(() => undefined),
      () => undefined,
    )
    const left = again ? await destroy(again, {...o, stop: undefined}, createdPods).catch((e: Error) => ({failed: e.message, run: undefined})) : {failed: 'the clouds could not be read again', run: undefined}
    const base = error instanceof MrctlError ? error : new MrctlError((error as Error).message)
    if (left.failed) {
      base.actions.push(`some of what the demo made may be left (${left.failed}): ${removeHint(topologies.at(-1)!)}`)
    } else base.actions.push('everything the demo made was removed')
    throw base
  }
}

const removeHint = (t: Topology) => `remove it with: mrctl topology destroy -f ${t.file} --yes`

function timing(count: CallCount, started: number): DemoResult['timing'] {
  return {api_calls: count.calls, tokens_issued: count.tokens, ms: Math.round(performance.now() - started)}
}

function unreadableError(failures: Prepared['observed']['failures']): MrctlError {
  const byRegion = new Map<string, string>()
  for (const f of failures) byRegion.set(f.region || 'central', f.error.message)
  return new MrctlError(`cannot read every region the demo uses, so it stops here:\n  ${[...byRegion].map(([r, m]) => `${r}: ${m}`).join('\n  ')}`, {
    actions: ['run the demo again when those regions answer'],
  })
}

function failIfNotDone(result: ApplyResult, file: string): void {
  if (result.interrupted) throw new MrctlError(`interrupted while applying ${file.split('/').pop()}`, {exitCode: 130})
  const failed = result.steps.filter((s) => s.status === 'failed')
  if (failed.length) throw new MrctlError(`applying ${file.split('/').pop()} failed:\n  ${failed.map((s) => `${s.region || 'central'} ${s.resource}: ${s.error}`).join('\n  ')}`)
  const notDone = result.steps.filter((s) => s.status !== 'done')
  if (notDone.length) throw new MrctlError(`applying ${file.split('/').pop()} left ${notDone.length} step(s) not done: ${notDone.map((s) => s.resource).join(', ')}`)
}

async function carryOut(p: Prepared, plan: Plan, o: DemoOptions): Promise<ApplyResult> {
  const {applyPlan} = await import('../topology/apply.js')
  if (plan.steps.length === 0) return {topology: plan.topology, steps: [], halfMade: [], criticalPath: {steps: [], ms: 0}, ms: 0}
  const view = await o.view(plan.steps)
  try {
    return await applyPlan(plan, p.clients, {concurrency: o.concurrency, stop: o.stop, deadlineAt: o.deadlineAt, tricircleRegion: p.tricircleRegion, progress: view.progress})
  } finally {
    await view.close()
  }
}

/** Everything the deployment owns, and the pods this run created (a topology never deletes pods: they are shared). */
async function destroy(p: Prepared, o: DemoOptions, pods: Array<{region: string; id: string}>): Promise<{run?: DemoResult['destroyed']; failed?: string}> {
  const [{planTopology}, {planSummary}, {deletePod}] = await Promise.all([import('../topology/plan.js'), import('../topology/report.js'), import('../../clients/tricircle/pods.js')])
  const plan = planTopology([], p.observed, {topology: p.plan.topology})
  o.say(`destroy: ${planSummary(plan)}`)
  const result = await carryOut(p, plan, o)
  const problems = result.steps.filter((s) => s.status !== 'done').map((s) => `${s.region || 'central'} ${s.resource}: ${s.error ?? s.status}`)
  if (p.observed.failures.length) problems.push(...new Set(p.observed.failures.map((f) => `${f.region || 'central'}: not readable (${f.error.message})`)))
  const podsDeleted: string[] = []
  if (problems.length === 0 && pods.length) {
    const c = await p.clients.tricircle(p.tricircleRegion ?? '')
    // Region pods before the central one, as Tricircle wants.
    for (const pod of [...pods].reverse()) {
      try {
        await deletePod(c, pod.id)
        podsDeleted.push(pod.region)
      } catch (error) {
        problems.push(`pod ${pod.region}: ${(error as Error).message}`)
      }
    }
  }
  return {
    run: {topology: p.topo.file, summary: planSummary(plan), steps: result.steps, ms: result.ms, podsDeleted},
    failed: problems.length ? problems.join('\n  ') : undefined,
  }
}
