// Centralized multi-site services (issue 15) against the real Keystone and the three real
// Neutrons: quota totals, the global IP view with a deliberate conflict, security group sync
// (a remote-group rule, re-run, a changed source, --prune), global limits, and bad input that
// changes nothing; and, with the Zun emulators on both container endpoints, the logs of the
// same-named container merged over regions. Everything runs in a project made for this file (the
// admin user, given the admin role there), so the counts are exact and no other test's resources
// are seen or touched; the project and all it holds are removed at the end, with its Neutron
// quotas reset.
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect} from 'vitest'
import YAML from 'yaml'

import {ADMIN_CLOUD, CLOUDS, endpoint, itOnReal, mrctl, ROOT, type RunResult, startEmulators, TARGET, tempConfigDir, uniqueName} from './harness.js'

const REGIONS = ['CentralRegion', 'RegionOne', 'RegionTwo'] as const
const admin = (YAML.parse(readFileSync(CLOUDS, 'utf8')) as {clouds: Record<string, {auth: Record<string, string>}>}).clouds[ADMIN_CLOUD].auth
const KEYSTONE = admin.auth_url
const NEUTRON: Record<string, string> = Object.fromEntries(REGIONS.map((r) => [r, `${endpoint('network', r)}/v2.0`]))

const projectName = uniqueName('it-multisite')
const configDir = tempConfigDir()
let cloudsFile = ''
let projectId = ''
let token = ''
let emulators: Awaited<ReturnType<typeof startEmulators>> | undefined

/** mrctl as the admin user scoped to this file's project (cloud `it-ms`, all three regions). */
const run = (args: string[]): Promise<RunResult> => mrctl(args, {configDir, env: {OS_CLIENT_CONFIG_FILE: cloudsFile, OS_CLOUD: 'it-ms'}})

async function ok(args: string[]): Promise<any> {
  const r = await run([...args, '-f', 'json'])
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0)
  return r.json
}

async function api(method: string, url: string, body?: unknown): Promise<{status: number; json: any}> {
  const res = await fetch(url, {method, headers: {'X-Auth-Token': token, ...(body === undefined ? {} : {'Content-Type': 'application/json'})}, body: body === undefined ? undefined : JSON.stringify(body)})
  const text = await res.text()
  return {status: res.status, json: text ? JSON.parse(text) : undefined}
}

async function adminToken(): Promise<string> {
  const res = await fetch(`${KEYSTONE}/auth/tokens`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({auth: {identity: {methods: ['password'], password: {user: {name: admin.username, domain: {name: 'Default'}, password: admin.password}}}, scope: {project: {name: admin.project_name, domain: {name: 'Default'}}}}}),
  })
  expect(res.status).toBe(201)
  return res.headers.get('x-subject-token')!
}

/** Polls until `check` holds (a deadline, never a bare sleep). */
async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

/** Each region's groups of the project, by name, with their rules as comparable text. */
async function groupsIn(region: string): Promise<Record<string, {id: string; rules: string[]}>> {
  const {json} = await api('GET', `${NEUTRON[region]}/security-groups?project_id=${projectId}`)
  const names = new Map<string, string>(json.security_groups.map((g: {id: string; name: string}) => [g.id, g.name]))
  return Object.fromEntries(
    json.security_groups.map((g: {id: string; name: string; security_group_rules: Array<Record<string, any>>}) => [
      g.name,
      {
        id: g.id,
        rules: g.security_group_rules
          .map((r) => `${r.direction} ${r.ethertype} ${r.protocol ?? 'any'} ${r.port_range_min ?? ''}-${r.port_range_max ?? ''} ${r.remote_group_id ? `group:${names.get(r.remote_group_id)}` : (r.remote_ip_prefix ?? 'any')}`)
          .sort(),
      },
    ]),
  )
}

// Each test works in a project made for it, through Keystone's project and role administration.
const it = itOnReal('the sim Keystone has no project or role administration (POST /v3/projects), which gives this file its own project')

beforeAll(async () => {
  if (TARGET === 'sim') return
  token = await adminToken()
  const p = await api('POST', `${KEYSTONE}/projects`, {project: {name: projectName, domain_id: 'default', description: 'mrctl multisite integration test'}})
  expect(p.status).toBe(201)
  projectId = p.json.project.id
  const user = (await api('GET', `${KEYSTONE}/users?name=${admin.username}`)).json.users[0].id
  const role = (await api('GET', `${KEYSTONE}/roles?name=admin`)).json.roles[0].id
  expect((await api('PUT', `${KEYSTONE}/projects/${projectId}/users/${user}/roles/${role}`)).status).toBe(204)
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-it-ms-'))
  cloudsFile = join(dir, 'clouds.yaml')
  const cloud = {auth: {...admin, project_name: projectName}, region_name: 'CentralRegion', interface: 'public', identity_api_version: 3, regions: [...REGIONS]}
  writeFileSync(cloudsFile, YAML.stringify({clouds: {'it-ms': cloud}}), {mode: 0o600})
  // Zun (RegionOne, RegionTwo) and Tricircle (CentralRegion), so that every service answers.
  emulators = await startEmulators()
})

afterAll(async () => {
  if (!projectId) return
  token = await adminToken()
  for (const region of ['RegionOne', 'RegionTwo']) {
    const list = await run(['appcontainer', 'list', '--os-region-name', region, '-f', 'json'])
    for (const c of (list.json ?? []) as Array<{uuid: string}>) await run(['appcontainer', 'delete', '--force', c.uuid, '--os-region-name', region])
    await until(async () => ((await run(['appcontainer', 'list', '--os-region-name', region, '-f', 'json'])).json ?? []).length === 0, 30_000, `containers gone in ${region}`)
  }
  await emulators?.stop()
  for (const region of REGIONS) {
    const base = NEUTRON[region]
    for (const port of (await api('GET', `${base}/ports?project_id=${projectId}`)).json.ports) await api('DELETE', `${base}/ports/${port.id}`)
    for (const net of (await api('GET', `${base}/networks?project_id=${projectId}`)).json.networks) await api('DELETE', `${base}/networks/${net.id}`)
    // Rules that name other groups first go with their group; the default group goes last.
    const groups = (await api('GET', `${base}/security-groups?project_id=${projectId}`)).json.security_groups as Array<{id: string; name: string}>
    for (const g of groups.filter((x) => x.name !== 'default')) await api('DELETE', `${base}/security-groups/${g.id}`)
    for (const g of groups.filter((x) => x.name === 'default')) await api('DELETE', `${base}/security-groups/${g.id}`)
    await api('DELETE', `${base}/quotas/${projectId}`)
  }
  await api('DELETE', `${KEYSTONE}/projects/${projectId}`)
})

describe('ports in every region: quota totals and the global IP view', () => {
  const net = uniqueName('ms-net')
  // RegionOne and RegionTwo: the same range and the same address, on separate networks (the conflict).
  const plan: Record<string, {cidr: string; ips: string[]}> = {
    CentralRegion: {cidr: '10.78.0.0/24', ips: ['10.78.0.10']},
    RegionOne: {cidr: '10.77.0.0/24', ips: ['10.77.0.10', '10.77.0.11']},
    RegionTwo: {cidr: '10.77.0.0/24', ips: ['10.77.0.10']},
  }
  const portIds: Record<string, string[]> = {}

  beforeAll(async () => {
    await Promise.all(
      REGIONS.map(async (region) => {
        const R = ['--os-region-name', region]
        await ok(['network', 'create', net, ...R])
        await ok(['subnet', 'create', `${net}-sub`, '--network', net, '--subnet-range', plan[region].cidr, '--no-dhcp', ...R])
        portIds[region] = []
        for (const [i, ip] of plan[region].ips.entries()) {
          const p = await ok(['port', 'create', `${net}-p${i}`, '--network', net, '--fixed-ip', `ip-address=${ip}`, '--device-owner', 'it:multisite', ...R])
          portIds[region].push(p.id)
        }
      }),
    )
  })

  it('quota show --all-regions: per region and a Total row that sums them', async () => {
    const rows = (await ok(['quota', 'show', '--all-regions'])) as Array<{Region: string; Service: string; Resource: string; Limit: number; 'In Use': number}>
    const of = (resource: string) => Object.fromEntries(rows.filter((r) => r.Resource === resource).map((r) => [r.Region, [r.Limit, r['In Use']]]))
    expect(of('networks')).toEqual({CentralRegion: [100, 1], RegionOne: [100, 1], RegionTwo: [100, 1], Total: [300, 3]})
    expect(of('subnets')).toEqual({CentralRegion: [100, 1], RegionOne: [100, 1], RegionTwo: [100, 1], Total: [300, 3]})
    expect(of('ports')).toEqual({CentralRegion: [500, 1], RegionOne: [500, 2], RegionTwo: [500, 1], Total: [1500, 4]})
    // Octavia's quota lives in RegionOne only, Zun's in RegionOne and RegionTwo; each is read where it is.
    expect(Object.keys(of('load-balancers'))).toEqual(['RegionOne', 'Total'])
    expect(Object.keys(of('containers'))).toEqual(['RegionOne', 'RegionTwo', 'Total'])
    expect(of('containers').Total[1]).toBe(0)
    const table = await run(['quota', 'show', '--all-regions', '-c', 'Region', '-c', 'Resource', '-c', 'In Use'])
    expect(table.stdout).toMatch(/^\| Total +\| ports +\| +4 \|$/m)
  })

  it('ip list --all-regions: every address with its region, network, subnet and port; --network narrows it', async () => {
    const rows = (await ok(['ip', 'list', '--all-regions'])) as Array<Record<string, string>>
    expect(rows.map((r) => [r.Region, r['IP Address'], r.Type, r.Network, r.Subnet, r.CIDR, r['Device Owner']])).toEqual([
      ['CentralRegion', '10.78.0.10', 'fixed', net, `${net}-sub`, '10.78.0.0/24', 'it:multisite'],
      ['RegionOne', '10.77.0.10', 'fixed', net, `${net}-sub`, '10.77.0.0/24', 'it:multisite'],
      ['RegionOne', '10.77.0.11', 'fixed', net, `${net}-sub`, '10.77.0.0/24', 'it:multisite'],
      ['RegionTwo', '10.77.0.10', 'fixed', net, `${net}-sub`, '10.77.0.0/24', 'it:multisite'],
    ])
    expect(rows.map((r) => r.Port)).toEqual([`${net}-p0`, `${net}-p0`, `${net}-p1`, `${net}-p0`])
    const one = (await ok(['ip', 'list', '--region', 'RegionOne', '--region', 'RegionTwo', '--network', net])) as Array<Record<string, string>>
    expect(one.map((r) => `${r.Region} ${r['IP Address']}`)).toEqual(['RegionOne 10.77.0.10', 'RegionOne 10.77.0.11', 'RegionTwo 10.77.0.10'])
    const none = await run(['ip', 'list', '--all-regions', '--network', `${net}-nosuch`])
    expect(none.code).toBe(1)
    expect(none.stderr).toContain(`No Network found for ${net}-nosuch`)
  })

  it('ip list --conflicts: only the address used in two regions, exit 1', async () => {
    const r = await run(['ip', 'list', '--all-regions', '--conflicts', '-f', 'json'])
    expect(r.code).toBe(1)
    expect(r.json.map((x: Record<string, string>) => `${x.Region} ${x['IP Address']} ${x.CIDR}`)).toEqual(['RegionOne 10.77.0.10 10.77.0.0/24', 'RegionTwo 10.77.0.10 10.77.0.0/24'])
    expect(r.stderr).toContain('Warning: 10.77.0.10 is used in RegionOne, RegionTwo')
    const central = await run(['ip', 'list', '--region', 'CentralRegion', '--region', 'RegionOne', '--conflicts'])
    expect([central.code, central.stderr]).toEqual([0, ''])
  })

  it('quota global: set, check (ok, then over: exit 1), sync with the formula and with over-use', async () => {
    const set = await run(['quota', 'global', 'set', '--resource', 'networks=5', '--resource', 'ports=-1', '-f', 'json'])
    expect(set.code, set.stderr).toBe(0)
    expect(set.json).toEqual([
      {Resource: 'networks', Service: 'network', 'Global Limit': 5},
      {Resource: 'ports', Service: 'network', 'Global Limit': -1},
    ])
    const check = await ok(['quota', 'global', 'check'])
    expect(check).toEqual([
      {Resource: 'networks', 'Global Limit': 5, 'In Use': 3, 'By Region': {CentralRegion: 1, RegionOne: 1, RegionTwo: 1}, Status: 'ok'},
      {Resource: 'ports', 'Global Limit': -1, 'In Use': 4, 'By Region': {CentralRegion: 1, RegionOne: 2, RegionTwo: 1}, Status: 'unlimited'},
    ])
    const dry = await ok(['quota', 'global', 'sync', '--dry-run'])
    expect(dry.filter((s: any) => s.Resource === 'networks').map((s: any) => [s.Region, s['New Limit'], s.Result])).toEqual([
      ['CentralRegion', 3, 'would set'],
      ['RegionOne', 3, 'would set'],
      ['RegionTwo', 3, 'would set'],
    ])
    // --dry-run set nothing.
    expect((await api('GET', `${NEUTRON.RegionOne}/quotas/${projectId}`)).json.quota.network).toBe(100)

    const synced = await ok(['quota', 'global', 'sync'])
    expect(synced.map((s: any) => [s.Region, s.Resource, s['New Limit'], s.Reason, s.Result])).toEqual([
      ['CentralRegion', 'networks', 3, 'share', 'set'],
      ['RegionOne', 'networks', 3, 'share', 'set'],
      ['RegionTwo', 'networks', 3, 'share', 'set'],
      ['CentralRegion', 'ports', -1, 'unlimited', 'set'],
      ['RegionOne', 'ports', -1, 'unlimited', 'set'],
      ['RegionTwo', 'ports', -1, 'unlimited', 'set'],
    ])
    for (const region of REGIONS) expect((await api('GET', `${NEUTRON[region]}/quotas/${projectId}`)).json.quota).toMatchObject({network: 3, port: -1})

    await ok(['quota', 'global', 'set', '--resource', 'networks=2', '--unset', 'ports'])
    const over = await run(['quota', 'global', 'check', '-f', 'json'])
    expect(over.code).toBe(1)
    expect(over.json).toEqual([{Resource: 'networks', 'Global Limit': 2, 'In Use': 3, 'By Region': {CentralRegion: 1, RegionOne: 1, RegionTwo: 1}, Status: 'over by 1'}])
    expect(over.stderr).toContain('networks: 3 in use over all regions, 1 over the global limit of 2')
    const clamped = await ok(['quota', 'global', 'sync'])
    expect(clamped.map((s: any) => [s.Region, s['New Limit'], s.Reason])).toEqual([
      ['CentralRegion', 1, 'over'],
      ['RegionOne', 1, 'over'],
      ['RegionTwo', 1, 'over'],
    ])
    // Run again: nothing left to change.
    expect((await ok(['quota', 'global', 'sync'])).map((s: any) => s.Result)).toEqual(['unchanged', 'unchanged', 'unchanged'])
    // The project's limits back to the defaults, for the tests that follow.
    for (const region of REGIONS) expect((await api('DELETE', `${NEUTRON[region]}/quotas/${projectId}`)).status).toBe(204)
  })

  it('overview --json: the counts per region and in total', async () => {
    const r = await run(['overview', '--json', '--region', 'CentralRegion', '--region', 'RegionOne', '--region', 'RegionTwo'])
    expect(r.code, r.stderr).toBe(0)
    const o = r.json.result
    expect(o.project).toEqual({id: projectId, name: projectName})
    expect(o.regions.map((x: any) => [x.region, x.networks, x.subnets, x.ports])).toEqual([
      ['CentralRegion', 1, 1, 1],
      ['RegionOne', 1, 1, 2],
      ['RegionTwo', 1, 1, 1],
    ])
    expect([o.totals.networks, o.totals.ports]).toEqual([3, 4])
    expect(Object.keys(o.regions[1].latencyMs).sort()).toEqual(['container', 'image', 'load-balancer', 'network'])
    expect(Object.keys(o.regions[0].latencyMs).sort()).toEqual(['network', 'tricircle'])
    expect(o.totals.containers).toMatchObject({total: 0})
    expect(o.nearest).toContainEqual({region: 'RegionOne', resource: 'ports', limit: 500, inUse: 2, percent: 0.4})
    const percents = o.nearest.map((h: {percent: number}) => h.percent)
    expect(percents).toEqual([...percents].sort((a, b) => b - a))
  })
})

describe('security group sync from CentralRegion to RegionOne and RegionTwo', () => {
  const web = uniqueName('ms-web')
  const db = uniqueName('ms-db')
  const C = ['--os-region-name', 'CentralRegion']
  const TO = ['--from', 'CentralRegion', '--to', 'RegionOne', '--to', 'RegionTwo']

  beforeAll(async () => {
    await ok(['security', 'group', 'create', web, ...C])
    await ok(['security', 'group', 'create', db, ...C])
    await ok(['security', 'group', 'rule', 'create', web, '--protocol', 'tcp', '--dst-port', '22', ...C])
    await ok(['security', 'group', 'rule', 'create', web, '--protocol', 'tcp', '--dst-port', '80:81', '--remote-ip', '10.1.2.0/24', ...C])
    await ok(['security', 'group', 'rule', 'create', web, '--protocol', 'tcp', '--dst-port', '8080', '--remote-group', web, ...C])
    await ok(['security', 'group', 'rule', 'create', web, '--protocol', 'tcp', '--dst-port', '5432', '--remote-group', db, ...C])
    await ok(['security', 'group', 'rule', 'create', db, '--protocol', 'icmp', ...C])
  })

  it('creates the group and the group its rule names, copies every rule; remote groups map to the target’s own', async () => {
    const r = await ok(['security', 'group', 'sync', web, ...TO])
    expect(r.map((x: any) => [x.Region, x.Created, x['Rules Added'], x['Rules Removed'], x.Result])).toEqual([
      ['RegionOne', [web, db], 5, 0, 'synced'],
      ['RegionTwo', [web, db], 5, 0, 'synced'],
    ])
    const source = await groupsIn('CentralRegion')
    for (const region of ['RegionOne', 'RegionTwo']) {
      const target = await groupsIn(region)
      expect(target[web].rules).toEqual(source[web].rules)
      expect(target[db].rules).toEqual(source[db].rules)
      // The remote-group rule points at the db group of that region, not the source's ID.
      const {json} = await api('GET', `${NEUTRON[region]}/security-group-rules?security_group_id=${target[web].id}&port_range_min=5432`)
      expect(json.security_group_rules.map((x: any) => x.remote_group_id)).toEqual([target[db].id])
    }
  })

  it('re-run: nothing changes', async () => {
    const before = await groupsIn('RegionOne')
    const r = await ok(['security', 'group', 'sync', web, ...TO])
    expect(r.map((x: any) => [x.Created, x['Rules Added'], x['Rules Removed'], x.Result])).toEqual([
      [[], 0, 0, 'in sync'],
      [[], 0, 0, 'in sync'],
    ])
    expect(await groupsIn('RegionOne')).toEqual(before)
  })

  it('a changed source: the new rule is added; the removed one stays until --prune', async () => {
    const rules = (await ok(['security', 'group', 'rule', 'list', web, ...C])) as Array<{ID: string; 'Port Range': string}>
    await run(['security', 'group', 'rule', 'delete', rules.find((x) => x['Port Range'] === '22:22')!.ID, ...C])
    await ok(['security', 'group', 'rule', 'create', web, '--egress', '--protocol', 'udp', '--dst-port', '53', ...C])

    const add = await ok(['security', 'group', 'sync', web, ...TO])
    expect(add.map((x: any) => [x['Rules Added'], x['Rules Removed'], x.Changes])).toEqual([
      [1, 0, [`${web}: + egress IPv4 udp:53 to anywhere`]],
      [1, 0, [`${web}: + egress IPv4 udp:53 to anywhere`]],
    ])
    const dry = await ok(['security', 'group', 'sync', web, ...TO, '--prune', '--dry-run'])
    expect(dry.map((x: any) => [x['Rules Removed'], x.Result, x.Changes])).toEqual([
      [1, 'would change', [`${web}: - ingress IPv4 tcp:22 from anywhere`]],
      [1, 'would change', [`${web}: - ingress IPv4 tcp:22 from anywhere`]],
    ])
    const pruned = await ok(['security', 'group', 'sync', web, ...TO, '--prune'])
    expect(pruned.map((x: any) => [x['Rules Added'], x['Rules Removed'], x.Result])).toEqual([
      [0, 1, 'synced'],
      [0, 1, 'synced'],
    ])
    const source = await groupsIn('CentralRegion')
    for (const region of ['RegionOne', 'RegionTwo']) expect((await groupsIn(region))[web].rules).toEqual(source[web].rules)
  })
})

describe('bad input: a clear error, and nothing changed', () => {
  it('an unknown group: exit 1 naming it, no group made in the targets', async () => {
    const before = Object.keys(await groupsIn('RegionOne')).sort()
    const r = await run(['security', 'group', 'sync', 'ms-no-such-group', '--from', 'CentralRegion', '--to', 'RegionOne'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('No SecurityGroup found for ms-no-such-group in CentralRegion')
    expect(Object.keys(await groupsIn('RegionOne')).sort()).toEqual(before)
  })

  it('an unknown region: exit 2 naming it and the regions there are, nothing read or written', async () => {
    const r = await run(['security', 'group', 'sync', 'default', '--from', 'CentralRegion', '--to', 'RegionOne', '--to', 'RegionNine'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--to RegionNine: not a region of cloud it-ms')
    expect(r.stderr).toContain('regions: CentralRegion, RegionOne, RegionTwo')
    const ip = await run(['ip', 'list', '--region', 'regionone'])
    expect(ip.code).toBe(2)
  })

  it('a resource Neutron does not have: exit 2, the known names listed, no limit stored', async () => {
    const dir = tempConfigDir()
    const r = await mrctl(['quota', 'global', 'set', '--resource', 'networks=5', '--resource', 'volumes=10'], {configDir: dir, env: {OS_CLIENT_CONFIG_FILE: cloudsFile, OS_CLOUD: 'it-ms'}})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("unknown quota resource 'volumes'")
    expect(r.stderr).toContain('known resources: networks, subnets, ports, routers, floating-ips, secgroups, secgroup-rules')
    expect(existsSync(join(dir, 'global-limits.yaml'))).toBe(false)
    const check = await mrctl(['quota', 'global', 'check'], {configDir: dir, env: {OS_CLIENT_CONFIG_FILE: cloudsFile, OS_CLOUD: 'it-ms'}})
    expect(check.code).toBe(1)
    expect(check.stderr).toContain(`no global limits are set for project ${projectName} in it-ms`)
  })
})

describe('appcontainer logs over regions (Zun emulators)', () => {
  const net = uniqueName('ms-cnet')
  const both = uniqueName('ms-logs')
  const solo = uniqueName('ms-solo')
  const runIn = (region: string, name: string, script: string) =>
    ok(['appcontainer', 'run', '--os-region-name', region, '--name', name, '--net', `network=${net}`, '--wait', 'cirros', 'sh', '-c', script])
  const logs = (args: string[]) => run(['appcontainer', 'logs', ...args])

  beforeAll(async () => {
    await ok(['network', 'create', net, '--os-region-name', 'CentralRegion'])
    await ok(['subnet', 'create', `${net}-sub`, '--network', net, '--subnet-range', '10.79.0.0/24', '--os-region-name', 'CentralRegion'])
    await Promise.all([
      runIn('RegionOne', both, 'echo one-a; sleep 2; echo one-b; sleep 600'),
      runIn('RegionTwo', both, 'echo two-a; sleep 1; echo two-b; sleep 600'),
      runIn('RegionOne', solo, 'echo solo; sleep 600'),
    ])
  })

  it('--all-regions: every line of both regions, merged by time, each with its region', async () => {
    await until(async () => (await logs([both, '--all-regions'])).stdout.split('\n').length === 5, 20_000, 'four log lines')
    const r = await logs([both, '--all-regions', '--timestamps'])
    expect([r.code, r.stderr]).toEqual([0, ''])
    const lines = r.stdout.trimEnd().split('\n').map((l) => /^(RegionOne|RegionTwo) \| (\S+) (.*)$/.exec(l)!)
    expect(lines.map((m) => `${m[1]} ${m[3]}`).sort()).toEqual(['RegionOne one-a', 'RegionOne one-b', 'RegionTwo two-a', 'RegionTwo two-b'])
    const times = lines.map((m) => Date.parse(m[2]))
    expect(times).toEqual([...times].sort((a, b) => a - b))
    const json = await run(['appcontainer', 'logs', both, '--region', 'RegionTwo', '--region', 'RegionOne', '--json'])
    expect(json.json.result.lines.map((l: any) => `${l.region} ${l.text}`).sort()).toEqual(['RegionOne one-a', 'RegionOne one-b', 'RegionTwo two-a', 'RegionTwo two-b'])
  })

  it('a region without the container is named, not an error; in no region it is one', async () => {
    const r = await logs([solo, '--all-regions'])
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'RegionOne | solo\n', `Warning: no container ${solo} in RegionTwo\n`])
    const none = await logs([`${solo}-nosuch`, '--all-regions'])
    expect(none.code).toBe(1)
    expect(none.stderr).toContain(`Container ${solo}-nosuch could not be found in RegionOne, RegionTwo`)
  })

  it('--follow prints the later lines once each, until Ctrl-C (exit 130)', async () => {
    const late = uniqueName('ms-follow')
    await runIn('RegionTwo', late, 'echo first; sleep 4; echo later; sleep 600')
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), 'appcontainer', 'logs', late, '--all-regions', '--follow'], {
      env: {...process.env, OS_CLIENT_CONFIG_FILE: cloudsFile, OS_CLOUD: 'it-ms', MRCTL_CONFIG_DIR: configDir, NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    try {
      await until(async () => out.includes('later'), 30_000, `the later line (out: ${out}, err: ${err})`)
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(130)
    expect(out).toBe('RegionTwo | first\nRegionTwo | later\n')
    expect(err).toContain(`Warning: no container ${late} in RegionOne`)
  })
})
