import {MrctlError, WaitTimeoutError} from '../core/errors.js'

export interface WaitOptions<T> {
  /** Done when this returns true. */
  until: (value: T) => boolean
  /** Failed (exit 1) when this returns a reason. */
  failure?: (value: T) => string | undefined
  timeoutMs: number
  /** What is awaited, for messages: "load balancer lb1 to become ACTIVE". */
  what: string
  minDelayMs?: number
  maxDelayMs?: number
  signal?: AbortSignal
  /** Called after each poll (progress on a terminal). */
  onPoll?: (value: T) => void
}

/**
 * Polls `get` with jittered exponential backoff until `until`, a failure, or the deadline
 * (openstacksdk's wait_for_status with smithy's waiter states). Never a bare sleep without a deadline.
 */
export async function waitFor<T>(get: () => Promise<T>, opts: WaitOptions<T>): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs
  let delay = opts.minDelayMs ?? 500
  const maxDelay = opts.maxDelayMs ?? 5000
  let last: T | undefined
  for (;;) {
    if (opts.signal?.aborted) throw interrupted()
    last = await get()
    if (opts.signal?.aborted) throw interrupted()
    opts.onPoll?.(last)
    if (opts.until(last)) return last
    const reason = opts.failure?.(last)
    if (reason) throw new MrctlError(`${opts.what} failed: ${reason}`)
    const left = deadline - Date.now()
    if (left <= 0) break
    await pause(Math.min(left, delay * (0.8 + Math.random() * 0.4)), opts.signal)
    delay = Math.min(delay * 1.5, maxDelay)
  }
  throw new WaitTimeoutError(`timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for ${opts.what}`, [
    'wait longer with --timeout SECONDS, or check the resource with its show command',
  ])
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(t)
      reject(interrupted())
    })
  })
}

function interrupted(): MrctlError {
  return new MrctlError('interrupted', {exitCode: 130})
}
