import type {LoadBalancer} from '../clients/octavia/loadbalancers.js'
import type {ServiceClient} from '../http/service-client.js'
import type {InterruptScope} from './interrupt.js'

import {getLoadBalancer} from '../clients/octavia/loadbalancers.js'
import {ApiError, ConnectionError, MrctlError, WaitTimeoutError} from '../core/errors.js'
import {waitFor} from '../http/wait.js'
import {allTimedOut, forEachItem} from './each.js'

/**
 * Waiting on Octavia. Every change to a listener, pool or member puts the *parent load balancer*
 * in PENDING_UPDATE, and while it is PENDING_* the whole tree is immutable: the next change gets
 * 409 "Load Balancer <id> is immutable and cannot be updated." (or "Invalid state PENDING_… of
 * loadbalancer resource <id>"). So `--wait` polls the load balancer, and under `--wait` such a
 * 409 is waited out and the call retried; before a create is retried, we look for the object in
 * case an earlier attempt made it after all, so that a retry never makes a duplicate.
 */

export interface LbTiming {
  /** First poll interval (default 1 s); it grows by 1.5× with jitter. */
  minDelayMs?: number
  /** Longest poll interval (default 5 s). */
  maxDelayMs?: number
  signal?: AbortSignal
  /** Told at each poll: what is awaited and its provisioning_status (the `--wait` spinner). */
  progress?: (what: string, status: string) => void
}

/** One time budget for all the waits and retries of one command (`--timeout`). */
export class Deadline {
  readonly at: number

  constructor(readonly totalMs: number) {
    this.at = Date.now() + totalMs
  }

  left(): number {
    return Math.max(0, this.at - Date.now())
  }

  /** The budget for messages: "300" (seconds), or "0.15" below a second. */
  seconds(): string {
    return String(Math.round(this.totalMs / 10) / 100)
  }
}

const status = (v: {provisioning_status?: string} | undefined): string => (v?.provisioning_status ?? '').toUpperCase()

/**
 * Polls the load balancer until its provisioning_status is ACTIVE (compared case-insensitively,
 * as osc-lib does). ERROR fails at once (exit 1); the deadline gives a WaitTimeoutError (exit 4)
 * that names the last status seen. `context` is put in front of both messages.
 */
export async function waitForLoadBalancerActive(
  c: ServiceClient,
  lbId: string,
  deadline: Deadline,
  opts: LbTiming & {context?: string; onPoll?: (lb: LoadBalancer) => void} = {},
): Promise<LoadBalancer> {
  let last: string | undefined
  const prefix = opts.context ? `${opts.context}, but ` : ''
  try {
    return await waitFor(() => getLoadBalancer(c, lbId), {
      until: (lb) => status(lb) === 'ACTIVE',
      failure: (lb) => (status(lb) === 'ERROR' ? 'ERROR' : undefined),
      timeoutMs: deadline.left(),
      what: `load balancer ${lbId}`,
      minDelayMs: opts.minDelayMs ?? 1000,
      maxDelayMs: opts.maxDelayMs ?? 5000,
      signal: opts.signal,
      onPoll: (lb) => {
        last = lb.provisioning_status
        opts.progress?.(`load balancer ${lbId}${c.region ? ` in ${c.region}` : ''} to become ACTIVE`, lb.provisioning_status ?? '')
        opts.onPoll?.(lb)
      },
    })
  } catch (error) {
    if (error instanceof WaitTimeoutError) {
      throw new WaitTimeoutError(
        `${prefix}timed out after ${deadline.seconds()} s waiting for load balancer ${lbId} to become ACTIVE (last provisioning_status: ${last ?? 'unknown'})`,
        [
          'wait longer with --timeout SECONDS',
          `check it with: mrctl loadbalancer show ${lbId} --os-region-name ${c.region}`,
        ],
      )
    }
    if (error instanceof MrctlError && status({provisioning_status: last}) === 'ERROR') {
      throw new MrctlError(
        `${prefix}load balancer ${lbId} went to provisioning_status ERROR: the resource did not successfully reach ACTIVE status`,
        {actions: ['an object in ERROR can be deleted and created again; the Octavia worker log tells why it failed']},
      )
    }
    throw error
  }
}

/**
 * Polls `get` until the object is gone: a 404, or provisioning_status DELETED. ERROR fails;
 * the deadline gives a WaitTimeoutError naming the last status.
 */
export async function waitForGone(
  get: () => Promise<{provisioning_status?: string}>,
  what: string,
  deadline: Deadline,
  opts: LbTiming = {},
): Promise<void> {
  let last: string | undefined
  const probe = async () => {
    try {
      return await get()
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined
      throw error
    }
  }
  try {
    await waitFor(probe, {
      until: (v) => v === undefined || status(v) === 'DELETED',
      failure: (v) => (status(v) === 'ERROR' ? 'ERROR' : undefined),
      timeoutMs: deadline.left(),
      what,
      minDelayMs: opts.minDelayMs ?? 1000,
      maxDelayMs: opts.maxDelayMs ?? 5000,
      signal: opts.signal,
      onPoll: (v) => {
        last = v?.provisioning_status
        opts.progress?.(`${what} to be deleted`, v === undefined ? 'DELETED' : (v.provisioning_status ?? ''))
      },
    })
  } catch (error) {
    if (error instanceof WaitTimeoutError) {
      throw new WaitTimeoutError(
        `timed out after ${deadline.seconds()} s waiting for ${what} to be deleted (last provisioning_status: ${last ?? 'unknown'})`,
        ['wait longer with --timeout SECONDS'],
      )
    }
    if (error instanceof MrctlError && status({provisioning_status: last}) === 'ERROR') {
      throw new MrctlError(`${what} went to provisioning_status ERROR: the resource could not be successfully deleted`)
    }
    throw error
  }
}

/** Octavia's 409 for a load balancer that is PENDING_*: ImmutableObject or LBPendingStateError. */
export function isBusyConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && /immutable|invalid state|PENDING_/i.test(error.detail)
}

/** A failure after which the request may or may not have been carried out. */
function isAmbiguous(error: unknown): boolean {
  return error instanceof ConnectionError || (error instanceof ApiError && [500, 502, 503, 504].includes(error.status))
}

/** How many times an ambiguous failure (5xx, connection lost) is retried under --wait. */
export const MAX_AMBIGUOUS_RETRIES = 2

/**
 * How many busy 409s in a row are retried when the load balancer is already ACTIVE at the first
 * poll (the object itself stuck in PENDING_*, say): then waiting cannot help, so we stop.
 */
export const MAX_BUSY_WHILE_ACTIVE = 3

export interface LbMutation<T> {
  /** The load balancer whose provisioning_status gates the change (the object itself for an LB). */
  lbId: string
  call: () => Promise<T>
  /** `--wait`: wait out a busy load balancer and retry. Without it, the 409 fails at once, with a hint. */
  retry: boolean
  deadline: Deadline
  /** Creates: the object if an earlier attempt made it after all (it is adopted, not made twice). */
  existing?: () => Promise<T | undefined>
  /** Deletes: a 404 on a retry means the object is gone already. */
  goneIsDone?: boolean
  /** Told before each retry, with the reason (progress on stderr). */
  onRetry?: (reason: string) => void
  timing?: LbTiming
}

export interface LbMutationResult<T> {
  /** The call's result, or the adopted object; undefined when a retried delete found it gone. */
  value: T | undefined
  /** True when a retry was skipped because the object was found already made. */
  adopted: boolean
  attempts: number
}

/**
 * Runs one change under a load balancer, with `--wait`'s retry rule: on a 409 while the load
 * balancer is PENDING_* (or a 5xx/connection failure, at most MAX_AMBIGUOUS_RETRIES times), wait
 * for it to become ACTIVE, check whether the object is there already (`existing`), and only
 * then send the call again. Other errors are thrown as they are.
 */
export async function runLbMutation<T>(c: ServiceClient, m: LbMutation<T>): Promise<LbMutationResult<T>> {
  let attempts = 0
  let ambiguous = 0
  let busyWhileActive = 0
  for (;;) {
    attempts++
    try {
      return {value: await m.call(), adopted: false, attempts}
    } catch (error) {
      if (m.goneIsDone && attempts > 1 && error instanceof ApiError && error.status === 404) {
        return {value: undefined, adopted: false, attempts}
      }
      const busy = isBusyConflict(error)
      if (!busy && !isAmbiguous(error)) throw error
      if (!m.retry) {
        if (busy) error.actions.push('the load balancer is busy with an earlier change: add --wait to wait for it and retry')
        throw error
      }
      if (!busy && ++ambiguous > MAX_AMBIGUOUS_RETRIES) throw error
      m.onRetry?.((error as Error).message)
      let polls = 0
      await waitForLoadBalancerActive(c, m.lbId, m.deadline, {
        ...m.timing,
        context: `${(error as Error).message}; waited to retry`,
        onPoll: () => polls++,
      })
      if (busy && polls === 1) {
        if (++busyWhileActive > MAX_BUSY_WHILE_ACTIVE) throw error
      } else {
        busyWhileActive = 0
      }
      if (m.existing) {
        const found = await m.existing()
        if (found !== undefined) return {value: found, adopted: true, attempts}
      }
    }
  }
}

export interface LbCreate<T extends {id: string}> {
  lbId: string
  /** `--wait`: retry on a busy load balancer, then wait for it to be ACTIVE and fetch the object again. */
  wait: boolean
  deadline: Deadline
  create: () => Promise<T>
  /**
   * Objects that the create would duplicate (members with the same address and port, say). Under
   * `--wait` they are listed once before the first attempt; after a failure, one that was not
   * there before is taken as made by us.
   */
  candidates?: () => Promise<T[]>
  refetch: (id: string) => Promise<T>
  /** "member 10.0.0.5:80", for the message when the final wait fails. */
  what: string
  onRetry?: (reason: string) => void
  timing?: LbTiming
}

/** Creates a child of a load balancer (listener, pool, member) the way `--wait` promises. */
export async function createUnderLoadBalancer<T extends {id: string}>(
  c: ServiceClient,
  f: LbCreate<T>,
): Promise<{value: T; adopted: boolean}> {
  let before: Set<string> | undefined
  if (f.wait && f.candidates) before = new Set((await f.candidates()).map((x) => x.id))
  const existing =
    before && f.candidates
      ? async () => {
          const now = await f.candidates!()
          return now.find((x) => !before!.has(x.id))
        }
      : undefined
  const res = await runLbMutation(c, {
    lbId: f.lbId,
    call: f.create,
    retry: f.wait,
    deadline: f.deadline,
    existing,
    onRetry: f.onRetry,
    timing: f.timing,
  })
  const made = res.value as T
  if (!f.wait) return {value: made, adopted: res.adopted}
  await waitForLoadBalancerActive(c, f.lbId, f.deadline, {...f.timing, context: `${f.what} ${made.id} was created`})
  return {value: await f.refetch(made.id), adopted: res.adopted}
}

/** Changes an object under a load balancer (or the load balancer itself); `--wait` then waits for ACTIVE. */
export async function updateUnderLoadBalancer<T>(
  c: ServiceClient,
  f: {lbId: string; wait: boolean; deadline: Deadline; update: () => Promise<T>; what: string; onRetry?: (r: string) => void; timing?: LbTiming},
): Promise<T> {
  const res = await runLbMutation(c, {lbId: f.lbId, call: f.update, retry: f.wait, deadline: f.deadline, onRetry: f.onRetry, timing: f.timing})
  if (f.wait) await waitForLoadBalancerActive(c, f.lbId, f.deadline, {...f.timing, context: `${f.what} was changed`})
  return res.value as T
}

/**
 * Deletes an object under a load balancer (or the load balancer itself, `lbId` = its ID). With
 * `--wait`: retries on a busy load balancer, waits until a GET of the object gives 404, then,
 * for a child, until the load balancer is ACTIVE again.
 */
export async function deleteUnderLoadBalancer(
  c: ServiceClient,
  f: {
    lbId: string
    wait: boolean
    /**
     * Retry on a busy load balancer even without `--wait`: a command that deletes several children
     * of one load balancer makes it busy itself, so it waits between them.
     */
    retry?: boolean
    deadline: Deadline
    del: () => Promise<void>
    get: () => Promise<{provisioning_status?: string}>
    /** "member 1234 in pool p1". */
    what: string
    /** True when the object deleted is the load balancer itself. */
    isLoadBalancer?: boolean
    onRetry?: (r: string) => void
    timing?: LbTiming
  },
): Promise<void> {
  await runLbMutation(c, {lbId: f.lbId, call: f.del, retry: f.wait || Boolean(f.retry), deadline: f.deadline, goneIsDone: true, onRetry: f.onRetry, timing: f.timing})
  if (!f.wait) return
  await waitForGone(f.get, f.what, f.deadline, f.timing)
  if (!f.isLoadBalancer) await waitForLoadBalancerActive(c, f.lbId, f.deadline, {...f.timing, context: `${f.what} was deleted`})
}

/**
 * `delete` over several names or IDs (OSC's rule, see each.ts): every item is tried, each failure
 * reported, then "N of M <things> failed to delete." (exit 3 when some were deleted, 1 when none
 * was), or exit 4 when none was deleted and every failure was a `--wait` that ran out of time.
 */
export async function deleteEach(
  items: string[],
  fn: (item: string) => Promise<void>,
  report: (line: string) => void,
  opts: {thing: string; things?: string; interrupt?: InterruptScope},
): Promise<string[]> {
  try {
    const res = await forEachItem(items, fn, report, {...opts, verb: 'delete'})
    return res.done.map((d) => d.item)
  } catch (error) {
    throw allTimedOut(error)
  }
}

type LbChild = {id: string; loadbalancers: Array<{id: string}>; provisioning_status?: string}

/** A child of a load balancer that `loadbalancer <thing> delete` removes (listener, pool). */
export interface LbChildKind<T extends LbChild> {
  thing: string
  find: (c: ServiceClient, nameOrId: string) => Promise<T>
  del: (c: ServiceClient, id: string) => Promise<void>
  get: (c: ServiceClient, id: string) => Promise<T>
}

/**
 * Deletes several listeners or pools: each found by name or ID, deleted under its load balancer
 * (waited for and retried while it is busy), failures reported per item, one deadline for all.
 */
export async function deleteLbChildren<T extends LbChild>(
  c: ServiceClient,
  items: string[],
  kind: LbChildKind<T>,
  opts: {wait: boolean; timeoutMs: number; warn: (m: string) => void; report: (line: string) => void; interrupt?: InterruptScope; timing?: LbTiming},
): Promise<string[]> {
  const deadline = new Deadline(opts.timeoutMs)
  const deleted: string[] = []
  await deleteEach(
    items,
    async (nameOrId) => {
      const child = await kind.find(c, nameOrId)
      const lbId = child.loadbalancers[0]?.id ?? ''
      await deleteUnderLoadBalancer(c, {
        lbId,
        wait: opts.wait,
        retry: items.length > 1,
        deadline,
        what: `${kind.thing} ${child.id}`,
        del: () => kind.del(c, child.id),
        get: () => kind.get(c, child.id),
        onRetry: (reason) => opts.warn(`${reason}; waiting for load balancer ${lbId} to become ACTIVE, then retrying`),
        timing: opts.timing,
      })
      deleted.push(child.id)
    },
    opts.report,
    {thing: kind.thing, interrupt: opts.interrupt},
  )
  return deleted
}
