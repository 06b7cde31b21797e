import {describe, expect, it} from 'vitest'

import {MrctlError} from '../../../src/http/errors.js'
import {forEachItem} from '../../../src/orchestration/each.js'

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
    expect((err as MrctlError).exitCode).toBe(1)
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
    expect(lines).toEqual(["Failed to delete security group with name or ID 'g1': 409", "Failed to delete security group with name or ID 'g2': 409"])
  })

  it('returns every value and reports nothing when all succeed', async () => {
    const lines: string[] = []
    const res = await forEachItem(['a', 'b'], async (i) => i.toUpperCase(), (l) => lines.push(l), {thing: 'port', verb: 'delete'})
    expect(res).toEqual({done: [{item: 'a', value: 'A'}, {item: 'b', value: 'B'}], failed: []})
    expect(lines).toEqual([])
  })

  it("an item's hints follow its failure, each on an indented line", async () => {
    const lines: string[] = []
    await forEachItem(['pod-1'], async () => Promise.reject(new MrctlError('Tricircle 500: Failed to delete pod', {actions: ['delete routing 7 first']})), (l) => lines.push(l), {
      thing: 'pod',
      verb: 'delete',
    }).catch(() => undefined)
    expect(lines).toEqual(["Failed to delete pod with name or ID 'pod-1': Tricircle 500: Failed to delete pod\n  delete routing 7 first"])
  })
})
