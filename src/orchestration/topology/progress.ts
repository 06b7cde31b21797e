import type {ApplyProgress, StepReport} from './apply.js'
import type {StepSpec} from './plan.js'

/**
 * How a run shows itself while it goes: at a terminal a live list (listr2) with one line per step
 * and region (spinner, elapsed time, final mark); without one, a plain line per finished step;
 * under --json nothing (only the final envelope). Everything goes to stderr.
 */

export interface ProgressView {
  progress: ApplyProgress
  /** Ends the live view (after the run). */
  close(): Promise<void>
}

export function stepLabel(s: Pick<StepSpec, 'op' | 'kind' | 'name' | 'region'>): string {
  return `${s.region.padEnd(14)} ${s.op.padEnd(6)} ${s.kind} ${s.name}`
}

const seconds = (ms?: number) => (ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`)

/** One line per finished step: `done    RegionOne      create container container01  4.3 s  <id>`. */
export function plainLine(s: StepSpec, r: StepReport): string {
  const tail = [seconds(r.ms), r.id ?? '', r.address ?? '', r.error ?? ''].filter(Boolean).join('  ')
  return `${r.status.padEnd(9)} ${stepLabel(s)}${tail ? `  ${tail}` : ''}`
}

export function plainProgress(write: (line: string) => void): ProgressView {
  return {progress: {finish: (s, r) => write(plainLine(s, r))}, close: async () => {}}
}

export const silentProgress: ProgressView = {progress: {}, close: async () => {}}

interface Deferred<T> {
  promise: Promise<T>
  resolve(v: T): void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return {promise, resolve}
}

/** The live view: a listr2 task per step that mirrors the executor's events. */
export async function liveProgress(steps: StepSpec[], stream: NodeJS.WriteStream = process.stderr): Promise<ProgressView> {
  const {Listr, ListrLogger, ProcessOutput} = await import('listr2')
  const state = new Map(steps.map((s) => [s.id, {started: deferred<number>(), finished: deferred<StepReport>(), status: ''}]))
  const titles = new Map<string, {title: string}>()
  const timer = setInterval(() => {
    for (const s of steps) {
      const st = state.get(s.id)!
      const t = titles.get(s.id)
      if (t && st.status !== '' && st.status !== 'done') t.title = `${stepLabel(s)}  ${st.status}`
    }
  }, 1000)
  const list = new Listr(
    steps.map((s) => ({
      title: `${stepLabel(s)}  waiting`,
      task: async (_ctx: unknown, task: {title: string; skip(message?: string): void; output?: string}) => {
        titles.set(s.id, task)
        const st = state.get(s.id)!
        const first = await Promise.race([st.started.promise.then((at) => ({at})), st.finished.promise.then((r) => ({r}))])
        if ('at' in first) {
          st.status = 'running'
          task.title = `${stepLabel(s)}  running`
        }
        const r = await st.finished.promise
        st.status = 'done'
        const tail = [seconds(r.ms), r.id ?? '', r.address ?? ''].filter(Boolean).join('  ')
        if (r.status === 'done') {
          task.title = `${stepLabel(s)}  ${tail}`
          return
        }
        if (r.status === 'failed' || r.status === 'abandoned') {
          task.title = `${stepLabel(s)}  ${seconds(r.ms)}`
          throw new Error(r.error ?? r.status)
        }
        task.skip(`${stepLabel(s)}  ${r.status}${r.error ? `: ${r.error}` : ''}`)
      },
    })),
    {
      concurrent: true,
      exitOnError: false,
      registerSignalListeners: false,
      rendererOptions: {
        collapseErrors: false,
        collapseSkips: false,
        logger: new ListrLogger({useIcons: true, toStderr: [], processOutput: new ProcessOutput(stream, stream)}),
      },
    },
  )
  const running = list.run().catch(() => undefined)
  return {
    progress: {
      start: (s) => state.get(s.id)?.started.resolve(Date.now()),
      status: (s, text) => {
        const st = state.get(s.id)
        if (st && st.status !== 'done') st.status = text
      },
      finish: (s, r) => state.get(s.id)?.finished.resolve(r),
    },
    close: async () => {
      clearInterval(timer)
      await running
    },
  }
}
