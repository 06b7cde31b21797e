import {describe, expect, it} from 'vitest'

import {MrctlError, WaitTimeoutError} from '../../../src/core/errors.js'
import {allTimedOut, forEachItem, ItemsFailedError} from '../../../src/orchestration/each.js'
import {InterruptScope} from '../../../src/orchestration/interrupt.js'

describe('forEachItem', () => {
  it('tries every item, reports each failure, then fails with "1 of 3 networks failed to delete."', async () => {
    const lines: string[] = []
    const tried: string[] = []
    const p = forEachItem(
      ['net-a', 'net-b', 'net-c'],
      async (item) => {
        tried.push(item)
        if (item === 'net-b') throw new Error("No network with a name or ID of 'net-b' exists.")
        return `${item}-id`
      },
      (l) => lines.push(l),
      {thing: 'network', verb: 'delete'},
    )
    const err = await p.catch((e: unknown) => e)
    expect(tried).toEqual(['net-a', 'net-b', 'net-c'])
    expect(lines).toEqual(["Failed to delete network with name or ID 'net-b': No network with a name or ID of 'net-b' exists."])
    expect(err).toBeInstanceOf(MrctlError)
    expect((err as MrctlError).message).toBe('1 of 3 networks failed to delete.')
    // Some were done: partial success, exit 3 (as for regions), and the envelope lists both.
    expect((err as MrctlError).exitCode).toBe(3)
    expect((err as MrctlError).data).toEqual({
      failed: [{item: 'net-b', message: "No network with a name or ID of 'net-b' exists."}],
      done: ['net-a', 'net-c'],
    })
  })

  it('uses the given plural, and counts every failure', async () => {
    const lines: string[] = []
    const err = await forEachItem(['g1', 'g2'], async () => Promise.reject(new Error('409')), (l) => lines.push(l), {
      thing: 'security group',
      things: 'security groups',
      verb: 'delete',
    }).catch((e: unknown) => e)
    expect((err as Error).message).toBe('2 of 2 security groups failed to delete.')
    // None was done: exit 1.
    expect((err as MrctlError).exitCode).toBe(1)
    expect(lines).toEqual(["Failed to delete security group with name or ID 'g1': 409", "Failed to delete security group with name or ID 'g2': 409"])
  })

  it('returns every value and reports nothing when all succeed', async () => {
    const lines: string[] = []
    const res = await forEachItem(['a', 'b'], async (i) => i.toUpperCase(), (l) => lines.push(l), {thing: 'port', verb: 'delete'})
    expect(res).toEqual({done: [{item: 'a', value: 'A'}, {item: 'b', value: 'B'}], failed: []})
    expect(lines).toEqual([])
  })

  it('the items’ hints reach the final error, once each', async () => {
    const hint = 'stop it first with --stop, or use --force'
    const err = await forEachItem(['c1', 'c2'], async () => Promise.reject(new MrctlError('409', {actions: [hint]})), () => undefined, {
      thing: 'container',
      verb: 'delete',
    }).catch((e: unknown) => e)
    expect((err as MrctlError).actions).toEqual([hint])
  })

  it('an interrupt stops before the next item; the scope knows what was done, under way and not tried', async () => {
    const scope = new InterruptScope()
    let seen: unknown
    const err = await forEachItem(
      ['n1', 'n2', 'n3', 'n4'],
      async (item) => {
        if (item === 'n2') {
          scope.abort()
          seen = structuredClone(scope.report().progress)
        }
        return item
      },
      () => undefined,
      {thing: 'network', verb: 'delete', interrupt: scope},
    ).catch((e: unknown) => e)
    expect(seen).toEqual([{verb: 'delete', things: 'networks', done: ['n1'], failed: [], current: 'n2', pending: ['n3', 'n4']}])
    expect((err as MrctlError).exitCode).toBe(130)
    expect(scope.report().progress).toEqual([{verb: 'delete', things: 'networks', done: ['n1', 'n2'], failed: [], current: undefined, pending: ['n3', 'n4']}])
  })

  it('exit 4 only when nothing was done and every failure was a wait running out of time', () => {
    const timeout = new WaitTimeoutError('timed out', ['wait longer with --timeout SECONDS'])
    const none = new ItemsFailedError('2 of 2 containers failed to delete.', [], [{item: 'a', error: timeout}, {item: 'b', error: timeout}])
    expect((allTimedOut(none) as MrctlError).exitCode).toBe(4)
    const some = new ItemsFailedError('1 of 2 containers failed to delete.', ['a'], [{item: 'b', error: timeout}])
    expect((allTimedOut(some) as MrctlError).exitCode).toBe(3)
    const mixed = new ItemsFailedError('2 of 2 containers failed to delete.', [], [{item: 'a', error: timeout}, {item: 'b', error: new Error('409')}])
    expect((allTimedOut(mixed) as MrctlError).exitCode).toBe(1)
  })
})
