import {join, resolve} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import type {DemoTarget} from '../../../src/orchestration/demo/target.js'

import {runDemo} from '../../../src/orchestration/demo/run.js'
import {countCalls} from '../../../src/orchestration/demo/session.js'
import {type DemoShow, showLines} from '../../../src/orchestration/demo/show.js'
import {simTarget} from '../../../src/orchestration/demo/target.js'
import {silentProgress} from '../../../src/orchestration/topology/progress.js'

const EXAMPLES = join(resolve(import.meta.dirname, '../../..'), 'examples')
const open: DemoTarget[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()))
})

async function target(): Promise<DemoTarget> {
  const t = await simTarget({time: 'immediate', version: 'test'})
  open.push(t)
  return t
}

describe('mrctl demo, in process', () => {
  it('applies both examples as one deployment, shows it, destroys it (pods too), and counts its calls and tokens', async () => {
    const t = await target()
    const count = countCalls(t.session)
    const said: string[] = []
    const topologies = await t.topologies(EXAMPLES)
    expect(topologies.map((x) => x.name)).toEqual(['two-region-containers', 'two-region-containers'])
    const r = await runDemo({session: t.session, topologies, keep: false, concurrency: 8, deadlineAt: Date.now() + 60_000, view: async () => silentProgress, say: (l) => said.push(l), count})
    expect(said).toEqual(['two-region-containers.yaml: 9 changes: 9 to create', 'cross-region-lb.yaml: 5 changes: 5 to create', 'destroy: 11 changes: 11 to delete'])
    expect(r.shown.pods.map((p) => p.region)).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
    expect(r.shown.network.regions).toEqual([
      {region: 'RegionOne', same_id: true},
      {region: 'RegionTwo', same_id: true},
    ])
    expect(r.shown.containers.map((c) => [c.name, c.region, c.status])).toEqual([
      ['container01', 'RegionOne', 'Running'],
      ['container02', 'RegionTwo', 'Running'],
    ])
    const lb = r.shown.load_balancer!
    expect(lb.members.map((m) => [m.address, m.container_region])).toEqual(r.shown.containers.map((c) => [c.addresses[0], c.region]))
    expect(r.shown.reachability).toMatchObject({from: 'container01', to: 'container02', ok: true})
    expect(r.destroyed!.podsDeleted).toEqual(['RegionTwo', 'RegionOne', 'CentralRegion'])
    expect(r.timing.tokens_issued).toBe(1)
    expect(r.timing.api_calls).toBe(count.calls)
    // Nothing left: reading the deployment again finds none of it.
    const {prepare} = await import('../../../src/orchestration/topology/session.js')
    const after = await prepare(t.session, topologies[1])
    expect(after.observed.resources.filter((x) => x.mark === 'two-region-containers' || x.kind === 'pod')).toEqual([])
  })

  it('keep: everything stays, nothing is destroyed', async () => {
    const t = await target()
    const topologies = await t.topologies(EXAMPLES)
    const r = await runDemo({session: t.session, topologies, keep: true, concurrency: 8, deadlineAt: Date.now() + 60_000, view: async () => silentProgress, say: () => {}, count: countCalls(t.session)})
    expect(r.kept).toBe(true)
    expect(r.destroyed).toBeUndefined()
    const {prepare} = await import('../../../src/orchestration/topology/session.js')
    const again = await prepare(t.session, topologies[1])
    expect(again.plan.changes.filter((c) => c.action !== 'unchanged')).toEqual([])
  })
})

describe('showLines', () => {
  it('one line per fact a person looks for, the members with the region of their container', () => {
    const s: DemoShow = {
      pods: [
        {region: 'CentralRegion', availability_zone: '', id: 'p0'},
        {region: 'RegionOne', availability_zone: 'az1', id: 'p1'},
      ],
      network: {name: 'net', id: 'n1', region: 'CentralRegion', subnets: [{name: 'sub', cidr: '10.0.0.0/24', id: 's1'}], regions: [{region: 'RegionOne', same_id: false}]},
      containers: [{name: 'c1', region: 'RegionOne', status: 'Running', addresses: ['10.0.0.5'], id: 'u1'}],
      load_balancer: {name: 'lb', region: 'RegionOne', vip_address: '10.0.0.9', provisioning_status: 'ACTIVE', operating_status: 'ONLINE', members: [{name: 'c1:80', address: '10.0.0.5', port: 80, container_region: 'RegionOne', provisioning_status: 'ACTIVE', operating_status: 'ONLINE'}]},
      reachability: {from: 'c1', to: 'c2', address: '10.0.0.6', ok: false, how: 'ping -c 1 10.0.0.6 in c1', output: '1 packets transmitted, 0 received'},
    }
    expect(showLines(s)).toEqual([
      'pods: CentralRegion (central), RegionOne (az az1)',
      'central network: net n1 in CentralRegion, subnet sub 10.0.0.0/24; RegionOne does not show it',
      'containers:',
      '  RegionOne    c1             Running  10.0.0.5',
      'load balancer: lb in RegionOne, VIP 10.0.0.9, ACTIVE/ONLINE',
      '  member 10.0.0.5:80        container in RegionOne    ACTIVE/ONLINE',
      'reachability: c1 → c2 (10.0.0.6): NOT reachable (ping -c 1 10.0.0.6 in c1)',
      '  1 packets transmitted, 0 received',
    ])
  })
})
