// `mrctl topology` on both targets. Real: the real Keystone/Neutron/Glance/Octavia and the Zun and
// Tricircle emulators, which this file starts in-process (one server per region), so that the fault
// test can stop RegionTwo's Zun alone and start it again. Sim: the simulated cloud serves them all,
// and the fault test takes RegionTwo's Zun off the network through the sim instead. The examples are
// applied as written, with every name made unique for this run.
import {spawn} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import YAML from 'yaml'

import type {CatalogEntry} from '../../src/auth/catalog.js'
import type {RunningSim} from '../../src/sim/run.js'

import {planSim} from '../../src/sim/plan.js'
import {startSim} from '../../src/sim/run.js'
import {ADMIN_CLOUD, adminLogin, CLOUDS, endpoint, mrctl, ROOT, simCloud, T, TARGET, tempConfigDir, uniqueName} from './harness.js'

const configDir = tempConfigDir()
const work = tempConfigDir()
const run = (args: string[], env?: Record<string, string>) => mrctl(args, {configDir, env})

// --- the servers, read directly (not through mrctl) to check what apply did ---
let token = ''
let catalog: CatalogEntry[] = []
async function login(): Promise<void> {
  ;({token, catalog} = (await adminLogin()) as {token: string; catalog: CatalogEntry[]})
}
async function api(url: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(url, {...init, headers: {'X-Auth-Token': token, 'Content-Type': 'application/json', ...init.headers}})
  const text = await res.text()
  return {status: res.status, body: text ? JSON.parse(text) : undefined}
}
const neutron = (path: string) => api(`${endpoint('network', 'CentralRegion')}/v2.0${path}`)
const glance = (region: string, path: string) => api(`${endpoint('image', region)}/v2${path}`)
const octavia = (path: string) => api(`${endpoint('load-balancer', 'RegionOne')}/v2${path}`)
const zun = (region: string, path: string) => api(`${endpoint('container', region)}${path}`, {headers: {'OpenStack-API-Version': 'container 1.40'}})

// --- the emulators: one server per region on the real target; the simulated cloud's own on the sim ---
const sims = new Map<string, RunningSim>()
async function startEmulator(service: 'zun' | 'tricircle', region: string): Promise<void> {
  if (TARGET === 'sim') return await simCloud().setDown(region, false, service === 'zun' ? 'container' : 'tricircle')
  const full = planSim(catalog, {services: [service], iface: 'public'})
  const plan = {...full, listeners: full.listeners.filter((l) => l.region === region)}
  sims.set(`${service}:${region}`, await startSim(plan, {authUrl: T.authUrl, tokenSource: async () => token}))
}
/** Stops an emulator: the real target's process-local server, or the sim's service taken off the network (connection refused). */
async function stopEmulator(service: 'zun' | 'tricircle', region: string): Promise<void> {
  if (TARGET === 'sim') return await simCloud().setDown(region, true, service === 'zun' ? 'container' : 'tricircle')
  await sims.get(`${service}:${region}`)?.close()
  sims.delete(`${service}:${region}`)
}

// --- the examples, with names of their own ---
const suffix = uniqueName('t').slice(2)
let files = 0
function topologyFile(example: string, extra: (doc: any) => void = () => {}): string {
  const doc = YAML.parse(readFileSync(join(ROOT, 'examples', example), 'utf8'))
  const rename = (n: string) => `${n}-${suffix}`
  doc.name = rename(doc.name)
  for (const i of doc.images) i.name = rename(i.name)
  for (const n of doc.networks) {
    n.name = rename(n.name)
    for (const s of n.subnets) s.name = rename(s.name)
  }
  for (const c of doc.containers) {
    c.name = rename(c.name)
    c.image = rename(c.image)
    c.networks = c.networks.map(rename)
  }
  for (const lb of doc.load_balancers ?? []) {
    lb.name = rename(lb.name)
    lb.vip_subnet = rename(lb.vip_subnet)
    for (const p of lb.pools) for (const m of p.members) if (m.container) m.container = rename(m.container)
  }
  extra(doc)
  const path = join(work, `${doc.name}-${++files}.yaml`)
  writeFileSync(path, YAML.stringify(doc))
  return path
}
const GUIDE = () => topologyFile('two-region-containers.yaml')
const names = {
  net: `container-net-${suffix}`,
  subnet: `container-subnet-${suffix}`,
  image: `container_cirros-${suffix}`,
  c1: `container01-${suffix}`,
  c2: `container02-${suffix}`,
  lb: `container-lb-${suffix}`,
}
/** Every write request mrctl sent, from its --debug lines (the token request apart). */
const writes = (stderr: string) => stderr.split('\n').filter((l) => /^REQ: curl -g -i -X (POST|PUT|PATCH|DELETE) /.test(l) && !l.includes('/auth/tokens'))
const tokenRequests = (stderr: string) => stderr.split('\n').filter((l) => /^REQ: curl -g -i -X POST \S*\/auth\/tokens/.test(l))

/** Runs mrctl, sends SIGINT `times` times once stderr has shown every one of `after`, and collects the result. */
function interrupted(args: string[], after: RegExp[], times: number): Promise<{code: number; stdout: string; stderr: string}> {
  const env = {...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS, OS_CLOUD: ADMIN_CLOUD, MRCTL_CONFIG_DIR: configDir, NO_COLOR: '1'}
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/run.js'), ...args], {env, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    let sent = false
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => {
      stderr += d
      if (!sent && after.every((re) => re.test(stderr))) {
        sent = true
        child.kill('SIGINT')
      }
      // The second only once the first was taken (signals of one kind are not queued).
      if (sent && times === 2 && stderr.includes('Interrupted: no new step starts')) {
        times = 0
        child.kill('SIGINT')
      }
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}))
  })
}

async function ourNetwork(): Promise<any> {
  return (await neutron(`/networks?name=${names.net}`)).body.networks[0]
}

describe('topology apply / plan / status / destroy', () => {
  beforeAll(async () => {
    await login()
    // The image data: the guide's docker-saved cirros, here 256 KiB of bytes of our own.
    writeFileSync(join(work, 'container_cirros'), Buffer.alloc(256 * 1024, 9))
    await startEmulator('tricircle', 'CentralRegion')
    await startEmulator('zun', 'RegionOne')
    await startEmulator('zun', 'RegionTwo')
  })

  afterAll(async () => {
    // A fault test that failed half-way on the sim left RegionTwo's Zun off the network.
    if (TARGET === 'sim') await startEmulator('zun', 'RegionTwo')
    for (const f of [GUIDE(), topologyFile('cross-region-lb.yaml')]) await run(['topology', 'destroy', '-f', f, '--yes'])
    // Whatever a failed test left on the shared servers (a stopped emulator forgets its containers, not their ports).
    const central = `${endpoint('network', 'CentralRegion')}/v2.0`
    for (const lb of (await octavia('/lbaas/loadbalancers')).body.loadbalancers.filter((x: {name: string}) => x.name.endsWith(suffix))) {
      await api(`${endpoint('load-balancer', 'RegionOne')}/v2/lbaas/loadbalancers/${lb.id}?cascade=true`, {method: 'DELETE'})
    }
    for (const net of (await neutron('/networks')).body.networks.filter((n: {name: string}) => n.name.endsWith(suffix))) {
      for (const port of (await neutron(`/ports?network_id=${net.id}`)).body.ports) await api(`${central}/ports/${port.id}`, {method: 'DELETE'})
      await api(`${central}/networks/${net.id}`, {method: 'DELETE'})
    }
    for (const region of ['RegionOne', 'RegionTwo']) {
      for (const img of (await glance(region, '/images?limit=1000')).body.images.filter((i: {name: string}) => i.name?.endsWith(suffix))) {
        await api(`${endpoint('image', region)}/v2/images/${img.id}`, {method: 'DELETE'})
      }
    }
    const pods = await api(`${endpoint('tricircle', 'CentralRegion')}/pods`)
    for (const p of pods.body?.pods ?? []) await api(`${endpoint('tricircle', 'CentralRegion')}/pods/${p.pod_id}`, {method: 'DELETE'})
    for (const key of [...sims.keys()]) await stopEmulator(...(key.split(':') as ['zun' | 'tricircle', string]))
  })

  it('validate: the example is valid, and nothing is sent to a cloud', async () => {
    const r = await run(['topology', 'validate', '-f', GUIDE()], {OS_AUTH_URL: 'http://127.0.0.1:1/v3'})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/valid topology two-region-containers-\w+: 9 resources in CentralRegion, RegionOne, RegionTwo/)
  })

  it('bad files: each names file:line:column and the field, exits 2, and changes nothing on the servers', async () => {
    const bad = [
      {file: topologyFile('two-region-containers.yaml', (d) => (d.containers[1].image = 'nope')), error: /containers\[1\]\.image unknown image "nope"/},
      {file: topologyFile('two-region-containers.yaml', (d) => (d.networks[0].subnets[0].cidr = '10.0.60.0/40')), error: /networks\[0\]\.subnets\[0\]\.cidr "10\.0\.60\.0\/40" is not a CIDR/},
      {file: topologyFile('two-region-containers.yaml', (d) => (d.containers[0].region = 'RegionNine')), error: /containers\[0\]\.region RegionNine is not a region of the profile/},
      {file: topologyFile('cross-region-lb.yaml', (d) => (d.load_balancers[0].pools[0].members[1].container = 'ghost')), error: /members\[1\]\.container container "ghost" is in no region/},
    ]
    for (const b of bad) {
      const r = await run(['topology', 'apply', '-f', b.file, '--yes'])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(new RegExp(`${b.file.replace(/[.]/g, '\\.')}:\\d+:\\d+: `))
      expect(r.stderr).toMatch(b.error)
    }
    expect(await ourNetwork()).toBeUndefined()
    expect((await glance('RegionOne', `/images?name=${names.image}`)).body.images).toEqual([])
  })

  it('apply from nothing: every resource made in its region, containers Running on the central subnet with real Neutron ports', async () => {
    const r = await run(['topology', 'apply', '-f', GUIDE(), '--yes', '--json'])
    expect(r.code).toBe(0)
    expect(r.json.status).toBe(0)
    const steps = r.json.result.steps as Array<{region: string; resource: string; status: string; id: string; address?: string}>
    expect(steps.map((s) => s.status)).toEqual(Array(9).fill('done'))
    expect(r.json.result.criticalPath.ms).toBeGreaterThan(0)

    const net = await ourNetwork()
    expect(net.tags).toContain(`mrctl.topology=two-region-containers-${suffix}`)
    const subnet = (await neutron(`/subnets?name=${names.subnet}`)).body.subnets[0]
    expect(subnet).toMatchObject({cidr: '10.0.60.0/24', network_id: net.id})
    for (const region of ['RegionOne', 'RegionTwo']) {
      const imgs = (await glance(region, `/images?name=${names.image}`)).body.images
      expect(imgs).toHaveLength(1)
      expect(imgs[0]).toMatchObject({status: 'active', container_format: 'docker', 'mrctl.topology': `two-region-containers-${suffix}`})
    }
    for (const [region, name] of [['RegionOne', names.c1], ['RegionTwo', names.c2]]) {
      const c = (await zun(region, `/containers?name=${name}`)).body.containers[0]
      expect(c.status).toBe('Running')
      expect(c.labels['mrctl.topology']).toBe(`two-region-containers-${suffix}`)
      const addr = c.addresses[net.id][0].addr as string
      expect(addr).toMatch(/^10\.0\.60\.\d+$/)
      const ports = (await neutron(`/ports?device_id=${c.uuid}`)).body.ports
      expect(ports).toHaveLength(1)
      expect(ports[0].fixed_ips[0]).toMatchObject({ip_address: addr, subnet_id: subnet.id})
      expect(steps.find((s) => s.resource === `container ${name}`)).toMatchObject({region, id: c.uuid, address: addr})
    }
  })

  it('apply again: the plan says 0 changes and not one write request is sent; one token request at most', async () => {
    const r = await run(['topology', 'apply', '-f', GUIDE(), '--yes', '--debug'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^0 changes: two-region-containers-\w+ is applied \(9 resources unchanged\)/m)
    expect(writes(r.stderr)).toEqual([])
    expect(tokenRequests(r.stderr).length).toBeLessThanOrEqual(1)
    const plan = await run(['topology', 'plan', '-f', GUIDE(), '--json'])
    expect(plan.json.result.changes.map((c: {action: string}) => c.action)).toEqual(Array(9).fill('unchanged'))
  })

  it('status: each resource per region, container addresses', async () => {
    const r = await run(['topology', 'status', '-f', GUIDE(), '--json'])
    expect(r.code).toBe(0)
    const rows = r.json.result as Array<Record<string, string>>
    const c2 = rows.find((x) => x.Resource === `container ${names.c2}`)!
    expect(c2).toMatchObject({Region: 'RegionTwo', Exists: 'owned', Status: 'Running'})
    expect(c2.Detail).toMatch(/^10\.0\.60\.\d+$/)
    expect(rows.find((x) => x.Resource === 'pod RegionTwo')).toMatchObject({Exists: 'exists', Detail: 'az az2'})
  })

  it('appcontainer run --region R1 --region R2: the image resolved by name in each region, the network in the central one, one row per region', async () => {
    const name = `multi-${suffix}`
    const r = await run(['appcontainer', 'run', '--region', 'RegionOne', '--region', 'RegionTwo', '--name', name, '--net', `network=${names.net}`, '--image-driver', 'glance', '--wait', '-f', 'json', names.image, 'sleep', '600'])
    try {
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      await checkMultiRun(r, name)
    } finally {
      for (const region of ['RegionOne', 'RegionTwo']) {
        for (const c of (await zun(region, `/containers?name=${name}`)).body.containers) {
          await run(['appcontainer', 'delete', '--os-region-name', region, '--stop', '--wait', c.uuid])
        }
      }
    }
    // A region without the image: nothing is created anywhere.
    const bad = await run(['appcontainer', 'run', '--region', 'RegionOne', '--region', 'CentralRegion', '--name', `${name}-bad`, '--image-driver', 'glance', names.image, 'sleep', '1'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(new RegExp(`image ${names.image} cannot be used in every region; nothing was created:\\n {2}CentralRegion: `))
    expect((await zun('RegionOne', `/containers?name=${name}-bad`)).body.containers).toEqual([])
  })

  async function checkMultiRun(r: {json: any}, name: string): Promise<void> {
    const images = await Promise.all(['RegionOne', 'RegionTwo'].map(async (region) => (await glance(region, `/images?name=${names.image}`)).body.images[0].id))
    expect(r.json.map((x: Record<string, string>) => [x.Region, x.name, x.status, x.image])).toEqual([
      ['RegionOne', name, 'Running', images[0]],
      ['RegionTwo', name, 'Running', images[1]],
    ])
    for (const row of r.json) expect(row.addresses).toMatch(/^10\.0\.60\.\d+$/)
  }

  it('a saved plan is applied exactly, and refused once the clouds changed since it was saved', async () => {
    const file = topologyFile('two-region-containers.yaml', (d) => (d.networks[0].subnets[0].dhcp = false))
    const planPath = join(work, 'dhcp.plan')
    const p = await run(['topology', 'plan', '-f', file, '-o', planPath])
    expect(p.code).toBe(0)
    expect(p.stdout).toMatch(/subnet container-subnet-\w+ +\| update/)
    // Someone changes the subnet after the review.
    const subnet = (await neutron(`/subnets?name=${names.subnet}`)).body.subnets[0]
    const put = await api(`${endpoint('network', 'CentralRegion')}/v2.0/subnets/${subnet.id}`, {method: 'PUT', body: JSON.stringify({subnet: {description: 'changed by hand'}})})
    expect(put.status).toBe(200)
    const refused = await run(['topology', 'apply', planPath, '--yes'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`the clouds changed since ${planPath} was saved; nothing was applied`)
    expect(refused.stderr).toContain(`CentralRegion subnet ${names.subnet} changed`)
    expect((await neutron(`/subnets/${subnet.id}`)).body.subnet.enable_dhcp).toBe(true)

    const fresh = await run(['topology', 'plan', '-f', file, '-o', planPath])
    expect(fresh.code).toBe(0)
    const applied = await run(['topology', 'apply', planPath, '--yes'])
    expect(applied.code).toBe(0)
    expect((await neutron(`/subnets/${subnet.id}`)).body.subnet.enable_dhcp).toBe(false)
  })

  it('a resource with a topology name but without the mark: "exists, not owned", apply changes nothing', async () => {
    const file = topologyFile('two-region-containers.yaml', (d) => {
      d.name = `other-${suffix}`
      d.networks[0].name = `stranger-${suffix}`
      d.networks[0].subnets[0].name = `stranger-sub-${suffix}`
      d.containers = []
      d.images = []
    })
    const made = await api(`${endpoint('network', 'CentralRegion')}/v2.0/networks`, {method: 'POST', body: JSON.stringify({network: {name: `stranger-${suffix}`}})})
    expect(made.status).toBe(201)
    try {
      const r = await run(['topology', 'apply', '-f', file, '--yes'])
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(/network stranger-\w+ +\| exists, not owned/)
      expect(r.stderr).toMatch(/nothing was changed/)
      expect(r.stderr).toMatch(/--adopt/)
      expect((await neutron(`/subnets?name=stranger-sub-${suffix}`)).body.subnets).toEqual([])
      expect((await neutron(`/networks/${made.body.network.id}`)).body.network.tags).toEqual([])
    } finally {
      await api(`${endpoint('network', 'CentralRegion')}/v2.0/networks/${made.body.network.id}`, {method: 'DELETE'})
    }
  })

  it('cross-region LB: the load balancer in RegionOne with both containers as members, the RegionTwo one by its address', async () => {
    const file = topologyFile('cross-region-lb.yaml', (d) => {
      // Its own containers and network, beside the guide's.
      d.networks[0].name = `lb-net-${suffix}`
      d.networks[0].subnets[0].name = `lb-subnet-${suffix}`
      d.load_balancers[0].vip_subnet = `lb-subnet-${suffix}`
      d.images[0].name = `lb-img-${suffix}`
      for (const c of d.containers) {
        c.name = c.name.replace('container', 'lbc')
        c.networks = [`lb-net-${suffix}`]
        c.image = `lb-img-${suffix}`
      }
      for (const m of d.load_balancers[0].pools[0].members) m.container = m.container.replace('container', 'lbc')
    })
    const r = await run(['topology', 'apply', '-f', file, '--yes', '--json'])
    expect(r.json?.result?.steps?.filter((s: {status: string}) => s.status !== 'done') ?? r.stderr).toEqual([])
    expect(r.code).toBe(0)
    const lb = (await octavia(`/lbaas/loadbalancers?name=${names.lb}`)).body.loadbalancers[0]
    const subnet = (await neutron(`/subnets?name=lb-subnet-${suffix}`)).body.subnets[0]
    expect(lb).toMatchObject({provisioning_status: 'ACTIVE', vip_subnet_id: subnet.id})
    expect(lb.tags).toContain(`mrctl.topology=cross-region-lb-${suffix}`)
    const pool = (await octavia(`/lbaas/pools?loadbalancer_id=${lb.id}`)).body.pools[0]
    const members = (await octavia(`/lbaas/pools/${pool.id}/members`)).body.members
    const c2 = (await zun('RegionTwo', `/containers?name=lbc02-${suffix}`)).body.containers[0]
    const c2addr = Object.values(c2.addresses as Record<string, Array<{addr: string}>>)[0][0].addr
    expect(members).toHaveLength(2)
    expect(members).toContainEqual(expect.objectContaining({address: c2addr, protocol_port: 5000, subnet_id: subnet.id, name: `lbc02-${suffix}:5000`}))

    const status = await run(['topology', 'status', '-f', file, '--json'])
    const member = (status.json.result as Array<Record<string, string>>).find((x) => x.Resource.endsWith(`lbc02-${suffix}:5000`))!
    expect(member).toMatchObject({Region: 'RegionOne', Exists: 'owned', Status: 'ACTIVE/NO_MONITOR', Detail: `${c2addr}:5000`})

    const again = await run(['topology', 'apply', '-f', file, '--yes', '--debug'])
    expect(writes(again.stderr)).toEqual([])

    const d = await run(['topology', 'destroy', '-f', file, '--yes'])
    expect(d.code).toBe(0)
    expect((await octavia(`/lbaas/loadbalancers?name=${names.lb}`)).body.loadbalancers).toEqual([])
    expect((await neutron(`/ports?device_id=${c2.uuid}`)).body.ports).toEqual([])
    expect((await neutron(`/networks?name=lb-net-${suffix}`)).body.networks).toEqual([])
  })

  it('destroy: nothing of the topology is left, Neutron ports included; pods are kept', async () => {
    const uuids = await Promise.all(
      [['RegionOne', names.c1], ['RegionTwo', names.c2]].map(async ([region, name]) => (await zun(region, `/containers?name=${name}`)).body.containers[0].uuid as string),
    )
    const r = await run(['topology', 'destroy', '-f', GUIDE(), '--yes'])
    expect(r.code).toBe(0)
    expect(await ourNetwork()).toBeUndefined()
    expect((await neutron(`/subnets?name=${names.subnet}`)).body.subnets).toEqual([])
    for (const uuid of uuids) expect((await neutron(`/ports?device_id=${uuid}`)).body.ports).toEqual([])
    for (const region of ['RegionOne', 'RegionTwo']) {
      expect((await glance(region, `/images?name=${names.image}`)).body.images).toEqual([])
      expect((await zun(region, '/containers')).body.containers.filter((c: {name: string}) => c.name.endsWith(suffix))).toEqual([])
    }
    const pods = (await api(`${endpoint('tricircle', 'CentralRegion')}/pods`)).body.pods
    expect(pods.map((p: {region_name: string}) => p.region_name).sort()).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
  })

  it('Ctrl-C: no new step starts, the steps in flight finish, the summary is printed, exit 130; a re-run completes the rest', async () => {
    const file = topologyFile('cross-region-lb.yaml')
    // Right after the subnet, the containers and the load balancer are in flight; listener, pool and members are not started.
    const first = await interrupted(['topology', 'apply', '-f', file, '--yes'], [/^done +CentralRegion +create subnet /m, /^done +RegionTwo +create image /m, /^done +RegionOne +create image /m], 1)
    expect(first.code).toBe(130)
    expect(first.stderr).toContain('Interrupted: no new step starts; waiting for the steps in flight')
    expect(first.stdout).toMatch(new RegExp(`RegionTwo +\\| container ${names.c2} +\\| create +\\| done`))
    expect(first.stdout).toMatch(/member container-lb-\w+\/container-pool\/container02-\w+:5000 +\| create +\| cancelled/)
    const rerun = await run(['topology', 'apply', '-f', file, '--yes', '--json'])
    expect(rerun.code).toBe(0)
    expect(rerun.json.result.steps.map((s: {kind: string}) => s.kind).sort()).toEqual(['listener', 'member', 'member', 'pool'])

    // Twice: mrctl stops at once and names each step in flight as maybe half-made, with the command that removes it.
    const gone = await run(['topology', 'destroy', '-f', file, '--yes'])
    expect(gone.code).toBe(0)
    const second = await interrupted(['topology', 'apply', '-f', file, '--yes'], [/^done +CentralRegion +create subnet /m, /^done +RegionTwo +create image /m, /^done +RegionOne +create image /m], 2)
    expect(second.code).toBe(130)
    expect(second.stderr).toContain('\nInterrupted.\n')
    expect(second.stderr).toMatch(new RegExp(`RegionTwo container ${names.c2} \\(create in flight: it may be half-made\\) was created; delete it with: mrctl topology destroy -f \\S+ --yes`))
    // What was in flight may land on the servers just after mrctl has gone: destroy until status shows nothing left.
    const deadline = Date.now() + 60_000
    for (;;) {
      const cleanup = await run(['topology', 'destroy', '-f', file, '--yes'])
      expect(cleanup.stderr.split('\n').filter((l) => l.startsWith('Warning'))).toEqual([])
      expect(cleanup.code).toBe(0)
      const st = await run(['topology', 'status', '-f', file, '--json'])
      const left = (st.json.result as Array<Record<string, string>>).filter((x) => !x.Resource.startsWith('pod ') && x.Exists !== 'missing')
      if (left.length === 0) break
      expect(Date.now(), JSON.stringify(left)).toBeLessThan(deadline)
    }
  })

  it('fault: with RegionTwo’s Zun down, RegionOne completes, exit 3 naming RegionTwo; once it is back, apply completes the rest', async () => {
    await stopEmulator('zun', 'RegionTwo')
    const r = await run(['topology', 'apply', '-f', GUIDE(), '--yes'])
    expect(r.code).toBe(3)
    expect(r.stdout).toMatch(new RegExp(`RegionOne +\\| container ${names.c1} +\\| create +\\| done`))
    expect(r.stdout).toMatch(new RegExp(`RegionTwo +\\| container ${names.c2} +\\| create +\\| failed`))
    expect(r.stderr).toMatch(/RegionTwo: [^;]*1 failed/)
    const zunTwo = endpoint('container', 'RegionTwo', {root: true}).replace(/[.]/g, '\\.')
    expect(r.stderr).toMatch(new RegExp(`Warning: RegionTwo: container container02-\\w+: cannot read the containers of RegionTwo: Zun: cannot reach ${zunTwo}`))
    expect((await zun('RegionOne', `/containers?name=${names.c1}`)).body.containers[0].status).toBe('Running')

    await startEmulator('zun', 'RegionTwo')
    const again = await run(['topology', 'apply', '-f', GUIDE(), '--yes', '--json'])
    expect(again.code).toBe(0)
    expect(again.json.result.steps.map((s: {resource: string; status: string}) => [s.resource, s.status])).toEqual([[`container ${names.c2}`, 'done']])
    const d = await run(['topology', 'destroy', '-f', GUIDE(), '--yes'])
    expect(d.code).toBe(0)
  })
})
