import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {containerSpecHash, desiredResources} from '../../../../src/orchestration/topology/desired.js'
import {parseTopology} from '../../../../src/orchestration/topology/load.js'
import type {Observed, ObservedResource} from '../../../../src/orchestration/topology/model.js'
import {changeCount, planTopology} from '../../../../src/orchestration/topology/plan.js'

const ROOT = join(import.meta.dirname, '../../../..')
const example = (name: string) => parseTopology(readFileSync(join(ROOT, 'examples', name), 'utf8'), join(ROOT, 'examples', name))
const HASH = {size: 10, md5: 'm'.repeat(32), sha512: 's'.repeat(128)}
const lb = example('cross-region-lb.yaml')
const guide = example('two-region-containers.yaml')
const desiredOf = (t = guide) => desiredResources(t, {[join(ROOT, 'examples', 'container_cirros')]: HASH})

function obs(key: string, id: string, attrs: Record<string, unknown> = {}, extra: Partial<ObservedResource> = {}): ObservedResource {
  const [kind, region, name] = key.split(':') as [ObservedResource['kind'], string, string]
  return {key, kind, region, name, id, fingerprint: id, refs: [], attrs, mark: 'two-region-containers', ...extra}
}

/** What the guide's topology looks like on the clouds once applied. */
function applied(t = guide): ObservedResource[] {
  const c = (name: string) => t.doc.containers.find((x) => x.name === name)!
  return [
    obs('pod:CentralRegion:CentralRegion', 'p0', {az: ''}, {mark: undefined}),
    obs('pod:RegionOne:RegionOne', 'p1', {az: 'az1'}, {mark: undefined}),
    obs('pod:RegionTwo:RegionTwo', 'p2', {az: 'az2'}, {mark: undefined}),
    obs('image:RegionOne:container_cirros', 'img1', {container_format: 'docker', disk_format: 'raw', status: 'active', os_hash_algo: 'sha512', os_hash_value: HASH.sha512, properties: {}}),
    obs('image:RegionTwo:container_cirros', 'img2', {container_format: 'docker', disk_format: 'raw', status: 'active', os_hash_algo: 'sha512', os_hash_value: HASH.sha512, properties: {}}),
    obs('network:CentralRegion:container-net', 'net', {availability_zone_hints: []}),
    obs('subnet:CentralRegion:container-subnet', 'sub', {cidr: '10.0.60.0/24', network_id: 'net', gateway_ip: '10.0.60.1', enable_dhcp: true}, {refs: ['net']}),
    obs('container:RegionOne:container01', 'c1', {image: 'img1', specHash: containerSpecHash(c('container01')), status: 'Running', addresses: {net: [{addr: '10.0.60.5', subnet_id: 'sub'}]}}, {refs: ['img1', 'net', 'sub']}),
    obs('container:RegionTwo:container02', 'c2', {image: 'img2', specHash: containerSpecHash(c('container02')), status: 'Running', addresses: {net: [{addr: '10.0.60.9', subnet_id: 'sub'}]}}, {refs: ['img2', 'net', 'sub']}),
  ]
}

const plan = (resources: ObservedResource[], opts: {adopt?: boolean; failures?: Observed['failures']} = {}, t = guide) =>
  planTopology(desiredOf(t), {resources, failures: opts.failures ?? []}, {topology: t.name, adopt: opts.adopt})
const action = (p: ReturnType<typeof plan>, key: string) => p.changes.find((c) => c.key === key)?.action

describe('topology plan (desired + observed → changes and steps)', () => {
  it('from nothing: creates everything, in dependency order, with independent steps free to run in parallel', () => {
    const p = plan([])
    expect(p.changes.every((c) => c.action === 'create')).toBe(true)
    expect(p.changes.map((c) => c.key)).toEqual([
      'pod:CentralRegion:CentralRegion', 'pod:RegionOne:RegionOne', 'pod:RegionTwo:RegionTwo',
      'image:RegionOne:container_cirros', 'image:RegionTwo:container_cirros',
      'network:CentralRegion:container-net', 'subnet:CentralRegion:container-subnet',
      'container:RegionOne:container01', 'container:RegionTwo:container02',
    ])
    const deps = Object.fromEntries(p.steps.map((s) => [s.key, s.deps]))
    expect(deps['image:RegionOne:container_cirros']).toEqual([])
    expect(deps['network:CentralRegion:container-net']).toEqual(['create pod:CentralRegion:CentralRegion'])
    expect(deps['container:RegionOne:container01'].sort()).toEqual([
      'create image:RegionOne:container_cirros', 'create network:CentralRegion:container-net', 'create pod:RegionOne:RegionOne', 'create subnet:CentralRegion:container-subnet',
    ])
    expect(changeCount(p)).toBe(9)
  })

  it('once applied: 0 changes and no step', () => {
    const p = plan(applied())
    expect(p.changes.map((c) => c.action)).toEqual(Array(9).fill('unchanged'))
    expect(p.steps).toEqual([])
    expect(changeCount(p)).toBe(0)
  })

  it('a resource with the name but without the mark: "exists, not owned", and nothing else is done to it; --adopt marks it', () => {
    const resources = applied().map((o) => (o.kind === 'network' ? {...o, mark: undefined} : o))
    const p = plan(resources)
    expect(action(p, 'network:CentralRegion:container-net')).toBe('not-owned')
    expect(p.changes.find((c) => c.action === 'not-owned')?.reason).toMatch(/exists, not owned/)
    expect(p.steps.some((s) => s.key.startsWith('network:'))).toBe(false)
    const adopted = plan(resources, {adopt: true})
    expect(action(adopted, 'network:CentralRegion:container-net')).toBe('adopt')
    expect(adopted.steps.map((s) => s.id)).toEqual(['adopt network:CentralRegion:container-net'])
  })

  it('never takes a resource marked by another topology, even with --adopt', () => {
    const resources = applied().map((o) => (o.kind === 'subnet' ? {...o, mark: 'someone-else'} : o))
    const p = plan(resources, {adopt: true})
    expect(action(p, 'subnet:CentralRegion:container-subnet')).toBe('blocked')
    expect(p.changes.find((c) => c.action === 'blocked')?.reason).toMatch(/owned by topology someone-else/)
  })

  it('ignores another project’s resources of the same name (an admin sees them)', () => {
    const p = plan([...applied(), obs('network:CentralRegion:container-net', 'other', {}, {mark: undefined, foreign: true})])
    expect(action(p, 'network:CentralRegion:container-net')).toBe('unchanged')
  })

  it('replaces what cannot change in place, and what sits on it; updates what can', () => {
    const resources = applied().map((o) => {
      if (o.kind === 'image' && o.region === 'RegionTwo') return {...o, attrs: {...o.attrs, os_hash_value: 'x'.repeat(128)}}
      if (o.kind === 'subnet') return {...o, attrs: {...o.attrs, enable_dhcp: false}}
      return o
    })
    const p = plan(resources)
    expect(action(p, 'image:RegionTwo:container_cirros')).toBe('replace')
    expect(action(p, 'container:RegionTwo:container02')).toBe('replace')
    expect(p.changes.find((c) => c.key === 'container:RegionTwo:container02')?.reason).toMatch(/image container_cirros is replaced/)
    expect(action(p, 'container:RegionOne:container01')).toBe('unchanged')
    expect(action(p, 'subnet:CentralRegion:container-subnet')).toBe('update')
    const ids = p.steps.map((s) => s.id)
    expect(ids).toContain('delete image:RegionTwo:container_cirros')
    expect(ids).toContain('create image:RegionTwo:container_cirros')
    expect(ids).toContain('update subnet:CentralRegion:container-subnet')
    // The old container goes before the old image; the new image before the new container.
    const step = (id: string) => p.steps.find((s) => s.id === id)!
    expect(step('delete image:RegionTwo:container_cirros').deps).toEqual(['delete container:RegionTwo:container02'])
    expect(step('create container:RegionTwo:container02').deps.sort()).toEqual(['create image:RegionTwo:container_cirros', 'delete container:RegionTwo:container02'])
  })

  it('replaces a container whose description changed or that failed', () => {
    const resources = applied().map((o) => (o.key === 'container:RegionOne:container01' ? {...o, attrs: {...o.attrs, status: 'Error', status_reason: 'no space'}} : o))
    const p = plan(resources)
    expect(p.changes.find((c) => c.key === 'container:RegionOne:container01')).toMatchObject({action: 'replace', reason: 'status Error: no space'})
    const t2 = parseTopology(readFileSync(join(ROOT, 'examples/two-region-containers.yaml'), 'utf8').replace('"5000"]\n  - name: container02', '"5001"]\n  - name: container02'), join(ROOT, 'examples/two-region-containers.yaml'))
    const p2 = plan(applied(), {}, t2)
    expect(p2.changes.find((c) => c.key === 'container:RegionOne:container01')).toMatchObject({action: 'replace', reason: 'its description changed'})
  })

  it('deletes what it marked that the file no longer has, children before parents', () => {
    const resources = [
      ...applied(),
      obs('network:CentralRegion:old-net', 'oldnet'),
      obs('subnet:CentralRegion:old-subnet', 'oldsub', {}, {refs: ['oldnet']}),
      obs('network:CentralRegion:not-mine', 'x', {}, {mark: undefined}),
    ]
    const p = plan(resources)
    expect(p.changes.filter((c) => c.action === 'delete').map((c) => c.name)).toEqual(['old-net', 'old-subnet'])
    const del = p.steps.find((s) => s.key === 'network:CentralRegion:old-net')!
    expect(del.deps).toEqual(['delete subnet:CentralRegion:old-subnet#oldsub'])
    expect(p.changes.some((c) => c.name === 'not-mine')).toBe(false)
  })

  it('a pod is matched by region; one with another AZ stops the plan (Tricircle cannot change a pod)', () => {
    const resources = applied().map((o) => (o.key === 'pod:RegionTwo:RegionTwo' ? {...o, attrs: {az: 'az9'}} : o))
    const p = plan(resources)
    expect(p.changes.find((c) => c.key === 'pod:RegionTwo:RegionTwo')).toMatchObject({action: 'blocked'})
    expect(p.changes.find((c) => c.key === 'pod:RegionTwo:RegionTwo')?.reason).toMatch(/availability zone az9, not az2/)
  })

  it('a region that could not be read: its resources fail at once, their dependents wait on them, the rest goes on', () => {
    const failures = [{region: 'RegionTwo', kind: 'container' as const, error: new Error('connection refused')}]
    const p = plan(applied().filter((o) => o.kind !== 'container'), {failures})
    expect(p.changes.find((c) => c.key === 'container:RegionTwo:container02')).toMatchObject({action: 'unknown', reason: 'cannot read the containers of RegionTwo: connection refused'})
    expect(p.steps.find((s) => s.key === 'container:RegionTwo:container02')?.failWith).toMatch(/connection refused/)
    expect(action(p, 'container:RegionOne:container01')).toBe('create')
  })

  it('the load balancer: its children one at a time under it, members after their containers', () => {
    const p = plan([], {}, lb)
    const step = (key: string) => p.steps.find((s) => s.key === key)!
    expect(step('loadbalancer:RegionOne:container-lb').deps.sort()).toEqual(['create pod:RegionOne:RegionOne', 'create subnet:CentralRegion:container-subnet'])
    expect(step('pool:RegionOne:container-lb/container-pool').deps).toEqual(['create listener:RegionOne:container-lb/container-listener'])
    const m2 = step('member:RegionOne:container-lb/container-pool/container02:5000')
    expect(m2.deps).toContain('create container:RegionTwo:container02')
    expect(m2.lock).toBe('lb:RegionOne:container-lb')
    expect(step('listener:RegionOne:container-lb/container-listener').lock).toBe('lb:RegionOne:container-lb')
  })

  it('a member whose container got a new address is replaced; deleting a load balancer takes its children with it (cascade)', () => {
    const t = lb
    const members = [
      obs('loadbalancer:RegionOne:container-lb', 'lb1', {vip_subnet_id: 'sub', provisioning_status: 'ACTIVE'}, {mark: 'cross-region-lb', refs: ['sub']}),
      obs('listener:RegionOne:container-lb/container-listener', 'l1', {protocol: 'TCP', protocol_port: 5000, loadbalancer_id: 'lb1'}, {mark: 'cross-region-lb', refs: ['lb1']}),
      obs('pool:RegionOne:container-lb/container-pool', 'pl', {protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN', listener_ids: ['l1'], loadbalancer_id: 'lb1'}, {mark: 'cross-region-lb', refs: ['lb1', 'l1']}),
      obs('member:RegionOne:container-lb/container-pool/container01:5000', 'm1', {address: '10.0.60.5', protocol_port: 5000, subnet_id: 'sub', pool_id: 'pl', loadbalancer_id: 'lb1'}, {mark: 'cross-region-lb', refs: ['pl', 'sub']}),
      obs('member:RegionOne:container-lb/container-pool/container02:5000', 'm2', {address: '10.0.60.77', protocol_port: 5000, subnet_id: 'sub', pool_id: 'pl', loadbalancer_id: 'lb1'}, {mark: 'cross-region-lb', refs: ['pl', 'sub']}),
    ]
    const base = applied(t).map((o) => (o.mark ? {...o, mark: 'cross-region-lb'} : o))
    const p = plan([...base, ...members], {}, t)
    expect(action(p, 'member:RegionOne:container-lb/container-pool/container01:5000')).toBe('unchanged')
    expect(p.changes.find((c) => c.key.endsWith('container02:5000'))).toMatchObject({action: 'replace', reason: 'address 10.0.60.77 → 10.0.60.9'})

    const gone = parseTopology(readFileSync(join(ROOT, 'examples/two-region-containers.yaml'), 'utf8').replace('name: two-region-containers', 'name: cross-region-lb'), join(ROOT, 'examples/x.yaml'))
    const p2 = plan([...base, ...members], {}, gone)
    expect(p2.changes.filter((c) => c.action === 'delete').map((c) => c.kind)).toEqual(['loadbalancer', 'listener', 'pool', 'member', 'member'])
    expect(p2.steps.map((s) => s.id)).toEqual(['delete loadbalancer:RegionOne:container-lb#lb1'])
  })
})
