import type {InterruptScope, ItemsProgress, Leftover} from '../orchestration/interrupt.js'
import type {PasteContext} from './paste.js'

import {pasteCommand, shellQuote} from './paste.js'

/**
 * The one interrupt mechanism of every command (Ctrl-C or SIGTERM):
 * - the first signal aborts the scope's AbortSignal. If the work undoes its changes on abort
 *   (an upload deleting its image record, `--rm-on-interrupt`), it is left to do so and says
 *   so; the command's catch then prints what is left. Otherwise what exists now is printed at
 *   once, each with the command that removes it, and the process exits 130;
 * - a second signal prints what exists now and exits 130 at once, whatever is under way.
 * A SIGTERM is handled the same way, and exits 143.
 */
export function installInterruptHandler(
  scope: InterruptScope,
  io: {
    /** Stops spinners and anything else drawing on the terminal. */
    quiet: () => void
    /** Prints the report (stderr, or the --json envelope on stdout). */
    print: (report: InterruptReport) => void
    note: (line: string) => void
    exit: (code: number) => void
  },
  proc: Pick<NodeJS.Process, 'on' | 'off'> = process,
): () => void {
  let count = 0
  const onSignal = (signal: NodeJS.Signals) => {
    count++
    io.quiet()
    scope.abort()
    const undoing = scope.undoingWhat
    if (count === 1 && undoing) {
      io.note(`Interrupted: ${undoing} (Ctrl-C again to stop now)`)
      return
    }
    io.print(interruptReport(scope))
    // 128 + the signal's number, as shells report it: 130 for Ctrl-C, 143 for a TERM.
    io.exit(signal === 'SIGTERM' ? 143 : 130)
  }
  proc.on('SIGINT', onSignal)
  proc.on('SIGTERM', onSignal)
  return () => {
    proc.off('SIGINT', onSignal)
    proc.off('SIGTERM', onSignal)
  }
}

export interface InterruptReport {
  leftovers: Leftover[]
  progress: ItemsProgress[]
}

export function interruptReport(scope: InterruptScope): InterruptReport {
  return scope.report()
}

/** The report for people: one line per thing that exists, one per multi-item operation. */
export function reportLines(report: InterruptReport, paste: PasteContext, id: string): string[] {
  const lines: string[] = []
  for (const l of report.leftovers) {
    const where = l.region ? ` in ${l.region}` : ''
    const state = l.state ? ` and is ${l.state}` : ''
    lines.push(`${l.what} was created${where}${state}; delete it with: ${pasteCommand(paste, l.remove, l.region)}`)
  }
  for (const p of report.progress) lines.push(...progressLines(p, paste, id))
  return lines
}

function progressLines(p: ItemsProgress, paste: PasteContext, id: string): string[] {
  const total = p.done.length + p.failed.length + (p.current ? 1 : 0) + p.pending.length
  const lines = [`${p.done.length} of ${total} ${p.things} done${p.done.length ? `: ${p.done.join(', ')}` : ''}`]
  if (p.failed.length) lines.push(`failed: ${p.failed.join(', ')}`)
  if (p.current) lines.push(`under way when interrupted (it may or may not be done): ${p.current}`)
  if (p.pending.length) lines.push(`not tried: ${p.pending.join(', ')}`)
  const again = [...(p.current ? [p.current] : []), ...p.pending, ...p.failed]
  if (again.length) lines.push(`to ${p.verb} the rest: ${pasteCommand(paste, [id.replaceAll(':', ' '), ...again.map(shellQuote)].join(' '))}`)
  return lines
}

/** The report in the --json error envelope's `data`, with the paste-able commands. */
export function reportData(report: InterruptReport, paste: PasteContext): unknown {
  return {
    leftovers: report.leftovers.map((l) => ({what: l.what, region: l.region, state: l.state, remove: pasteCommand(paste, l.remove, l.region)})),
    progress: report.progress.map((p) => ({verb: p.verb, done: p.done, failed: p.failed, current: p.current, pending: p.pending})),
  }
}
