/**
 * `image sync` progress at a terminal: one line per target with a bar, the bytes and the rate
 * (listr2, on stderr). Without a terminal or under --json nothing is drawn.
 */
export interface SyncView {
  progress(region: string, bytes: number, total: number): void
  finish(region: string, line: string, ok: boolean): void
  close(): Promise<void>
}

const MiB = 1024 * 1024

export function bar(bytes: number, total: number, width = 24): string {
  const frac = total > 0 ? Math.min(1, bytes / total) : 0
  const full = Math.round(frac * width)
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${String(Math.floor(frac * 100)).padStart(3)}%`
}

export async function liveSyncView(regions: string[], stream: NodeJS.WriteStream = process.stderr): Promise<SyncView> {
  const {Listr, ListrLogger, ProcessOutput} = await import('listr2')
  const state = new Map(regions.map((r) => [r, {bytes: 0, total: 0, started: performance.now(), done: undefined as undefined | {line: string; ok: boolean}, wake: () => {}}]))
  const list = new Listr(
    regions.map((region) => ({
      title: `${region.padEnd(14)} waiting`,
      task: async (_ctx: unknown, task: {title: string}) => {
        const st = state.get(region)!
        for (;;) {
          if (st.done) {
            task.title = `${region.padEnd(14)} ${st.done.line}`
            if (!st.done.ok) throw new Error(st.done.line)
            return
          }
          const s = (performance.now() - st.started) / 1000
          task.title = `${region.padEnd(14)} ${bar(st.bytes, st.total)} ${(st.bytes / MiB).toFixed(1)}/${(st.total / MiB).toFixed(1)} MiB ${(st.bytes / MiB / Math.max(s, 0.001)).toFixed(1)} MiB/s`
          await new Promise<void>((resolve) => {
            st.wake = resolve
            setTimeout(resolve, 200)
          })
        }
      },
    })),
    {
      concurrent: true,
      exitOnError: false,
      registerSignalListeners: false,
      rendererOptions: {collapseErrors: false, logger: new ListrLogger({useIcons: true, toStderr: [], processOutput: new ProcessOutput(stream, stream)})},
    },
  )
  const running = list.run().catch(() => undefined)
  return {
    progress: (region, bytes, total) => {
      const st = state.get(region)
      if (st) Object.assign(st, {bytes, total})
    },
    finish: (region, line, ok) => {
      const st = state.get(region)
      if (st) {
        st.done = {line, ok}
        st.wake()
      }
    },
    close: async () => {
      for (const r of regions) if (!state.get(r)!.done) state.get(r)!.done = {line: 'not run', ok: false}
      await running
    },
  }
}
