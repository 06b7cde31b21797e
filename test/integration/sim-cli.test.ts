// `mrctl sim …` as a user types it: a detached simulated cloud in a config folder of its own, used
// through `eval "$(mrctl sim env)"` by the real openstack client and through the `sim` profile by
// mrctl; its clock, faults, regions down, snapshots, reset, dump, --state, and bad input. These
// start their own simulator (free ports), so they run the same on both targets; the `--cloud`
// mode needs the real services.
import {execFile} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ADMIN_CLOUD, CLOUDS, endpoint, itOnReal, mrctl, type RunResult, tempConfigDir, token, uniqueName} from './harness.js'

const exec = promisify(execFile)
const dir = tempConfigDir()
/** mrctl with the sim's own config folder and no cloud of the target. */
const sim = (args: string[]) => mrctl(args, {configDir: dir, env: {OS_CLOUD: undefined, OS_CLIENT_CONFIG_FILE: undefined}})
let simEnv: Record<string, string> = {}
const R1 = ['--os-region-name', 'RegionOne']

/** mrctl against the simulator, as after `eval "$(mrctl sim env)"`. */
const onSim = (args: string[]) => mrctl(args, {configDir: dir, env: simEnv})

async function openstack(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const r = await exec('openstack', args, {env: {...process.env, ...simEnv}, timeout: 120_000})
    return {code: 0, stdout: r.stdout, stderr: r.stderr}
  } catch (error) {
    const e = error as {code?: number; stdout?: string; stderr?: string}
    return {code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? ''}
  }
}

function ok(r: RunResult): RunResult {
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return r
}

beforeAll(async () => {
  const up = await sim(['sim', 'up', '--regions', 'CentralRegion,RegionOne,RegionTwo', '--time', 'manual', '--detach'])
  expect(up.stderr).toBe('')
  expect(up.code).toBe(0)
  expect(up.stdout).toMatch(/^simulated cloud: 3 regions \(CentralRegion, RegionOne, RegionTwo\), time manual$/m)
  expect(up.stdout).toMatch(/^ {2}load-balancer +RegionOne +http:\/\/127\.0\.0\.1:\d+$/m)
  expect(up.stdout).toContain('eval "$(mrctl sim env)"')
  const env = ok(await sim(['sim', 'env'])).stdout
  const m = /^export OS_CLOUD='(sim)' OS_CLIENT_CONFIG_FILE='([^']+)'$/.exec(env.trim())
  expect(m).not.toBeNull()
  simEnv = {OS_CLOUD: m![1], OS_CLIENT_CONFIG_FILE: m![2]}
})

afterAll(async () => {
  await sim(['sim', 'down'])
})

describe('mrctl sim up --detach, status, env', () => {
  it('status names the pid, the regions, the clock; the sim profile and the clouds.yaml both work', async () => {
    const st = ok(await sim(['sim', 'status']))
    expect(st.stdout).toMatch(/^running: pid \d+, since /m)
    expect(st.stdout).toMatch(/^time: manual, now \d{4}-/m)
    const json = ok(await sim(['sim', 'status', '--json'])).json
    expect(json.result).toMatchObject({kind: 'sim', regions: ['CentralRegion', 'RegionOne', 'RegionTwo'], faults: [], down: []})
    const net = await openstack(['--os-region-name', 'RegionTwo', 'network', 'create', uniqueName('cli-net'), '-f', 'value', '-c', 'status'])
    expect([net.code, net.stdout.trim()]).toEqual([0, 'ACTIVE'])
    const viaProfile = ok(await sim(['network', 'list', '--profile', 'sim', '--all-regions', '-f', 'json']))
    expect(viaProfile.json.map((r: {Region: string}) => r.Region)).toContain('RegionTwo')
  })

  it('a second sim up in the same config folder is refused, naming the running one', async () => {
    const again = await sim(['sim', 'up', '--detach'])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/^a simulator is already running \(pid \d+\)/)
  })
})

describe('time you control', () => {
  it('--time manual: a load balancer stays PENDING_CREATE until sim tick moves the clock past its 3 s', async () => {
    const net = ok(await onSim(['network', 'create', uniqueName('lbnet'), ...R1, '-f', 'value', '-c', 'id'])).stdout.trim()
    const sub = ok(await onSim(['subnet', 'create', '--network', net, '--subnet-range', '10.44.0.0/24', uniqueName('lbsub'), ...R1, '-f', 'value', '-c', 'id'])).stdout.trim()
    const name = uniqueName('lb')
    const lb = ok(await onSim(['loadbalancer', 'create', '--name', name, '--vip-subnet-id', sub, ...R1, '-f', 'json']))
    expect(lb.json.provisioning_status).toBe('PENDING_CREATE')
    const status = async () => ok(await onSim(['loadbalancer', 'show', name, ...R1, '-f', 'value', '-c', 'provisioning_status'])).stdout.trim()
    expect(await status()).toBe('PENDING_CREATE')
    expect(ok(await sim(['sim', 'tick', '2'])).stdout).toMatch(/^simulated time: \d{4}-/)
    expect(await status()).toBe('PENDING_CREATE')
    ok(await sim(['sim', 'tick', '1.5']))
    expect(await status()).toBe('ACTIVE')
  })

  it('tick takes a number of seconds: anything else is a usage error', async () => {
    const r = await sim(['sim', 'tick', 'soon'])
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, 'SECONDS soon: expected a number of seconds, 0 or more'])
  })
})

describe('faults', () => {
  it('a status for the next N requests of one method, in the service’s own error shape; then it is spent', async () => {
    ok(await sim(['sim', 'fault', 'add', '--region', 'RegionOne', '--service', 'neutron', '--method', 'POST', '--status', '500', '--count', '1']))
    const list = ok(await sim(['sim', 'fault', 'list', '-f', 'json']))
    expect(list.json).toEqual([{ID: expect.any(Number), Region: 'RegionOne', Service: 'network', Method: 'POST', Path: '*', Status: 500, Delay: '', Count: 1, Hits: 0}])
    const failed = await onSim(['network', 'create', uniqueName('faulty'), ...R1])
    expect(failed.code).toBe(1)
    expect(failed.stderr.split('\n')[0]).toMatch(/^Neutron 500: Internal Server Error \(injected by mrctl sim\) \(request req-[0-9a-f-]+\)$/)
    ok(await onSim(['network', 'create', uniqueName('fine'), ...R1]))
    expect(ok(await sim(['sim', 'fault', 'list', '-f', 'json'])).json).toEqual([])
  })

  it('a region down refuses connections (exit 3 across regions, the region named) until sim fault clear', async () => {
    expect(ok(await sim(['sim', 'fault', 'add', '--region', 'RegionTwo', '--down'])).stdout).toBe('region RegionTwo is down (sim fault clear brings it back)\n')
    const all = await onSim(['network', 'list', '--all-regions', '-f', 'value', '-c', 'Region'])
    expect(all.code).toBe(3)
    expect(all.stderr).toMatch(/RegionTwo: .*ECONNREFUSED/)
    expect(all.stdout.split('\n')).not.toContain('RegionTwo')
    expect(ok(await sim(['sim', 'fault', 'clear'])).stdout).toBe('0 faults cleared; RegionTwo back up\n')
    ok(await onSim(['network', 'list', '--os-region-name', 'RegionTwo']))
  })

  it('one service of a region down: its clients are refused, the rest of the region answers, until sim fault clear', async () => {
    expect(ok(await sim(['sim', 'fault', 'add', '--region', 'RegionTwo', '--service', 'zun', '--down'])).stdout).toBe('the container service of RegionTwo is down (sim fault clear brings it back)\n')
    const list = ok(await sim(['sim', 'fault', 'list', '-f', 'json']))
    expect(list.json).toEqual([{ID: '-', Region: 'RegionTwo', Service: 'container', Method: '*', Path: '*', Status: 'down', Delay: '', Count: '', Hits: ''}])
    expect(ok(await sim(['sim', 'status'])).stdout).toMatch(/^down: RegionTwo container$/m)
    const zun = await onSim(['appcontainer', 'list', '--os-region-name', 'RegionTwo'])
    expect(zun.code).toBe(1)
    expect(zun.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+/)
    ok(await onSim(['network', 'list', '--os-region-name', 'RegionTwo']))
    ok(await onSim(['appcontainer', 'list', '--os-region-name', 'RegionOne']))
    expect(ok(await sim(['sim', 'fault', 'clear', '--region', 'RegionTwo'])).stdout).toBe('0 faults cleared; RegionTwo container back up\n')
    ok(await onSim(['appcontainer', 'list', '--os-region-name', 'RegionTwo']))
  })

  it('bad fault flags are usage errors, and nothing is added', async () => {
    const none = await sim(['sim', 'fault', 'add', '--region', 'RegionOne'])
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([2, 'a fault needs --status, --delay, or both (or --region R [--service S] --down)'])
    const svc = await sim(['sim', 'fault', 'add', '--service', 'nova', '--status', '500'])
    expect([svc.code, svc.stderr.split('\n')[0]]).toEqual([2, '--service nova: not a service'])
    const delay = await sim(['sim', 'fault', 'add', '--delay', 'soon'])
    expect([delay.code, delay.stderr.split('\n')[0]]).toEqual([2, '--delay soon: expected a duration such as 5s, 250ms or 1m'])
    const region = await sim(['sim', 'fault', 'add', '--region', 'Nowhere', '--status', '500'])
    expect([region.code, region.stderr.split('\n')[0]]).toEqual([1, 'unknown region Nowhere (regions: CentralRegion, RegionOne, RegionTwo)'])
    expect(ok(await sim(['sim', 'fault', 'list', '-f', 'json'])).json).toEqual([])
  })
})

describe('state: snapshot, reset, dump', () => {
  it('snapshot save, reset (empty), snapshot load (back); dump shows it for a person', async () => {
    const name = uniqueName('snapnet')
    ok(await onSim(['network', 'create', name, '--os-region-name', 'RegionTwo']))
    const file = join(mkdtempSync(join(tmpdir(), 'mrctl-snap-')), 'snap.json')
    ok(await sim(['sim', 'snapshot', 'save', file]))
    expect(ok(await sim(['sim', 'reset'])).stdout).toBe('simulator reset\n')
    expect(ok(await onSim(['network', 'list', '--name', name, '--os-region-name', 'RegionTwo', '-f', 'json'])).json).toEqual([])
    ok(await sim(['sim', 'snapshot', 'load', file]))
    expect(ok(await onSim(['network', 'list', '--name', name, '--os-region-name', 'RegionTwo', '-f', 'json'])).json).toHaveLength(1)
    const dump = ok(await sim(['sim', 'dump', '--region', 'RegionTwo', '--service', 'network']))
    expect(dump.stdout).toMatch(/^RegionTwo:\n {2}network:\n {4}networks:\n/)
    expect(dump.stdout).toContain(`name: ${name}`)
    const missing = await sim(['sim', 'snapshot', 'load', join(tmpdir(), 'no-such-snapshot.json')])
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([2, `${join(tmpdir(), 'no-such-snapshot.json')}: no such file`])
  })
})

describe('bad input', () => {
  it('sim up refuses bad regions and speeds before starting anything', async () => {
    const other = tempConfigDir()
    const bad = await mrctl(['sim', 'up', '--regions', 'Region One'], {configDir: other})
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, '--regions: region name "Region One" is not valid (letters, digits, ".", "_", "-"; at most 64)'])
    const speed = await mrctl(['sim', 'up', '--speed', '0'], {configDir: other})
    expect([speed.code, speed.stderr.split('\n')[0]]).toEqual([2, '--speed 0: expected a positive number (2 runs twice as fast)'])
    const none = await mrctl(['sim', 'status'], {configDir: other})
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([1, 'no simulator is running'])
  })

  it('tick on a realistic sim says that only a manual one can be ticked', async () => {
    const other = tempConfigDir()
    ok(await mrctl(['sim', 'up', '--regions', 'RegionOne', '--detach'], {configDir: other}))
    try {
      const r = await mrctl(['sim', 'tick'], {configDir: other})
      expect([r.code, r.stderr.split('\n')[0]]).toEqual([1, 'the clock is realistic: only a --time manual simulator can be ticked'])
    } finally {
      ok(await mrctl(['sim', 'down'], {configDir: other}))
    }
  })
})

describe('--state', () => {
  it('what a sim held is there again after down and up, with the same credentials', async () => {
    const other = tempConfigDir()
    const state = mkdtempSync(join(tmpdir(), 'mrctl-state-'))
    ok(await mrctl(['sim', 'up', '--regions', 'RegionOne', '--state', state, '--detach'], {configDir: other}))
    const env = /OS_CLIENT_CONFIG_FILE='([^']+)'/.exec(ok(await mrctl(['sim', 'env'], {configDir: other})).stdout)![1]
    const name = uniqueName('kept')
    ok(await mrctl(['network', 'create', name], {configDir: other, env: {OS_CLOUD: 'sim', OS_CLIENT_CONFIG_FILE: env}}))
    expect(ok(await mrctl(['sim', 'down'], {configDir: other})).stdout).toMatch(/^simulator \(pid \d+\) stopped$/m)
    ok(await mrctl(['sim', 'up', '--regions', 'RegionOne', '--state', state, '--detach'], {configDir: other}))
    try {
      const list = ok(await mrctl(['network', 'list', '--name', name, '-f', 'json'], {configDir: other, env: {OS_CLOUD: 'sim', OS_CLIENT_CONFIG_FILE: env}}))
      expect(list.json).toHaveLength(1)
    } finally {
      ok(await mrctl(['sim', 'down'], {configDir: other}))
    }
  })
})

describe('sim up --cloud: emulators over a real cloud', () => {
  itOnReal('needs real services to serve Zun over (on the sim target its Zun holds the catalog ports)')('sim down deletes the Kuryr ports its containers held in the real Neutron', async () => {
    const other = tempConfigDir()
    const up = await mrctl(['sim', 'up', '--cloud', ADMIN_CLOUD, '--services', 'zun', '--detach'], {configDir: other, env: {OS_CLOUD: undefined, OS_CLIENT_CONFIG_FILE: CLOUDS}})
    expect(up.code, up.stderr).toBe(0)
    const t = await token()
    const central = endpoint('network', 'CentralRegion')
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${central}${path}`, {method, headers: {'X-Auth-Token': t, 'Content-Type': 'application/json'}, body: body === undefined ? undefined : JSON.stringify(body)})
      const text = await res.text()
      return {status: res.status, json: text ? JSON.parse(text) : undefined}
    }
    const net = (await api('POST', '/v2.0/networks', {network: {name: uniqueName('down-net')}})).json.network.id
    let uuid = ''
    try {
      await api('POST', '/v2.0/subnets', {subnet: {network_id: net, cidr: '10.46.0.0/24', ip_version: 4}})
      const run = await mrctl(['appcontainer', 'run', '--os-region-name', 'RegionOne', '--name', uniqueName('down'), '--net', `network=${net}`, '-f', 'json', 'cirros', 'sleep', '3600'], {configDir: other})
      expect(run.code, run.stderr).toBe(0)
      uuid = run.json.uuid
      expect((await api('GET', `/v2.0/ports?device_id=${uuid}`)).json.ports).toHaveLength(1)
    } finally {
      expect((await mrctl(['sim', 'down'], {configDir: other})).code).toBe(0)
      if (uuid) expect((await api('GET', `/v2.0/ports?device_id=${uuid}`)).json.ports).toEqual([])
      await api('DELETE', `/v2.0/networks/${net}`)
    }
  })
})
