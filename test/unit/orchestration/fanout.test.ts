import {describe, expect, it} from 'vitest'

import {fanout, summarise} from '../../../src/orchestration/fanout.js'

describe('fanout', () => {
  it('one region failing of three: results in region order, the failure kept, nothing thrown', async () => {
    const boom = new Error('Neutron 503: Service Unavailable')
    const results = await fanout(['RegionOne', 'RegionTwo', 'RegionThree'], async (r) => {
      if (r === 'RegionTwo') throw boom
      return `${r}-value`
    })
    expect(results).toEqual([
      {region: 'RegionOne', ok: true, value: 'RegionOne-value'},
      {region: 'RegionTwo', ok: false, error: boom},
      {region: 'RegionThree', ok: true, value: 'RegionThree-value'},
    ])
    expect(summarise(results)).toEqual({
      values: [
        {region: 'RegionOne', value: 'RegionOne-value'},
        {region: 'RegionThree', value: 'RegionThree-value'},
      ],
      failures: [{region: 'RegionTwo', error: boom}],
    })
  })

  it('every region failing still resolves, with every failure', async () => {
    const results = await fanout(['a', 'b'], async (r) => Promise.reject(new Error(`down ${r}`)))
    expect(summarise(results)).toEqual({values: [], failures: [{region: 'a', error: new Error('down a')}, {region: 'b', error: new Error('down b')}]})
  })

  it('runs regions in parallel, at most `concurrency` at a time, keeping region order in results', async () => {
    let active = 0
    let peak = 0
    const regions = ['r1', 'r2', 'r3', 'r4', 'r5']
    const finished: string[] = []
    const results = await fanout(
      regions,
      async (r) => {
        active++
        peak = Math.max(peak, active)
        // later regions finish first
        await new Promise((resolve) => setTimeout(resolve, 5 * (regions.length - regions.indexOf(r))))
        active--
        finished.push(r)
        return r
      },
      {concurrency: 2},
    )
    expect(peak).toBe(2)
    expect(results.map((x) => x.region)).toEqual(regions)
    expect(finished).not.toEqual(regions)
  })

  it('an empty region list gives no results', async () => {
    expect(await fanout([], async () => 1)).toEqual([])
  })
})
