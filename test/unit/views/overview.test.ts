import type {Overview, OverviewRegion} from '../../../src/orchestration/overview.js'

import {describe, expect, it} from 'vitest'

import {nearestToLimit} from '../../../src/orchestration/overview.js'
import {overviewView} from '../../../src/views/overview.js'

const region = (name: string, o: Partial<OverviewRegion>): OverviewRegion => ({region: name, quota: {}, latencyMs: {}, failures: [], ...o})

describe('nearestToLimit', () => {
  it('every limited use, highest share first; unlimited ones left out, a 0 limit in use is 100 %', () => {
    const regions = [
      region('A', {quota: {ports: {limit: 10, inUse: 9}, networks: {limit: -1, inUse: 50}}}),
      region('B', {quota: {ports: {limit: 200, inUse: 1}, routers: {limit: 0, inUse: 1}}}),
    ]
    expect(nearestToLimit(regions).map((h) => [h.region, h.resource, h.percent])).toEqual([
      ['B', 'routers', 100],
      ['A', 'ports', 90],
      ['B', 'ports', 0.5],
    ])
  })
})

describe('overviewView', () => {
  it('a column per region and a Total; a service a region lacks is -; quota uses near the limit are marked', () => {
    const regions = [
      region('Central', {networks: 2, pods: 2, latencyMs: {network: 12, tricircle: 3}, quota: {networks: {limit: 10, inUse: 2}}}),
      region('R1', {
        networks: 1,
        images: {total: 3, by: {status: {active: 2, queued: 1}, disk_format: {raw: 3}}},
        containers: {total: 1, by: {status: {Running: 1}}, cpu: 0.5, memoryMiB: 256},
        latencyMs: {network: 20},
        quota: {networks: {limit: 1, inUse: 1}, containers: {limit: 10, inUse: 8}},
      }),
    ]
    const o: Overview = {
      project: {id: 'p', name: 'demo'},
      regions,
      totals: {networks: 3, pods: 2, images: regions[1].images, containers: regions[1].containers, quota: {networks: {limit: 11, inUse: 3}, containers: {limit: 10, inUse: 8}}},
      nearest: nearestToLimit(regions),
    }
    const v = overviewView(o)
    expect(v.headers).toEqual(['', 'Central', 'R1', 'Total'])
    const row = (label: string) => v.rows.find((r) => r[0] === label)?.slice(1)
    expect(row('networks')).toEqual([2, 1, 3])
    expect(row('images')).toEqual(['-', 3, 3])
    expect(row('  queued')).toEqual(['-', 1, 1])
    expect(row('  format raw')).toEqual(['-', 3, 3])
    expect(row('  memory in use (MiB)')).toEqual(['-', 256, 256])
    expect(row('pods')).toEqual([2, '-', 2])
    expect(row('quota nearest limit')).toEqual(['networks 20%', 'networks 100% !!', '-'])
    expect(row('  containers')).toEqual(['-', '80% (8/10) !', '80% (8/10) !'])
    expect(row('  networks')).toEqual(['20% (2/10)', '100% (1/1) !!', '27.3% (3/11)'])
    expect(row('latency network (ms)')).toEqual([12, 20, '-'])
    expect(row('latency tricircle (ms)')).toEqual([3, '-', '-'])
  })
})
