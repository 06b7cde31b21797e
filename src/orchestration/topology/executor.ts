import {setMaxListeners} from 'node:events'

/**
 * Runs steps as a dependency graph: a step starts when every step it depends on is done,
 * independent steps run in parallel (at most `concurrency` at once, and one at a time per
 * lock). A failed step's dependents are skipped; the others go on. `stop` ends the starting of
 * steps and waits for the ones in flight; `abandon` stops waiting for them too.
 */

export type StepStatus = 'done' | 'failed' | 'skipped' | 'cancelled' | 'abandoned'

export interface ExecStep {
  id: string
  deps: string[]
  lock?: string
  /** The work; `signal` is aborted when the run is abandoned. */
  run(signal: AbortSignal): Promise<unknown>
}

export interface StepOutcome {
  id: string
  status: StepStatus
  /** Why it failed, or which dependency kept it from running. */
  error?: Error
  /** For skipped steps: the failed (or skipped) dependency. */
  blockedBy?: string
  value?: unknown
  startedAt?: number
  ms?: number
}

export interface ExecEvents {
  onStart?(id: string): void
  onFinish?(outcome: StepOutcome): void
}

export interface ExecOptions extends ExecEvents {
  concurrency?: number
  /** Stop starting steps; wait for those in flight. */
  stop?: AbortSignal
  /** Stop waiting for the steps in flight (they are reported `abandoned`). */
  abandon?: AbortSignal
  now?: () => number
}

export interface ExecResult {
  outcomes: StepOutcome[]
  /** 'stopped' after `stop`, 'abandoned' after `abandon`. */
  interrupted?: 'stopped' | 'abandoned'
}

export async function execute(steps: ExecStep[], opts: ExecOptions = {}): Promise<ExecResult> {
  const now = opts.now ?? (() => performance.now())
  const limit = Math.max(1, opts.concurrency ?? 8)
  const byId = new Map(steps.map((s) => [s.id, s]))
  for (const s of steps) {
    const missing = s.deps.filter((d) => !byId.has(d))
    if (missing.length) throw new Error(`step ${s.id} depends on unknown step(s) ${missing.join(', ')}`)
  }
  assertAcyclic(steps)
  const outcomes = new Map<string, StepOutcome>()
  const running = new Map<string, Promise<void>>()
  const locks = new Set<string>()
  const abandonCtl = new AbortController()
  // Every wait of every step listens on it (a poll loop adds one listener per pause).
  setMaxListeners(0, abandonCtl.signal)
  const onAbandon = () => abandonCtl.abort(opts.abandon?.reason)
  opts.abandon?.addEventListener('abort', onAbandon, {once: true})
  if (opts.abandon?.aborted) abandonCtl.abort()

  const finish = (o: StepOutcome) => {
    if (outcomes.has(o.id)) return
    outcomes.set(o.id, o)
    opts.onFinish?.(o)
  }
  let wake: () => void = () => {}
  const wakeUp = () => wake()
  opts.stop?.addEventListener('abort', wakeUp, {once: true})
  abandonCtl.signal.addEventListener('abort', wakeUp, {once: true})

  const start = (s: ExecStep) => {
    const startedAt = now()
    if (s.lock) locks.add(s.lock)
    opts.onStart?.(s.id)
    const p = (async () => {
      try {
        const value = await s.run(abandonCtl.signal)
        finish({id: s.id, status: 'done', value, startedAt, ms: Math.round(now() - startedAt)})
      } catch (error) {
        finish({id: s.id, status: abandonCtl.signal.aborted ? 'abandoned' : 'failed', error: error as Error, startedAt, ms: Math.round(now() - startedAt)})
      } finally {
        if (s.lock) locks.delete(s.lock)
        running.delete(s.id)
        wakeUp()
      }
    })()
    running.set(s.id, p)
  }

  for (;;) {
    if (abandonCtl.signal.aborted) break
    const stopping = Boolean(opts.stop?.aborted)
    let progressed = true
    while (progressed) {
      progressed = false
      for (const s of steps) {
        if (outcomes.has(s.id) || running.has(s.id)) continue
        const bad = s.deps.find((d) => {
          const o = outcomes.get(d)
          return o && o.status !== 'done'
        })
        if (bad) {
          const o = outcomes.get(bad)!
          finish({id: s.id, status: o.status === 'cancelled' ? 'cancelled' : 'skipped', blockedBy: bad})
          progressed = true
          continue
        }
        if (stopping) continue
        if (!s.deps.every((d) => outcomes.get(d)?.status === 'done')) continue
        if (running.size >= limit || (s.lock && locks.has(s.lock))) continue
        start(s)
        progressed = true
      }
    }
    if (running.size === 0) {
      if (stopping) for (const s of steps) if (!outcomes.has(s.id)) finish({id: s.id, status: 'cancelled'})
      if (outcomes.size === steps.length) break
      // Nothing runs and nothing can start: only when stopped (handled above).
      break
    }
    await new Promise<void>((resolve) => {
      wake = resolve
      if (opts.stop?.aborted && !stopping) resolve()
      if (abandonCtl.signal.aborted) resolve()
    })
  }
  opts.abandon?.removeEventListener('abort', onAbandon)
  if (abandonCtl.signal.aborted) {
    for (const id of running.keys()) finish({id, status: 'abandoned', error: new Error('abandoned while in flight: it may be half-made')})
    for (const s of steps) if (!outcomes.has(s.id)) finish({id: s.id, status: 'cancelled'})
  }
  const list = steps.map((s) => outcomes.get(s.id)!)
  // A stop that came when nothing was left to start changed nothing: the run is complete.
  const stopped = Boolean(opts.stop?.aborted) && list.some((o) => o.status === 'cancelled')
  return {outcomes: list, interrupted: abandonCtl.signal.aborted ? 'abandoned' : stopped ? 'stopped' : undefined}
}

function assertAcyclic(steps: ExecStep[]): void {
  const byId = new Map(steps.map((s) => [s.id, s]))
  const state = new Map<string, 1 | 2>()
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 2) return
    if (state.get(id) === 1) throw new Error(`steps form a cycle: ${[...trail, id].join(' → ')}`)
    state.set(id, 1)
    for (const d of byId.get(id)!.deps) visit(d, [...trail, id])
    state.set(id, 2)
  }
  for (const s of steps) visit(s.id, [])
}

/**
 * The critical path of a finished run: the chain of dependent steps whose durations add up to
 * the most. Returns the step IDs in order and the total.
 */
export function criticalPath(steps: Array<{id: string; deps: string[]}>, ms: Record<string, number>): {path: string[]; ms: number} {
  const memo = new Map<string, {path: string[]; ms: number}>()
  const byId = new Map(steps.map((s) => [s.id, s]))
  const longest = (id: string): {path: string[]; ms: number} => {
    const cached = memo.get(id)
    if (cached) return cached
    const own = ms[id] ?? 0
    let best = {path: [] as string[], ms: 0}
    for (const d of byId.get(id)?.deps ?? []) {
      const l = longest(d)
      if (l.ms > best.ms) best = l
    }
    const r = {path: [...best.path, id], ms: best.ms + own}
    memo.set(id, r)
    return r
  }
  let best = {path: [] as string[], ms: 0}
  for (const s of steps) {
    const l = longest(s.id)
    if (l.ms > best.ms) best = l
  }
  return best
}
