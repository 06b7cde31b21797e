import {MrctlError} from '../http/errors.js'

export interface EachResult<T> {
  done: Array<{item: string; value: T}>
  failed: Array<{item: string; error: Error}>
}

/**
 * OSC's multi-item rule: try every item, report each failure, go on; then fail with
 * "N of M <things> failed to <verb>." (exit 1) when any failed.
 */
export async function forEachItem<T>(
  items: string[],
  fn: (item: string) => Promise<T>,
  report: (line: string) => void,
  opts: {thing: string; things?: string; verb: string},
): Promise<EachResult<T>> {
  const res: EachResult<T> = {done: [], failed: []}
  for (const item of items) {
    try {
      res.done.push({item, value: await fn(item)})
    } catch (error) {
      res.failed.push({item, error: error as Error})
      report(`Failed to ${opts.verb} ${opts.thing} with name or ID '${item}': ${(error as Error).message}${hintLines(error)}`)
    }
  }
  if (res.failed.length) {
    throw new MrctlError(`${res.failed.length} of ${items.length} ${opts.things ?? `${opts.thing}s`} failed to ${opts.verb}.`, {
      data: {failed: res.failed.map((f) => ({item: f.item, message: f.error.message})), done: res.done.map((d) => d.item)},
    })
  }
  return res
}

/** An item's hints, each on its own indented line after its failure. */
export function hintLines(error: unknown): string {
  const actions = error instanceof MrctlError ? error.actions : []
  return actions.map((a) => `\n  ${a}`).join('')
}
