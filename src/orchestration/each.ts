import type {InterruptScope, ItemsProgress} from './interrupt.js'

import {MrctlError, WaitTimeoutError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import {InterruptedError} from './interrupt.js'

export interface EachResult<T> {
  done: Array<{item: string; value: T}>
  failed: Array<{item: string; error: Error}>
}

/**
 * "N of M <things> failed to <verb>.": exit 3 when some items were done (partial success, as for
 * regions), 1 when none was. `data` lists both, for the `--json` envelope.
 */
export class ItemsFailedError extends MrctlError {
  constructor(
    message: string,
    readonly done: string[],
    readonly failed: Array<{item: string; error: Error}>,
    exitCode: number = done.length > 0 ? ExitCode.Partial : ExitCode.Error,
    // The items' own hints, once each.
    actions: string[] = [...new Set(failed.flatMap((f) => (f.error as MrctlError).actions ?? []))],
  ) {
    super(message, {exitCode, actions, data: {done, failed: failed.map((f) => ({item: f.item, message: f.error.message}))}})
  }
}

/**
 * OSC's multi-item rule: try every item, report each failure, go on; then fail with
 * "N of M <things> failed to <verb>." when any failed (ItemsFailedError: exit 3 if some were done,
 * 1 if none). With an interrupt scope, an interrupt stops before the next item and the scope
 * knows which items were done, under way and not tried.
 */
export async function forEachItem<T>(
  items: string[],
  fn: (item: string) => Promise<T>,
  report: (line: string) => void,
  opts: {thing: string; things?: string; verb: string; interrupt?: InterruptScope},
): Promise<EachResult<T>> {
  const res: EachResult<T> = {done: [], failed: []}
  const things = opts.things ?? `${opts.thing}s`
  const progress: ItemsProgress = {verb: opts.verb, things, done: [], failed: [], pending: [...items]}
  const unfollow = opts.interrupt?.follow(progress)
  for (const item of items) {
    // Interrupted: the scope keeps the progress for the report.
    if (opts.interrupt?.interrupted) throw new InterruptedError()
    progress.pending.shift()
    progress.current = item
    try {
      res.done.push({item, value: await fn(item)})
      progress.done.push(item)
    } catch (error) {
      if (opts.interrupt?.interrupted) throw error
      res.failed.push({item, error: error as Error})
      progress.failed.push(item)
      report(`Failed to ${opts.verb} ${opts.thing} with name or ID '${item}': ${(error as Error).message}`)
    }
    progress.current = undefined
  }
  unfollow?.()
  if (res.failed.length) {
    throw new ItemsFailedError(
      `${res.failed.length} of ${items.length} ${things} failed to ${opts.verb}.`,
      res.done.map((d) => d.item),
      res.failed,
    )
  }
  return res
}

/** An ItemsFailedError where nothing was done and every failure was a wait running out of time: exit 4. */
export function allTimedOut(error: unknown): unknown {
  if (!(error instanceof ItemsFailedError) || error.done.length > 0) return error
  if (!error.failed.every((f) => f.error instanceof WaitTimeoutError)) return error
  const first = error.failed[0].error as WaitTimeoutError
  const actions = first.actions.length ? first.actions : ['wait longer with --timeout SECONDS']
  return new ItemsFailedError(error.message, error.done, error.failed, ExitCode.Timeout, actions)
}
