// The real python `openstack` client (python3-openstackclient, -octaviaclient, -zunclient) against
// the target: on the sim target this is the proof that the simulated Neutron, Glance, Octavia and
// Zun answer as clients expect; on the real target it is the same script against the real
// services and the Zun emulator. Everything made is deleted again.
import {execFile} from 'node:child_process'
import {createHash, randomBytes} from 'node:crypto'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ADMIN_CLOUD, CLOUDS, startEmulators, uniqueName} from './harness.js'

const exec = promisify(execFile)
const work = mkdtempSync(join(tmpdir(), 'mrctl-it-osc-'))
const R1 = ['--os-region-name', 'RegionOne']
const n = {cnet: uniqueName('osc-cnet'), net: uniqueName('osc-net'), sub: uniqueName('osc-sub'), port: uniqueName('osc-port'), router: uniqueName('osc-router'), sg: uniqueName('osc-sg'), image: uniqueName('osc-image'), lb: uniqueName('osc-lb'), listener: uniqueName('osc-l'), pool: uniqueName('osc-p'), container: uniqueName('osc-c')}
let emulators: {stop(): Promise<void>} | undefined

/** The real client (asynchronous: on the sim target the cloud answers from this process). */
async function openstack(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const r = await exec('openstack', [...R1, ...args], {env: {...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS, OS_CLOUD: ADMIN_CLOUD}, timeout: 180_000, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer'})
    return {code: 0, stdout: r.stdout.toString(), stderr: r.stderr.toString()}
  } catch (error) {
    const e = error as {code?: number; stdout?: Buffer; stderr?: Buffer}
    return {code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout?.toString() ?? '', stderr: e.stderr?.toString() ?? ''}
  }
}

async function ok(args: string[]): Promise<string> {
  const r = await openstack(args)
  expect(r.stderr, `openstack ${args.join(' ')}`).toBe('')
  expect(r.code).toBe(0)
  return r.stdout
}

const json = async (args: string[]) => JSON.parse(await ok([...args, '-f', 'json']))

beforeAll(async () => {
  emulators = await startEmulators(['zun'])
})

afterAll(async () => {
  await openstack(['appcontainer', 'delete', '--force', n.container])
  await openstack(['loadbalancer', 'delete', '--cascade', '--wait', n.lb])
  await openstack(['router', 'remove', 'subnet', n.router, n.sub])
  await openstack(['router', 'delete', n.router])
  await openstack(['port', 'delete', n.port])
  await openstack(['network', 'delete', n.net])
  await openstack(['--os-region-name', 'CentralRegion', 'network', 'delete', n.cnet])
  await openstack(['security', 'group', 'delete', n.sg])
  await openstack(['image', 'delete', n.image])
  await emulators?.stop()
})

describe('openstack network, subnet, port, router, security group', () => {
  it('creates and shows them, with the fields the client prints', async () => {
    const net = await json(['network', 'create', n.net])
    expect(net).toMatchObject({name: n.net, status: 'ACTIVE', admin_state_up: true, 'router:external': false, mtu: 1450})
    const sub = await json(['subnet', 'create', '--network', n.net, '--subnet-range', '10.47.0.0/24', '--dns-nameserver', '10.47.0.3', n.sub])
    expect(sub).toMatchObject({cidr: '10.47.0.0/24', gateway_ip: '10.47.0.1', allocation_pools: [{start: '10.47.0.2', end: '10.47.0.254'}], dns_nameservers: ['10.47.0.3']})
    const port = await json(['port', 'create', '--network', n.net, '--fixed-ip', `subnet=${n.sub},ip-address=10.47.0.20`, n.port])
    expect(port.fixed_ips).toEqual([{subnet_id: sub.id, ip_address: '10.47.0.20'}])
    expect(port.mac_address).toMatch(/^fa:16:3e(:[0-9a-f]{2}){3}$/)
    const dup = await openstack(['port', 'create', '--network', n.net, '--fixed-ip', `subnet=${n.sub},ip-address=10.47.0.20`, uniqueName('dup')])
    expect(dup.code).toBe(1)
    expect(dup.stderr).toContain('IP address 10.47.0.20 already allocated in subnet')
    await json(['router', 'create', n.router])
    await ok(['router', 'add', 'subnet', n.router, n.sub])
    const router = await json(['router', 'show', n.router])
    expect(router.interfaces_info).toEqual([{port_id: expect.any(String), ip_address: '10.47.0.1', subnet_id: sub.id}])
    const sg = await json(['security', 'group', 'create', n.sg])
    expect(sg.rules).toHaveLength(2)
    const rule = await json(['security', 'group', 'rule', 'create', '--protocol', 'tcp', '--dst-port', '22', n.sg])
    expect(rule).toMatchObject({protocol: 'tcp', port_range_min: 22, port_range_max: 22, direction: 'ingress', ether_type: 'IPv4'})
    const listed = await json(['port', 'list', '--network', n.net])
    expect(listed.map((p: {Name: string}) => p.Name)).toContain(n.port)
  })
})

describe('openstack image', () => {
  it('create, list, show and save: the bytes come back as uploaded', async () => {
    const data = randomBytes(40_000)
    const file = join(work, 'img.raw')
    writeFileSync(file, data)
    const created = await json(['image', 'create', '--container-format', 'docker', '--disk-format', 'raw', '--file', file, n.image])
    expect(created.name).toBe(n.image)
    const listed = await json(['image', 'list', '--name', n.image])
    expect(listed).toEqual([{ID: created.id, Name: n.image, Status: 'active'}])
    const shown = await json(['image', 'show', n.image])
    expect(shown).toMatchObject({size: data.length, checksum: createHash('md5').update(data).digest('hex'), container_format: 'docker'})
    const out = join(work, 'saved.raw')
    await ok(['image', 'save', '--file', out, n.image])
    expect(readFileSync(out).equals(data)).toBe(true)
  })
})

describe('openstack loadbalancer', () => {
  it('create with listener, pool and member, --wait; list, show; delete --cascade', async () => {
    const lb = await json(['loadbalancer', 'create', '--name', n.lb, '--vip-subnet-id', n.sub, '--wait'])
    expect(lb.provisioning_status).toBe('ACTIVE')
    await json(['loadbalancer', 'listener', 'create', '--name', n.listener, '--protocol', 'HTTP', '--protocol-port', '80', '--wait', n.lb])
    await json(['loadbalancer', 'pool', 'create', '--name', n.pool, '--lb-algorithm', 'ROUND_ROBIN', '--listener', n.listener, '--protocol', 'HTTP', '--wait'])
    const member = await json(['loadbalancer', 'member', 'create', '--subnet-id', n.sub, '--address', '10.47.0.30', '--protocol-port', '80', '--wait', n.pool])
    expect(member).toMatchObject({address: '10.47.0.30', protocol_port: 80, provisioning_status: 'ACTIVE'})
    const list = await json(['loadbalancer', 'list', '--name', n.lb])
    expect(list).toEqual([expect.objectContaining({name: n.lb, provisioning_status: 'ACTIVE', provider: 'amphora'})])
    const shown = await json(['loadbalancer', 'show', n.lb])
    expect(shown.listeners).not.toBe('')
    const members = await json(['loadbalancer', 'member', 'list', n.pool])
    expect(members.map((m: {address: string}) => m.address)).toEqual(['10.47.0.30'])
    await ok(['loadbalancer', 'delete', '--cascade', '--wait', n.lb])
    const gone = await openstack(['loadbalancer', 'show', n.lb])
    expect(gone.code).toBe(1)
    expect(gone.stderr).toContain(`Unable to locate ${n.lb} in loadbalancers`)
  })
})

describe('openstack appcontainer', () => {
  it('run --wait, list, show, exec, delete, on a network of the central Neutron (where Zun makes its ports under Tricircle)', async () => {
    const net = (await json(['--os-region-name', 'CentralRegion', 'network', 'create', n.cnet])).id
    await ok(['--os-region-name', 'CentralRegion', 'subnet', 'create', '--network', net, '--subnet-range', '10.48.0.0/24', uniqueName('osc-csub')])
    await ok(['appcontainer', 'run', '--name', n.container, '--net', `network=${net}`, '--image-driver', 'glance', '--wait', n.image, 'sleep', '3600'])
    const row = (await json(['appcontainer', 'list'])).find((c: {name: string}) => c.name === n.container)
    expect(row).toMatchObject({status: 'Running', addresses: expect.stringMatching(/^10\.48\.0\.\d+$/)})
    const shown = await json(['appcontainer', 'show', n.container])
    expect(shown).toMatchObject({name: n.container, status: 'Running', command: ['sleep', '3600']})
    expect((await ok(['appcontainer', 'exec', n.container, 'echo', 'hi', 'there'])).trim()).toBe('hi there')
    await ok(['appcontainer', 'delete', '--stop', '--wait', n.container])
    const gone = await openstack(['appcontainer', 'show', n.container])
    expect(gone.code).toBe(1)
    expect(gone.stderr).toContain(`Container ${n.container} could not be found.`)
  })
})
