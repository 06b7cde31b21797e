import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {mrctl, ROOT, T, tempConfigDir, uniqueName} from './harness.js'

// The cross-region flow against the real Octavia (RegionOne only): the VIP and the member sit on a
// subnet of the *central* Neutron (CentralRegion), given by ID, as in the Tricircle LBaaS guide.
// Shapes are compared with what python-octaviaclient printed for the same commands
// (test/fixtures/osc/octavia/, see its README).

const FIXTURES = join(ROOT, 'test/fixtures/osc/octavia')
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'))

const configDir = tempConfigDir()
const R1 = ['--os-region-name', 'RegionOne']
const run = (args: string[]) => mrctl(args, {configDir})

/** JSON type names, so that a shape can be compared with octaviaclient's without its values. */
function typeOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}
function shape(o: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(o).map(([k, v]) => [k, typeOf(v)])
}

// --- a subnet on the central Neutron, made directly (not through mrctl) ---
interface Catalog {
  type: string
  endpoints: Array<{region_id: string; interface: string; url: string}>
}
let token = ''
let centralNeutron = ''
let centralNet = ''
let centralSubnet = ''

async function keystone(): Promise<void> {
  const res = await fetch(`${T.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({
      auth: {
        identity: {methods: ['password'], password: {user: {name: T.admin.username, domain: {name: 'Default'}, password: T.admin.password}}},
        scope: {project: {name: T.admin.project, domain: {name: 'Default'}}},
      },
    }),
  })
  expect(res.status).toBe(201)
  token = res.headers.get('x-subject-token')!
  const catalog = ((await res.json()) as {token: {catalog: Catalog[]}}).token.catalog
  const ep = catalog.find((s) => s.type === 'network')!.endpoints.find((e) => e.region_id === 'CentralRegion' && e.interface === 'public')!
  centralNeutron = `${ep.url.replace(/\/+$/, '')}/v2.0`
}

async function neutron(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${centralNeutron}${path}`, {
    method,
    headers: {'Content-Type': 'application/json', 'X-Auth-Token': token},
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return {status: res.status, body: text ? JSON.parse(text) : undefined}
}

const lbName = uniqueName('it-oct-lb')
const listenerName = uniqueName('it-oct-listener')
const poolName = uniqueName('it-oct-pool')
const memberName = uniqueName('it-oct-member')
let lbId = ''
let listenerId = ''
let poolId = ''
let memberId = ''

beforeAll(async () => {
  await keystone()
  const net = await neutron('POST', '/networks', {network: {name: uniqueName('it-oct-central')}})
  expect(net.status).toBe(201)
  centralNet = net.body.network.id
  const sub = await neutron('POST', '/subnets', {subnet: {network_id: centralNet, ip_version: 4, cidr: '10.61.0.0/24', name: uniqueName('it-oct-sub')}})
  expect(sub.status).toBe(201)
  centralSubnet = sub.body.subnet.id
})

afterAll(async () => {
  // --wait rides out a load balancer still busy from a step that failed, and waits until it is gone.
  if (lbId) {
    const del = await run(['loadbalancer', 'delete', lbId, '--cascade', '--wait', ...R1])
    if (del.code !== 0) process.stderr.write(`cleanup of load balancer ${lbId} failed: ${del.stderr}\n`)
  }
  if (centralSubnet) await neutron('DELETE', `/subnets/${centralSubnet}`)
  if (centralNet) await neutron('DELETE', `/networks/${centralNet}`)
})

describe('octavia: the cross-region load balancer flow', () => {
  it('creates a load balancer in RegionOne on a CentralRegion subnet ID, with --wait, shaped as octaviaclient prints it', async () => {
    const r = await run(['loadbalancer', 'create', '--name', lbName, '--vip-subnet-id', centralSubnet, '--wait', '-f', 'json', ...R1])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    lbId = r.json.id
    expect(shape(r.json)).toEqual(shape(fixture('loadbalancer-create-wait.json') as Record<string, unknown>))
    expect(r.json).toMatchObject({name: lbName, provisioning_status: 'ACTIVE', vip_subnet_id: centralSubnet, listeners: '', pools: '', tags: '', additional_vips: []})
  })

  it('creates a listener on it by name, with --wait', async () => {
    const r = await run(['loadbalancer', 'listener', 'create', lbName, '--name', listenerName, '--protocol', 'http', '--protocol-port', '80', '--wait', '-f', 'json', ...R1])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    listenerId = r.json.id
    expect(shape(r.json)).toEqual(shape(fixture('loadbalancer-listener-create.json') as Record<string, unknown>))
    expect(r.json).toMatchObject({name: listenerName, protocol: 'HTTP', protocol_port: 80, provisioning_status: 'ACTIVE', loadbalancers: lbId})
  })

  it('creates a pool on the listener, with --wait', async () => {
    const r = await run([
      'loadbalancer', 'pool', 'create', '--name', poolName, '--lb-algorithm', 'ROUND_ROBIN', '--listener', listenerName, '--protocol', 'HTTP', '--wait', '-f', 'json', ...R1,
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    poolId = r.json.id
    expect(shape(r.json)).toEqual(shape(fixture('loadbalancer-pool-create.json') as Record<string, unknown>))
    expect(r.json).toMatchObject({listeners: listenerId, loadbalancers: lbId, members: '', lb_algorithm: 'ROUND_ROBIN', provisioning_status: 'ACTIVE'})
  })

  it('adds a member by address on the central subnet with --subnet (the alias of --subnet-id), with --wait', async () => {
    const r = await run([
      'loadbalancer', 'member', 'create', poolName, '--subnet', centralSubnet, '--address', '10.61.0.10', '--protocol-port', '80',
      '--weight', '3', '--name', memberName, '--wait', '-f', 'json', ...R1,
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    memberId = r.json.id
    expect(shape(r.json)).toEqual(shape(fixture('loadbalancer-member-create.json') as Record<string, unknown>))
    expect(r.json).toMatchObject({address: '10.61.0.10', subnet_id: centralSubnet, weight: 3, name: memberName, provisioning_status: 'ACTIVE'})
  })

  it('lists load balancers, listeners, pools and members with octaviaclient\'s lower-case columns', async () => {
    const lbs = await run(['loadbalancer', 'list', '--region', 'RegionOne', '-f', 'json'])
    expect(lbs.code).toBe(0)
    const row = (lbs.json as Array<Record<string, unknown>>).find((x) => x.id === lbId)!
    expect(shape(row)).toEqual(shape((fixture('loadbalancer-list.json') as Array<Record<string, unknown>>)[0]))
    expect(row).toMatchObject({name: lbName, provisioning_status: 'ACTIVE', provider: 'amphora'})

    const listeners = await run(['loadbalancer', 'listener', 'list', '--loadbalancer', lbName, '--region', 'RegionOne', '-f', 'json'])
    expect(listeners.code).toBe(0)
    expect(listeners.json).toHaveLength(1)
    expect(shape(listeners.json[0])).toEqual(shape((fixture('loadbalancer-listener-list.json') as Array<Record<string, unknown>>)[0]).map(([k, t]) => (k === 'default_pool_id' ? [k, 'string'] : [k, t])))
    expect(listeners.json[0]).toMatchObject({id: listenerId, default_pool_id: poolId})

    const pools = await run(['loadbalancer', 'pool', 'list', '--loadbalancer', lbId, '--region', 'RegionOne', '-f', 'json'])
    expect(pools.code).toBe(0)
    expect(pools.json.map((p: {id: string}) => p.id)).toEqual([poolId])
    expect(shape(pools.json[0])).toEqual(shape((fixture('loadbalancer-pool-list.json') as Array<Record<string, unknown>>)[0]))

    const members = await run(['loadbalancer', 'member', 'list', poolName, '--region', 'RegionOne', '-f', 'json'])
    expect(members.code).toBe(0)
    expect(members.json).toEqual([
      {id: memberId, name: memberName, project_id: expect.any(String), provisioning_status: 'ACTIVE', address: '10.61.0.10', protocol_port: 80, operating_status: 'NO_MONITOR', weight: 3},
    ])
    expect(shape(members.json[0])).toEqual(shape((fixture('loadbalancer-member-list.json') as Array<Record<string, unknown>>)[0]))
  })

  it('--all-regions lists only the region that has load-balancer, with a Region column; --region RegionTwo fails naming it', async () => {
    const all = await run(['loadbalancer', 'list', '--all-regions', '-f', 'json'])
    expect(all.code).toBe(0)
    const regions = new Set((all.json as Array<{Region: string}>).map((x) => x.Region))
    expect([...regions]).toEqual(['RegionOne'])
    expect((all.json as Array<{id: string}>).some((x) => x.id === lbId)).toBe(true)

    const two = await run(['loadbalancer', 'list', '--region', 'RegionTwo'])
    expect(two.code).toBe(1)
    expect(two.stdout).toBe('')
    expect(two.stderr).toBe('public endpoint for load-balancer service in RegionTwo region not found\n  regions with load-balancer: RegionOne\n')
  })

  it('shows the load balancer by name: children as newline-joined IDs, an unformatted list as [] in the table', async () => {
    const json = await run(['loadbalancer', 'show', lbName, '-f', 'json', ...R1])
    expect(json.code).toBe(0)
    expect(shape(json.json)).toEqual(shape(fixture('loadbalancer-show.json') as Record<string, unknown>))
    expect(json.json).toMatchObject({id: lbId, listeners: listenerId, pools: poolId, additional_vips: []})

    const table = await run(['loadbalancer', 'show', lbId, ...R1])
    expect(table.code).toBe(0)
    expect(table.stdout.split('\n')[1]).toBe('| Field               | Value                                |')
    expect(table.stdout).toContain(`| listeners           | ${listenerId} |`)
    expect(table.stdout).toContain('| additional_vips     | []                                   |')
    expect(table.stdout).toContain('| admin_state_up      | True                                 |')

    const member = await run(['loadbalancer', 'member', 'show', poolName, memberName, '-f', 'json', ...R1])
    expect(member.code).toBe(0)
    expect(shape(member.json)).toEqual(shape(fixture('loadbalancer-member-show.json') as Record<string, unknown>))
    const listener = await run(['loadbalancer', 'listener', 'show', listenerId, '-f', 'json', ...R1])
    expect(shape(listener.json)).toEqual(shape(fixture('loadbalancer-listener-show.json') as Record<string, unknown>))
    const pool = await run(['loadbalancer', 'pool', 'show', poolName, '-f', 'json', ...R1])
    expect(shape(pool.json)).toEqual(shape(fixture('loadbalancer-pool-show.json') as Record<string, unknown>))
    expect(pool.json.members).toBe(memberId)
  })

  it('sets the load balancer and the member with --wait, printing nothing', async () => {
    const lb = await run(['loadbalancer', 'set', lbName, '--description', 'web tier', '--tag', 'blue', '--wait', ...R1])
    expect([lb.code, lb.stdout, lb.stderr]).toEqual([0, '', ''])
    const m = await run(['loadbalancer', 'member', 'set', poolName, memberName, '--weight', '5', '--wait', ...R1])
    expect([m.code, m.stdout, m.stderr]).toEqual([0, '', ''])

    const shown = await run(['loadbalancer', 'show', lbId, '-f', 'json', '-c', 'description', '-c', 'tags', '-c', 'provisioning_status', ...R1])
    expect(shown.json).toEqual({description: 'web tier', provisioning_status: 'ACTIVE', tags: 'blue'})
    const weight = await run(['loadbalancer', 'member', 'show', poolId, memberId, '-f', 'value', '-c', 'weight', ...R1])
    expect(weight.stdout).toBe('5\n')
  })

  it('status show prints the statuses tree as JSON indented by 4, and has no -f', async () => {
    const r = await run(['loadbalancer', 'status', 'show', lbName, ...R1])
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines.slice(0, 3)).toEqual(['{', '    "loadbalancer": {', `        "id": "${lbId}",`])
    const tree = JSON.parse(r.stdout)
    expect(tree.loadbalancer.listeners[0].id).toBe(listenerId)
    expect(tree.loadbalancer.listeners[0].pools[0].members[0]).toMatchObject({id: memberId, address: '10.61.0.10', protocol_port: 80})
    // octaviaclient's status show is a plain Command: `-f json` is an argparse error there too.
    const withFormat = await run(['loadbalancer', 'status', 'show', lbName, '-f', 'json', ...R1])
    expect(withFormat.code).toBe(2)
    expect(withFormat.stdout).toBe('')
  })

  it('stats show gives the five counters as numbers', async () => {
    const r = await run(['loadbalancer', 'stats', 'show', lbName, '-f', 'json', ...R1])
    expect(r.code).toBe(0)
    expect(shape(r.json)).toEqual(shape(fixture('loadbalancer-stats-show.json') as Record<string, unknown>))
  })
})

describe('octavia: bad input creates nothing', () => {
  it('a member on a pool that does not exist: octaviaclient\'s message, exit 1, no member added', async () => {
    const missing = uniqueName('no-such-pool')
    const r = await run(['loadbalancer', 'member', 'create', missing, '--address', '10.61.0.20', '--protocol-port', '80', '--wait', ...R1])
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `Unable to locate ${missing} in pools\n`])
    const members = await run(['loadbalancer', 'member', 'list', poolId, '--region', 'RegionOne', '-f', 'value', '-c', 'address'])
    expect(members.stdout).toBe('10.61.0.10\n')
  })

  it('a pool on a load balancer that does not exist: exit 1, no pool added', async () => {
    const missing = uniqueName('no-such-lb')
    const r = await run(['loadbalancer', 'pool', 'create', '--loadbalancer', missing, '--protocol', 'TCP', '--lb-algorithm', 'SOURCE_IP', ...R1])
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `Unable to locate ${missing} in loadbalancers\n`])
    const pools = await run(['loadbalancer', 'pool', 'list', '--loadbalancer', lbId, '--region', 'RegionOne', '-f', 'value', '-c', 'id'])
    expect(pools.stdout).toBe(`${poolId}\n`)
  })

  it('a port out of range and a missing VIP are usage errors (exit 2) sent nowhere', async () => {
    const port = await run(['loadbalancer', 'member', 'create', poolName, '--address', '10.61.0.21', '--protocol-port', '70000', ...R1])
    expect(port.code).toBe(2)
    expect(port.stderr).toContain("Invalid input for field/attribute 'protocol-port', Value: '70000'. Value must be between 1 and 65535.")
    const vip = await run(['loadbalancer', 'create', '--name', uniqueName('it-oct-novip'), ...R1])
    expect(vip.code).toBe(2)
    expect(vip.stderr).toContain('Missing required argument: Requires one of --vip-subnet-id, --vip-network-id or --vip-port-id')
    const lbs = await run(['loadbalancer', 'list', '--region', 'RegionOne', '-f', 'value', '-c', 'name'])
    expect(lbs.stdout).not.toContain('it-oct-novip')
  })

  it('a 1 s wait budget: either it runs out (exit 4, naming the member made, the load balancer and its last status) or the member is ACTIVE; never a duplicate', async () => {
    // How fast Octavia settles depends on the machine (1.4-2.2 s on a loaded one, under 1 s idle),
    // so this cannot force a timeout without asserting on timing; the exit-4 path is pinned
    // deterministically against a fake Octavia in test/unit/orchestration/lb-wait.test.ts.
    const r = await run(['loadbalancer', 'member', 'create', poolId, '--address', '10.61.0.31', '--protocol-port', '80', '--wait', '--timeout', '1', '-f', 'json', ...R1])
    expect([0, 4]).toContain(r.code)
    let made: string
    if (r.code === 4) {
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(
        new RegExp(`^member [0-9a-f-]{36} was created, but timed out after 1 s waiting for load balancer ${lbId} to become ACTIVE \\(last provisioning_status: PENDING_UPDATE\\)\n`),
      )
      expect(r.stderr).toContain('wait longer with --timeout SECONDS')
      made = /^member ([0-9a-f-]{36})/.exec(r.stderr)![1]
    } else {
      expect(r.json.provisioning_status).toBe('ACTIVE')
      made = r.json.id
    }

    // Once the load balancer is ACTIVE again (a set with --wait waits for it), the member is there once.
    const settle = await run(['loadbalancer', 'set', lbId, '--wait', ...R1])
    expect(settle.code).toBe(0)
    const members = await run(['loadbalancer', 'member', 'list', poolId, '--region', 'RegionOne', '-f', 'json'])
    expect((members.json as Array<{id: string; address: string}>).filter((m) => m.address === '10.61.0.31').map((m) => m.id)).toEqual([made])
  })

  it('delete goes on past a name that does not exist and reports "N of M"', async () => {
    const missing = uniqueName('no-such-listener')
    const r = await run(['loadbalancer', 'listener', 'delete', missing, ...R1])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`Failed to delete listener with name or ID '${missing}': Unable to locate ${missing} in listeners\n1 of 1 listeners failed to delete.\n`)
  })
})

describe('octavia: cascade delete', () => {
  it('deletes the load balancer and its children with --cascade --wait; show then says it is gone', async () => {
    const r = await run(['loadbalancer', 'delete', '--cascade', '--wait', lbName, ...R1])
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', ''])
    const gone = await run(['loadbalancer', 'show', lbName, ...R1])
    expect([gone.code, gone.stderr]).toEqual([1, `Unable to locate ${lbName} in loadbalancers\n`])
    const pool = await run(['loadbalancer', 'pool', 'show', poolId, ...R1])
    expect(pool.code).toBe(1)
    lbId = ''
  })
})
