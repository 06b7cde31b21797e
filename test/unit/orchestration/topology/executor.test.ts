import {describe, expect, it} from 'vitest'

import {criticalPath, execute, type ExecStep} from '../../../../src/orchestration/topology/executor.js'

/** A step whose end the test decides: resolve or reject it when the test wants. */
function controlled(id: string, deps: string[] = [], lock?: string) {
  let resolve!: (v: unknown) => void
  let reject!: (e: Error) => void
  const done = new Promise((res, rej) => {
    resolve = res
    reject = rej
  })
  let started = false
  let signal: AbortSignal | undefined
  const step: ExecStep = {
    id,
    deps,
    lock,
    run: (s) => {
      started = true
      signal = s
      return done
    },
  }
  return {step, resolve, reject, started: () => started, signal: () => signal}
}

/** Lets every pending promise callback run (no timers involved). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

describe('topology executor', () => {
  it('starts a step only when its dependencies are done, and runs independent steps together', async () => {
    const net = controlled('net')
    const sub = controlled('subnet', ['net'])
    const img1 = controlled('image1')
    const c1 = controlled('c1', ['subnet', 'image1'])
    const order: string[] = []
    const run = execute([net.step, sub.step, img1.step, c1.step], {onStart: (id) => order.push(id)})
    await settle()
    expect(order).toEqual(['net', 'image1'])
    net.resolve('n')
    await settle()
    expect(order).toEqual(['net', 'image1', 'subnet'])
    sub.resolve('s')
    await settle()
    expect(c1.started()).toBe(false)
    img1.resolve('i')
    await settle()
    expect(c1.started()).toBe(true)
    c1.resolve('c')
    const res = await run
    expect(res.outcomes.map((o) => [o.id, o.status])).toEqual([['net', 'done'], ['subnet', 'done'], ['image1', 'done'], ['c1', 'done']])
    expect(res.interrupted).toBeUndefined()
  })

  it('skips the dependents of a failed step, names the failed one, and goes on with the others', async () => {
    const a = controlled('a')
    const b = controlled('b', ['a'])
    const c = controlled('c', ['b'])
    const d = controlled('d')
    const run = execute([a.step, b.step, c.step, d.step])
    await settle()
    a.reject(new Error('Zun unreachable'))
    d.resolve('ok')
    const res = await run
    const byId = Object.fromEntries(res.outcomes.map((o) => [o.id, o]))
    expect(byId.a.status).toBe('failed')
    expect(byId.a.error?.message).toBe('Zun unreachable')
    expect(byId.b).toMatchObject({status: 'skipped', blockedBy: 'a'})
    expect(byId.c).toMatchObject({status: 'skipped', blockedBy: 'b'})
    expect(byId.d.status).toBe('done')
    expect(b.started()).toBe(false)
  })

  it('bounds the parallelism, and runs steps with the same lock one at a time', async () => {
    const s = [controlled('1'), controlled('2'), controlled('3')]
    const locked = [controlled('m1', [], 'lb'), controlled('m2', [], 'lb')]
    const run = execute([...s, ...locked].map((x) => x.step), {concurrency: 2})
    await settle()
    expect([...s, ...locked].filter((x) => x.started()).map((x) => x.step.id)).toEqual(['1', '2'])
    s[0].resolve(1)
    await settle()
    expect(s[2].started()).toBe(true)
    s[1].resolve(2)
    await settle()
    expect(locked[0].started()).toBe(true)
    s[2].resolve(3)
    await settle()
    expect(locked[1].started()).toBe(false)
    locked[0].resolve('a')
    await settle()
    expect(locked[1].started()).toBe(true)
    locked[1].resolve('b')
    expect((await run).outcomes.every((o) => o.status === 'done')).toBe(true)
  })

  it('on stop: starts nothing more, waits for the steps in flight, cancels the rest', async () => {
    const a = controlled('a')
    const b = controlled('b', ['a'])
    const c = controlled('c')
    const stop = new AbortController()
    const run = execute([a.step, b.step, c.step], {stop: stop.signal, concurrency: 1})
    await settle()
    stop.abort()
    await settle()
    a.resolve('made')
    const res = await run
    expect(res.interrupted).toBe('stopped')
    expect(res.outcomes.map((o) => [o.id, o.status])).toEqual([['a', 'done'], ['b', 'cancelled'], ['c', 'cancelled']])
    expect(b.started() || c.started()).toBe(false)
  })

  it('a stop that comes when every step has started changes nothing: the run is complete', async () => {
    const a = controlled('a')
    const stop = new AbortController()
    const run = execute([a.step], {stop: stop.signal})
    await settle()
    stop.abort()
    a.resolve('made')
    const res = await run
    expect(res.interrupted).toBeUndefined()
    expect(res.outcomes[0].status).toBe('done')
  })

  it('on abandon: returns at once, the steps in flight are abandoned and their signal aborted', async () => {
    const a = controlled('a')
    const b = controlled('b', ['a'])
    const abandon = new AbortController()
    const run = execute([a.step, b.step], {abandon: abandon.signal})
    await settle()
    abandon.abort()
    const res = await run
    expect(res.interrupted).toBe('abandoned')
    expect(res.outcomes.map((o) => [o.id, o.status])).toEqual([['a', 'abandoned'], ['b', 'cancelled']])
    expect(res.outcomes[0].error?.message).toMatch(/half-made/)
    expect(a.signal()?.aborted).toBe(true)
  })

  it('refuses a cycle and an unknown dependency before running anything', async () => {
    const a = controlled('a', ['b'])
    const b = controlled('b', ['a'])
    await expect(execute([a.step, b.step])).rejects.toThrow(/cycle/)
    await expect(execute([controlled('x', ['nope']).step])).rejects.toThrow(/unknown step/)
    expect(a.started() || b.started()).toBe(false)
  })

  it('finds the critical path: the slowest chain of dependent steps', () => {
    const steps = [
      {id: 'net', deps: []},
      {id: 'subnet', deps: ['net']},
      {id: 'image', deps: []},
      {id: 'c1', deps: ['subnet', 'image']},
    ]
    expect(criticalPath(steps, {net: 100, subnet: 150, image: 900, c1: 4000})).toEqual({path: ['image', 'c1'], ms: 4900})
    expect(criticalPath(steps, {net: 600, subnet: 400, image: 900, c1: 4000})).toEqual({path: ['net', 'subnet', 'c1'], ms: 5000})
  })
})
