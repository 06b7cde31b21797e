import {afterEach, describe, expect, it} from 'vitest'

import {UsageError} from '../../../src/core/errors.js'
import {bootstrapPods, centralRegionOf, parseRegionAz} from '../../../src/orchestration/pod-bootstrap.js'
import {mrctlRejection} from '../../fakes/rejection.js'
import {fakeServerPool} from '../../fakes/server.js'
import {TOKEN, tricircleClient} from '../clients/tricircle/helpers.js'

const REGIONS = ['CentralRegion', 'RegionOne', 'RegionTwo']
const pod = (region: string, az: string, id: string) => ({pod_id: id, region_name: region, pod_az_name: '', dc_name: '', az_name: az})
const TOP = pod('CentralRegion', '', '11111111-1111-4111-8111-111111111111')
const ONE = pod('RegionOne', 'az1', '22222222-2222-4222-8222-222222222222')
const TWO = pod('RegionTwo', 'az2', '33333333-3333-4333-8333-333333333333')
const GUIDE = {central: 'CentralRegion', pods: [{region: 'RegionOne', az: 'az1'}, {region: 'RegionTwo', az: 'az2'}]}

const rejection = mrctlRejection

describe('pod bootstrap', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it("creates the guide's three pods from nothing: the central one without an AZ, then one per region", async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'GET', path: '/v1.0/pods', token: TOKEN, reply: {json: {pods: []}}})
      .on({method: 'POST', path: '/v1.0/pods', token: TOKEN, json: {pod: {region_name: 'CentralRegion'}}, reply: {json: {pod: TOP}}})
      .on({method: 'POST', path: '/v1.0/pods', token: TOKEN, json: {pod: {region_name: 'RegionOne', az_name: 'az1'}}, reply: {json: {pod: ONE}}})
      .on({method: 'POST', path: '/v1.0/pods', token: TOKEN, json: {pod: {region_name: 'RegionTwo', az_name: 'az2'}}, reply: {json: {pod: TWO}}})
    const out = await bootstrapPods(tricircleClient(s), REGIONS, GUIDE)
    expect(out).toEqual([
      {region: 'CentralRegion', az: '', podId: TOP.pod_id, result: 'created'},
      {region: 'RegionOne', az: 'az1', podId: ONE.pod_id, result: 'created'},
      {region: 'RegionTwo', az: 'az2', podId: TWO.pod_id, result: 'created'},
    ])
    // The central pod is created before the others.
    expect(s.received.filter((r) => r.method === 'POST')[0].json).toEqual({pod: {region_name: 'CentralRegion'}})
  })

  it('skips the pods that exist as asked, and needs no AZ for them', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'GET', path: '/v1.0/pods', token: TOKEN, reply: {json: {pods: [TOP, ONE]}}}).on({
      method: 'POST',
      path: '/v1.0/pods',
      token: TOKEN,
      json: {pod: {region_name: 'RegionTwo', az_name: 'az2'}},
      reply: {json: {pod: TWO}},
    })
    const out = await bootstrapPods(tricircleClient(s), REGIONS, {central: 'CentralRegion', pods: [{region: 'RegionOne'}, {region: 'RegionTwo', az: 'az2'}]})
    expect(out.map((o) => [o.region, o.az, o.result])).toEqual([
      ['CentralRegion', '', 'exists'],
      ['RegionOne', 'az1', 'exists'],
      ['RegionTwo', 'az2', 'created'],
    ])
  })

  it('sends nothing when everything exists', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'GET', path: '/v1.0/pods', token: TOKEN, reply: {json: {pods: [TWO, ONE, TOP]}}})
    const out = await bootstrapPods(tricircleClient(s), REGIONS, GUIDE)
    expect(out.map((o) => o.result)).toEqual(['exists', 'exists', 'exists'])
  })

  it('refuses a region that is not in the Keystone catalog before sending anything', async () => {
    const s = await fakes.start('tricircle')
    const err = await rejection(bootstrapPods(tricircleClient(s), REGIONS, {central: 'CentralRegion', pods: [{region: 'RegionThree', az: 'az3'}, {region: 'regionone', az: 'az1'}]}))
    expect(err).toBeInstanceOf(UsageError)
    expect(err.message).toBe("RegionThree, regionone are not regions of the Keystone catalog: a Tricircle pod's name must be a Keystone region")
    expect(err.actions).toEqual(['regions of the catalog: CentralRegion, RegionOne, RegionTwo (mrctl region list, mrctl catalog list); region names are case-sensitive'])
    expect(s.received).toEqual([])
  })

  it('stops before any write when a pod exists with another AZ, or another region is the central pod', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'GET', path: '/v1.0/pods', token: TOKEN, times: 2, reply: {json: {pods: [pod('RegionOne', '', TOP.pod_id), pod('RegionTwo', 'az9', TWO.pod_id)]}}})
    const err = await rejection(bootstrapPods(tricircleClient(s), REGIONS, GUIDE))
    expect(err.message).toBe(
      `pods exist that differ from what was asked: the central pod is RegionOne (pod ${TOP.pod_id}), not CentralRegion; RegionOne is the central pod (pod ${TOP.pod_id}); RegionTwo has a pod in availability zone az9, not az2 (pod ${TWO.pod_id})`,
    )
    expect(err.exitCode).toBe(1)
    expect(err.actions[0]).toContain('mrctl multiregion networking pod delete POD_ID')
    const noAz = await rejection(bootstrapPods(tricircleClient(s), REGIONS, {central: 'RegionOne', pods: [{region: 'CentralRegion'}]}))
    expect(noAz).toBeInstanceOf(UsageError)
    expect(noAz.message).toBe('no availability zone for CentralRegion, which has no pod yet')
    expect(noAz.actions).toEqual(['give one per region: --az CentralRegion=az1'])
    expect(s.received.every((r) => r.method === 'GET')).toBe(true)
  })

  it('reports a failed create in its outcome and still creates the others', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'GET', path: '/v1.0/pods', token: TOKEN, reply: {json: {pods: [TOP]}}})
      .on({method: 'POST', path: '/v1.0/pods', token: TOKEN, json: {pod: {region_name: 'RegionOne', az_name: 'az1'}}, reply: {status: 409, text: 'Record already exists', contentType: 'text/html'}})
      .on({method: 'POST', path: '/v1.0/pods', token: TOKEN, json: {pod: {region_name: 'RegionTwo', az_name: 'az2'}}, reply: {json: {pod: TWO}}})
    const out = await bootstrapPods(tricircleClient(s), REGIONS, GUIDE)
    expect(out).toEqual([
      {region: 'CentralRegion', az: '', podId: TOP.pod_id, result: 'exists'},
      {region: 'RegionOne', az: 'az1', podId: '', result: 'failed', error: 'Tricircle 409: Record already exists'},
      {region: 'RegionTwo', az: 'az2', podId: TWO.pod_id, result: 'created'},
    ])
  })
})

describe('pod bootstrap input', () => {
  it('reads REGION=AZ, and refuses anything else naming the flag', () => {
    expect(parseRegionAz('RegionOne=az1', '--az')).toEqual({region: 'RegionOne', az: 'az1'})
    expect(() => parseRegionAz('RegionOne', '--pod')).toThrow('--pod "RegionOne" is not REGION=AZ')
    expect(() => parseRegionAz('RegionOne=', '--az')).toThrow(UsageError)
  })

  it('takes the central region from the catalog when it offers Tricircle in one region only', () => {
    expect(centralRegionOf(['CentralRegion'])).toBe('CentralRegion')
    expect(centralRegionOf(['A', 'B'], 'B')).toBe('B')
    expect(() => centralRegionOf(['A', 'B'])).toThrow('several regions offer Tricircle (A, B): name the central one with --central-region')
    expect(() => centralRegionOf([])).toThrow('no region of the catalog offers the Tricircle (tricircle) service')
  })
})
