import type {RegionUsage} from '../../../src/orchestration/quota-usage.js'

import {describe, expect, it} from 'vitest'

import {MrctlError, UsageError} from '../../../src/core/errors.js'
import {checkGlobalLimits, parseLimitSpecs, planQuotaSync} from '../../../src/orchestration/quota-global.js'
import {findQuotaResource, totalUsage} from '../../../src/orchestration/quota-usage.js'

const net = (region: string, usage: Record<string, [number, number]>): RegionUsage => ({
  region,
  service: 'network',
  usage: Object.fromEntries(Object.entries(usage).map(([k, [limit, inUse]]) => [k, {limit, inUse}])),
})

describe('quota resource names', () => {
  it('takes the shown names, the wire names and - or _ alike; anything else is unknown', () => {
    expect(findQuotaResource('networks')?.wire).toBe('network')
    expect(findQuotaResource('network')?.name).toBe('networks')
    expect(findQuotaResource('security_group_rule')?.name).toBe('secgroup-rules')
    expect(findQuotaResource('floating_ips')?.name).toBe('floating-ips')
    expect(findQuotaResource('load_balancer')?.name).toBe('load-balancers')
    expect(findQuotaResource('volumes')).toBeUndefined()
  })
})

describe('parseLimitSpecs (quota global set --resource)', () => {
  it('RESOURCE=LIMIT, with -1 and unlimited for no limit', () => {
    expect(parseLimitSpecs(['networks=20', 'port=-1', 'containers=unlimited'])).toEqual({networks: 20, ports: -1, containers: -1})
  })

  it.each([
    ['volumes=3', "unknown quota resource 'volumes'"],
    ['networks', '--resource networks: expected RESOURCE=LIMIT, e.g. networks=20'],
    ['networks=-2', 'the limit must be a whole number'],
    ['networks=1.5', 'the limit must be a whole number'],
    ['networks=', 'the limit must be a whole number'],
  ])('%s is a usage error', (spec, message) => {
    expect(() => parseLimitSpecs([spec])).toThrow(UsageError)
    expect(() => parseLimitSpecs([spec])).toThrow(message)
  })
})

describe('totalUsage', () => {
  it('sums limits and use; one unlimited region makes the total unlimited', () => {
    const t = totalUsage([net('A', {networks: [10, 2], ports: [-1, 5]}), net('B', {networks: [20, 3], ports: [50, 1]})])
    expect(t).toEqual({networks: {limit: 30, inUse: 5}, ports: {limit: -1, inUse: 6}})
  })
})

describe('checkGlobalLimits', () => {
  it('sums each region, and says over by how much', () => {
    const rows = checkGlobalLimits({networks: 4, ports: -1, routers: 10}, [net('A', {networks: [10, 3], ports: [9, 9]}), net('B', {networks: [10, 2], ports: [9, 1]})])
    expect(rows).toEqual([
      {resource: 'networks', service: 'network', globalLimit: 4, inUse: 5, perRegion: {A: 3, B: 2}, over: 1, status: 'over'},
      {resource: 'ports', service: 'network', globalLimit: -1, inUse: 10, perRegion: {A: 9, B: 1}, over: 0, status: 'unlimited'},
      {resource: 'routers', service: 'network', globalLimit: 10, inUse: 0, perRegion: {}, over: 0, status: 'no region'},
    ])
  })
})

describe("planQuotaSync (Kingbird's formula, without its Counter pitfall)", () => {
  it('new limit = (global − total use) + the region’s use', () => {
    const steps = planQuotaSync({networks: 20}, [net('A', {networks: [100, 3]}), net('B', {networks: [100, 5]}), net('C', {networks: [12, 0]})])
    expect(steps.map((s) => [s.region, s.next, s.reason, s.changed])).toEqual([
      ['A', 15, 'share', true],
      ['B', 17, 'share', true],
      ['C', 12, 'share', false],
    ])
  })

  it('-1 makes every region unlimited (Kingbird dropped it and kept the old limits)', () => {
    const steps = planQuotaSync({ports: -1}, [net('A', {ports: [50, 3]}), net('B', {ports: [-1, 1]})])
    expect(steps.map((s) => [s.region, s.next, s.reason, s.changed])).toEqual([
      ['A', -1, 'unlimited', true],
      ['B', -1, 'unlimited', false],
    ])
  })

  it('over the global limit: headroom 0, each region limited to its use (Kingbird dropped the negative result)', () => {
    const steps = planQuotaSync({networks: 4}, [net('A', {networks: [100, 3]}), net('B', {networks: [100, 2]})])
    expect(steps.map((s) => [s.region, s.next, s.reason])).toEqual([
      ['A', 3, 'over'],
      ['B', 2, 'over'],
    ])
  })

  it('exactly at the limit: no headroom, but not over', () => {
    const steps = planQuotaSync({networks: 5}, [net('A', {networks: [100, 3]}), net('B', {networks: [100, 2]})])
    expect(steps.map((s) => [s.next, s.reason])).toEqual([
      [3, 'share'],
      [2, 'share'],
    ])
  })

  it('a region that did not report its use stops the whole sync (never balanced on part of the data)', () => {
    const usage: RegionUsage[] = [net('A', {networks: [100, 3]}), {region: 'B', service: 'network', error: new Error('503')}]
    expect(() => planQuotaSync({networks: 20}, usage)).toThrow(MrctlError)
    expect(() => planQuotaSync({networks: 20}, usage)).toThrow('cannot sync: B (network) did not report their use')
  })
})
