import {describe, expect, it} from 'vitest'

import {MrctlError, WaitTimeoutError} from '../../../src/core/errors.js'
import {waitFor} from '../../../src/http/wait.js'
import {mrctlRejection as rejection} from '../../fakes/rejection.js'

/** A resource whose status walks through the given values, one per poll (the last one repeats). */
function statuses(...values: string[]) {
  let polls = 0
  return {
    get: async () => values[Math.min(polls++, values.length - 1)],
    polls: () => polls,
  }
}


describe('waitFor', () => {
  it('polls until the condition holds and returns that value', async () => {
    const r = statuses('PENDING_CREATE', 'PENDING_CREATE', 'ACTIVE', 'ERROR')
    const seen: string[] = []
    const value = await waitFor(r.get, {
      until: (s) => s === 'ACTIVE',
      timeoutMs: 10_000,
      what: 'load balancer lb1 to become ACTIVE',
      minDelayMs: 1,
      maxDelayMs: 5,
      onPoll: (s) => seen.push(s),
    })
    expect(value).toBe('ACTIVE')
    expect(r.polls()).toBe(3)
    expect(seen).toEqual(['PENDING_CREATE', 'PENDING_CREATE', 'ACTIVE'])
  })

  it('returns at once when the first poll is already done', async () => {
    const r = statuses('ACTIVE')
    expect(await waitFor(r.get, {until: (s) => s === 'ACTIVE', timeoutMs: 0, what: 'x'})).toBe('ACTIVE')
    expect(r.polls()).toBe(1)
  })

  it('stops on a failure state with exit code 1, not a timeout', async () => {
    const r = statuses('PENDING_CREATE', 'ERROR', 'ACTIVE')
    const err = await rejection(
      waitFor(r.get, {
        until: (s) => s === 'ACTIVE',
        failure: (s) => (s === 'ERROR' ? 'provisioning_status is ERROR' : undefined),
        timeoutMs: 10_000,
        what: 'load balancer lb1 to become ACTIVE',
        minDelayMs: 1,
      }),
    )
    expect(err).toBeInstanceOf(MrctlError)
    expect(err).not.toBeInstanceOf(WaitTimeoutError)
    expect(err.message).toBe('load balancer lb1 to become ACTIVE failed: provisioning_status is ERROR')
    expect((err as MrctlError).exitCode).toBe(1)
    expect(r.polls()).toBe(2)
  })

  it('times out with WaitTimeoutError (exit 4) after the deadline, having kept polling until then', async () => {
    const r = statuses('PENDING_UPDATE')
    const started = Date.now()
    const err = await rejection(
      waitFor(r.get, {until: (s) => s === 'ACTIVE', timeoutMs: 150, what: 'pool p1 to become ACTIVE', minDelayMs: 5, maxDelayMs: 20}),
    )
    const elapsed = Date.now() - started
    expect(err).toBeInstanceOf(WaitTimeoutError)
    expect((err as WaitTimeoutError).exitCode).toBe(4)
    expect(err.message).toBe('timed out after 0 s waiting for pool p1 to become ACTIVE')
    expect((err as WaitTimeoutError).actions[0]).toContain('--timeout')
    expect(elapsed).toBeGreaterThanOrEqual(145)
    expect(elapsed).toBeLessThan(2000)
    expect(r.polls()).toBeGreaterThan(3)
  })

  it('backs off: delays grow up to maxDelayMs', async () => {
    const times: number[] = []
    const get = async () => {
      times.push(performance.now())
      return times.length
    }
    await waitFor(get, {until: (n) => n >= 6, timeoutMs: 10_000, what: 'x', minDelayMs: 10, maxDelayMs: 40})
    const gaps = times.slice(1).map((t, i) => t - times[i])
    // delays 10, 15, 22.5, 33.75, then capped at 40, each with ±20 % jitter (timers never fire early)
    expect(gaps).toHaveLength(5)
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(30)
    expect(gaps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(90)
  })

  it('an error thrown by the poll ends the wait with that error', async () => {
    const boom = new Error('Octavia 404: Load Balancer lb1 could not be found.')
    await expect(waitFor(async () => Promise.reject(boom), {until: () => true, timeoutMs: 1000, what: 'x'})).rejects.toBe(boom)
  })

  it('an abort during a pause ends the wait as interrupted (130)', async () => {
    const ac = new AbortController()
    const r = statuses('PENDING')
    const p = waitFor(r.get, {until: () => false, timeoutMs: 10_000, what: 'x', minDelayMs: 5_000, signal: ac.signal})
    setTimeout(() => ac.abort(), 20)
    const started = Date.now()
    const err = await rejection(p)
    expect(Date.now() - started).toBeLessThan(2000)
    expect((err as MrctlError).exitCode).toBe(130)
  })

  it('an abort that comes while a poll is running ends the wait too', async () => {
    const ac = new AbortController()
    let polls = 0
    const get = async () => {
      polls++
      ac.abort() // Ctrl-C while the HTTP request was in flight
      return 'PENDING'
    }
    const started = Date.now()
    const err = await rejection(waitFor(get, {until: () => false, timeoutMs: 1500, what: 'x', minDelayMs: 5, maxDelayMs: 10, signal: ac.signal}))
    expect(Date.now() - started).toBeLessThan(1000)
    expect((err as MrctlError).exitCode).toBe(130)
    expect(polls).toBe(1)
  })
})
