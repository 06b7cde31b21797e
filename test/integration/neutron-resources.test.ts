// Subnets, ports, routers, security groups and quotas against the real Neutrons, through the
// built CLI. `-f json` is compared with what the real `openstack` client printed for the same
// kind of object (test/fixtures/osc/neutron): same keys in the same order, same value types.
// Every test makes its own network (unique names) and removes what it made in `finally`.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {ROOT, mrctl, tempConfigDir, uniqueName} from './harness.js'

const REGIONS = ['CentralRegion', 'RegionOne', 'RegionTwo']
const configDir = tempConfigDir()
const run = (args: string[]) => mrctl(args, {configDir})
const fixture = (f: string) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/osc/neutron', f), 'utf8'))

function shape(o: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(o).map(([k, v]) => [k, v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v])
}

/** Runs a command that must succeed and returns its parsed `-f json`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ok(args: string[]): Promise<any> {
  const r = await run([...args, '-f', 'json'])
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0)
  return r.json
}

/** Deletes, ignoring failures (cleanup after a failed assertion). */
async function quietly(args: string[]): Promise<void> {
  await run(args)
}

describe.each(REGIONS)('subnets and ports in %s', (region) => {
  const R = ['--os-region-name', region]

  it('subnet create/show/list/set/delete and port create/show/list/delete, by name', async () => {
    const net = uniqueName('it-snet')
    const sub = uniqueName('it-sub')
    const port = uniqueName('it-port')
    try {
      await ok(['network', 'create', net, ...R])
      const s = await ok([
        'subnet', 'create', sub, '--network', net, '--subnet-range', '10.66.0.0/24',
        '--allocation-pool', 'start=10.66.0.10,end=10.66.0.99', '--dns-nameserver', '10.66.0.3', '--dns-nameserver', '10.66.0.2',
        '--host-route', 'destination=10.67.0.0/16,gateway=10.66.0.5', ...R,
      ])
      expect(shape(s)).toEqual(shape(fixture('subnet-create.json')))
      expect(s).toMatchObject({
        name: sub,
        cidr: '10.66.0.0/24',
        gateway_ip: '10.66.0.1',
        allocation_pools: [{start: '10.66.0.10', end: '10.66.0.99'}],
        dns_nameservers: ['10.66.0.3', '10.66.0.2'],
        host_routes: [{destination: '10.67.0.0/16', nexthop: '10.66.0.5'}],
      })
      expect(shape(await ok(['subnet', 'show', sub, ...R]))).toEqual(shape(fixture('subnet-show.json')))

      const table = await run(['subnet', 'show', s.id, ...R])
      expect(table.stdout).toMatch(/^\| allocation_pools +\| 10\.66\.0\.10-10\.66\.0\.99 +\|$/m)
      expect(table.stdout).toMatch(/^\| dns_nameservers +\| 10\.66\.0\.2, 10\.66\.0\.3 +\|$/m)
      expect(table.stdout).toMatch(/^\| host_routes +\| destination='10\.67\.0\.0\/16', gateway='10\.66\.0\.5' +\|$/m)

      const list = await ok(['subnet', 'list', '--network', net, '--long', ...R])
      expect(list.map((x: object) => Object.keys(x))).toEqual([Object.keys(fixture('subnet-list-long.json')[0])])

      const set = await run(['subnet', 'set', sub, '--no-dhcp', '--dns-nameserver', '10.66.0.4', '--description', 'web', ...R])
      expect([set.code, set.stdout, set.stderr]).toEqual([0, '', ''])
      expect(await ok(['subnet', 'show', sub, '-c', 'enable_dhcp', '-c', 'dns_nameservers', '-c', 'description', ...R])).toEqual({
        description: 'web',
        dns_nameservers: ['10.66.0.4', '10.66.0.3', '10.66.0.2'],
        enable_dhcp: false,
      })

      const p = await ok(['port', 'create', port, '--network', net, '--fixed-ip', `subnet=${sub},ip-address=10.66.0.20`, '--device-owner', 'it:mrctl', ...R])
      expect(shape(p)).toEqual(shape(fixture('port-create.json')))
      expect(p).toMatchObject({name: port, device_owner: 'it:mrctl', fixed_ips: [{subnet_id: s.id, ip_address: '10.66.0.20'}]})
      expect(shape(await ok(['port', 'show', port, ...R]))).toEqual(shape(fixture('port-show.json')))
      const ports = await ok(['port', 'list', '--network', net, ...R])
      expect(ports).toEqual([
        {ID: p.id, Name: port, 'MAC Address': p.mac_address, 'Fixed IP Addresses': [{subnet_id: s.id, ip_address: '10.66.0.20'}], Status: 'DOWN'},
      ])
      const byIp = await ok(['port', 'list', '--fixed-ip', `subnet=${sub},ip-address=10.66.0.20`, ...R])
      expect(byIp.map((x: {ID: string}) => x.ID)).toEqual([p.id])

      const delPort = await run(['port', 'delete', port, ...R])
      expect([delPort.code, delPort.stderr]).toEqual([0, ''])
      const delSub = await run(['subnet', 'delete', sub, ...R])
      expect([delSub.code, delSub.stderr]).toEqual([0, ''])
      expect(await ok(['subnet', 'list', '--network', net, ...R])).toEqual([])
    } finally {
      await quietly(['port', 'delete', port, ...R])
      await quietly(['subnet', 'delete', sub, ...R])
      await quietly(['network', 'delete', net, ...R])
    }
  })
})

describe('subnet create: bad input leaves nothing behind', () => {
  it('an invalid CIDR is a usage error (exit 2) naming the flag, and no subnet is made', async () => {
    const net = uniqueName('it-cidr')
    try {
      await ok(['network', 'create', net])
      for (const range of ['10.66.0.0/33', 'banana', '10.66.0.0']) {
        const r = await run(['subnet', 'create', uniqueName('it-bad'), '--network', net, '--subnet-range', range])
        expect(r.code).toBe(2)
        expect(r.stdout).toBe('')
        expect(r.stderr.split('\n')[0]).toBe(`--subnet-range ${range}: not a CIDR (expected an address and a prefix length, e.g. 10.0.0.0/24 or 2001:db8::/64)`)
      }
      const v6 = await run(['subnet', 'create', uniqueName('it-bad'), '--network', net, '--subnet-range', '2001:db8::/64'])
      expect(v6.code).toBe(2)
      expect(v6.stderr).toContain('--subnet-range 2001:db8::/64 is an IPv6 range but --ip-version is 4 (the default)\n  add --ip-version 6')
      const pool = await run(['subnet', 'create', uniqueName('it-bad'), '--network', net, '--subnet-range', '10.66.0.0/24', '--allocation-pool', 'start=10.67.0.2,end=10.67.0.9'])
      expect(pool.code).toBe(2)
      expect(pool.stderr).toContain('the pool 10.67.0.2-10.67.0.9 is not inside the subnet range 10.66.0.0/24')
      expect(await ok(['subnet', 'list', '--network', net])).toEqual([])
    } finally {
      await quietly(['network', 'delete', net])
    }
  })

  it("an overlapping range: Neutron's 400 printed readably, exit 1, the first subnet alone remains", async () => {
    const net = uniqueName('it-overlap')
    try {
      await ok(['network', 'create', net])
      const first = await ok(['subnet', 'create', uniqueName('it-s1'), '--network', net, '--subnet-range', '10.66.0.0/24'])
      const r = await run(['subnet', 'create', uniqueName('it-s2'), '--network', net, '--subnet-range', '10.66.0.128/25'])
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(
        /^Neutron 400: Invalid input for operation: Requested subnet with cidr: 10\.66\.0\.128\/25 for network: [0-9a-f-]{36} overlaps with another subnet\. \(request req-[0-9a-f-]+\)\n$/,
      )
      expect((await ok(['subnet', 'list', '--network', net])).map((x: {ID: string}) => x.ID)).toEqual([first.id])
      await quietly(['subnet', 'delete', first.id])
    } finally {
      await quietly(['network', 'delete', net])
    }
  })

  it('an unknown network name: "No Network found for x", exit 1', async () => {
    const r = await run(['subnet', 'create', uniqueName('it-s'), '--network', 'it-no-such-net', '--subnet-range', '10.66.0.0/24'])
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'No Network found for it-no-such-net\n'])
  })

  it('deleting subnets that do not exist: one line each, then "2 of 2 subnets failed to delete.", exit 1', async () => {
    const r = await run(['subnet', 'delete', 'it-no-such-a', 'it-no-such-b'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(
      "Failed to delete subnet with name or ID 'it-no-such-a': No Subnet found for it-no-such-a\n" +
        "Failed to delete subnet with name or ID 'it-no-such-b': No Subnet found for it-no-such-b\n" +
        '2 of 2 subnets failed to delete.\n',
    )
  })
})

describe.each(REGIONS)('routers in %s', (region) => {
  const R = ['--os-region-name', region]

  it('create, add subnet (interfaces_info), set a route, list, remove subnet, delete', async () => {
    const net = uniqueName('it-rnet')
    const sub = uniqueName('it-rsub')
    const router = uniqueName('it-router')
    try {
      await ok(['network', 'create', net, ...R])
      const s = await ok(['subnet', 'create', sub, '--network', net, '--subnet-range', '10.66.0.0/24', ...R])
      const r = await ok(['router', 'create', router, ...R])
      expect(shape(r)).toEqual(shape(fixture('router-create.json')))

      const add = await run(['router', 'add', 'subnet', router, sub, ...R])
      expect([add.code, add.stdout, add.stderr]).toEqual([0, '', ''])
      const set = await run(['router', 'set', router, '--route', 'destination=10.68.0.0/24,gateway=10.66.0.7', ...R])
      expect([set.code, set.stderr]).toEqual([0, ''])

      const shown = await ok(['router', 'show', router, ...R])
      expect(shape(shown)).toEqual(shape(fixture('router-show.json')))
      expect(shown.interfaces_info).toEqual([{port_id: expect.any(String), ip_address: '10.66.0.1', subnet_id: s.id}])
      expect(shown.routes).toEqual([{destination: '10.68.0.0/24', nexthop: '10.66.0.7'}])
      const table = await run(['router', 'show', router, ...R])
      expect(table.stdout).toMatch(/^\| routes +\| destination='10\.68\.0\.0\/24', gateway='10\.66\.0\.7' +\|$/m)
      expect(table.stdout).toMatch(/^\| interfaces_info +\| \[\{"port_id": "[0-9a-f-]{36}", "ip_address": "10\.66\.0\.1", "subnet_id": "[0-9a-f-]{36}"\}\] +\|$/m)

      const list = await ok(['router', 'list', '--name', router, '--long', ...R])
      expect(list.map((x: object) => Object.keys(x))).toEqual([Object.keys(fixture('router-list-long.json')[0])])

      // Neutron refuses to remove an interface a route goes through; clear the routes first.
      const busy = await run(['router', 'remove', 'subnet', router, sub, ...R])
      expect(busy.code).toBe(1)
      expect(busy.stderr).toMatch(/^Neutron 409: Router interface for subnet [0-9a-f-]{36} on router [0-9a-f-]{36} cannot be deleted, as it is required by one or more routes\./)
      expect((await run(['router', 'set', router, '--no-route', ...R])).code).toBe(0)
      const remove = await run(['router', 'remove', 'subnet', router, sub, ...R])
      expect([remove.code, remove.stdout, remove.stderr]).toEqual([0, '', ''])
      expect((await ok(['router', 'show', router, ...R])).interfaces_info).toEqual([])

      const del = await run(['router', 'delete', router, ...R])
      expect([del.code, del.stderr]).toEqual([0, ''])
      expect(await ok(['router', 'list', '--name', router, ...R])).toEqual([])
    } finally {
      await quietly(['router', 'set', router, '--no-route', ...R])
      await quietly(['router', 'remove', 'subnet', router, sub, ...R])
      await quietly(['router', 'delete', router, ...R])
      await quietly(['subnet', 'delete', sub, ...R])
      await quietly(['network', 'delete', net, ...R])
    }
  })
})

describe('router gateway', () => {
  it('router set --external-gateway on a flat external network; SNAT without a gateway is refused before create', async () => {
    const ext = uniqueName('it-ext')
    const extSub = uniqueName('it-extsub')
    const router = uniqueName('it-gw')
    const refused = uniqueName('it-snat')
    try {
      const r = await run(['router', 'create', refused, '--disable-snat'])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain("You must specify '--external-gateway' in order to specify SNAT or fixed-ip values")
      expect(await ok(['router', 'list', '--name', refused])).toEqual([])

      // A physnet name of its own: Neutron allows one flat network per physical network.
      await ok(['network', 'create', ext, '--external', '--provider-network-type', 'flat', '--provider-physical-network', ext.replace('it-', 'ph')])
      await ok(['subnet', 'create', extSub, '--network', ext, '--subnet-range', '172.31.250.0/24', '--no-dhcp'])
      await ok(['router', 'create', router])
      const set = await run(['router', 'set', router, '--external-gateway', ext, '--disable-snat', '--fixed-ip', `subnet=${extSub},ip-address=172.31.250.9`])
      expect([set.code, set.stderr]).toEqual([0, ''])
      const gw = (await ok(['router', 'show', router])).external_gateway_info
      expect(gw).toMatchObject({enable_snat: false, external_fixed_ips: [{ip_address: '172.31.250.9'}]})
      const table = await run(['router', 'show', router, '-c', 'external_gateway_info', '-f', 'value'])
      expect(JSON.parse(table.stdout.replace(/'/g, '"').replace(/False/g, 'false').replace(/True/g, 'true'))).toMatchObject({enable_snat: false})
    } finally {
      await quietly(['router', 'delete', router])
      await quietly(['router', 'delete', refused])
      await quietly(['subnet', 'delete', extSub])
      await quietly(['network', 'delete', ext])
    }
  })
})

describe.each(REGIONS)('security groups in %s', (region) => {
  const R = ['--os-region-name', region]

  it('group create/show/list/delete, rule create/list/show/delete', async () => {
    const sg = uniqueName('it-sg')
    try {
      const g = await ok(['security', 'group', 'create', sg, '--tag', 'web', ...R])
      expect(shape(g)).toEqual(shape(fixture('security-group-create.json')))
      expect(g).toMatchObject({name: sg, description: sg, tags: ['web']})
      expect(shape(await ok(['security', 'group', 'show', sg, ...R]))).toEqual(shape(fixture('security-group-show.json')))
      expect(await ok(['security', 'group', 'list', '--tags', 'web', ...R])).toContainEqual({ID: g.id, Name: sg, Description: sg, Project: g.project_id, Tags: ['web']})

      const rule = await ok(['security', 'group', 'rule', 'create', '--protocol', 'tcp', '--dst-port', '22', sg, ...R])
      expect(shape(rule)).toEqual(shape(fixture('security-group-rule-create.json')))
      expect(rule).toMatchObject({protocol: 'tcp', port_range_min: 22, port_range_max: 22, direction: 'ingress', ether_type: 'IPv4', remote_ip_prefix: '0.0.0.0/0'})
      await ok(['security', 'group', 'rule', 'create', '--protocol', 'icmp', '--icmp-type', '8', '--remote-ip', '10.0.0.0/8', sg, ...R])
      expect(shape(await ok(['security', 'group', 'rule', 'show', rule.id, ...R]))).toEqual(shape(fixture('security-group-rule-show.json')))

      const rules = await ok(['security', 'group', 'rule', 'list', sg, '--ingress', ...R])
      expect(rules.map((x: Record<string, unknown>) => [x['IP Protocol'], x['IP Range'], x['Port Range']]).sort()).toEqual([
        ['icmp', '10.0.0.0/8', 'type=8'],
        ['tcp', '0.0.0.0/0', '22:22'],
      ])
      expect(Object.keys(rules[0])).toEqual(Object.keys(fixture('security-group-rule-list.json')[0]))

      const bad = await run(['security', 'group', 'rule', 'create', '--protocol', 'tcp', '--icmp-type', '3', sg, ...R])
      expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, 'ICMP IP protocol required with arguments --icmp-type and --icmp-code'])

      const delRule = await run(['security', 'group', 'rule', 'delete', rule.id, 'it-no-such-rule', ...R])
      expect(delRule.code).toBe(3)
      expect(delRule.stderr).toBe(
        "Failed to delete rule with name or ID 'it-no-such-rule': No SecurityGroupRule found for it-no-such-rule\n1 of 2 rules failed to delete.\n",
      )
      expect((await ok(['security', 'group', 'rule', 'list', sg, '--ingress', ...R])).map((x: {'IP Protocol': string}) => x['IP Protocol'])).toEqual(['icmp'])

      const del = await run(['security', 'group', 'delete', sg, ...R])
      expect([del.code, del.stderr]).toEqual([0, ''])
      const gone = await run(['security', 'group', 'show', sg, ...R])
      expect([gone.code, gone.stderr]).toEqual([1, `No SecurityGroup found for ${sg}\n`])
    } finally {
      await quietly(['security', 'group', 'delete', sg, ...R])
    }
  })
})

describe('quota show', () => {
  it("the token's project, with openstack's names and keys (less the SDK's location)", async () => {
    const q = await ok(['quota', 'show'])
    const {location: _location, ...expected} = fixture('quota-show.json')
    expect(shape(q)).toEqual(shape(expected))
    expect(q.project_name).toBe('admin')
  })

  it('another project by name, and --default (no project fields, as openstack prints)', async () => {
    const demo = await ok(['quota', 'show', 'demo', '--os-region-name', 'RegionTwo'])
    expect(demo.project_name).toBe('demo')
    const defaults = await ok(['quota', 'show', 'demo', '--default'])
    const {location: _location, ...expected} = fixture('quota-show-default.json')
    expect(shape(defaults)).toEqual(shape(expected))
    const missing = await run(['quota', 'show', 'it-no-such-project'])
    expect([missing.code, missing.stderr]).toEqual([1, "No project with a name or ID of 'it-no-such-project' exists.\n"])
  })
})
