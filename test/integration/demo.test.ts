// `mrctl demo` as a user types it: on its own in-process simulator (so the same on both targets),
// without a terminal (plain lines), at one (tmux: the live view), under --json; --keep (the sim
// stays in the background with everything in it); a fault (a region down, a 503) gives a clear
// error, a non-zero exit, and leaves nothing. Then against the target's own cloud (--os-cloud).
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {ADMIN_CLOUD, CLOUDS, mrctl, ROOT, startEmulators, TARGET, tempConfigDir} from './harness.js'

/** A scratch folder of the demo's own (TMPDIR): empty again when it leaves nothing behind. */
const scratch = () => mkdtempSync(join(tmpdir(), 'mrctl-it-demo-tmp-'))
/** `mrctl demo …` with no cloud of the target in the environment: a bare shell. */
const demo = (args: string[], o: {configDir?: string; tmp?: string; env?: Record<string, string | undefined>} = {}) =>
  mrctl(['demo', ...args], {configDir: o.configDir, env: {OS_CLOUD: undefined, OS_CLIENT_CONFIG_FILE: undefined, TMPDIR: o.tmp, ...o.env}})

/** What the demo shows on stdout, in order: pods, the central network, containers, the LB and members, reachability, timing. */
function expectShown(stdout: string): void {
  const lines = stdout.split('\n')
  const at = (re: RegExp) => {
    const i = lines.findIndex((l) => re.test(l))
    expect(i, `no ${re} in:\n${stdout}`).toBeGreaterThanOrEqual(0)
    return i
  }
  const order = [
    at(/^pods: CentralRegion \(central\), RegionOne \(az az1\), RegionTwo \(az az2\)$/),
    at(/^central network: container-net [0-9a-f-]{36} in CentralRegion, subnet container-subnet 10\.0\.60\.0\/24; RegionOne has it, same ID; RegionTwo has it, same ID$/),
    at(/^ {2}RegionOne +container01 +Running +10\.0\.60\.\d+$/),
    at(/^ {2}RegionTwo +container02 +Running +10\.0\.60\.\d+$/),
    at(/^load balancer: container-lb in RegionOne, VIP 10\.0\.60\.\d+, ACTIVE\/\w+$/),
    at(/^ {2}member 10\.0\.60\.\d+:5000 +container in RegionOne +ACTIVE\/\w+$/),
    at(/^ {2}member 10\.0\.60\.\d+:5000 +container in RegionTwo +ACTIVE\/\w+$/),
    at(/^reachability: container01 → container02 \(10\.0\.60\.\d+\): reachable /),
    at(/^timing: \d+ API calls, \d+\.\d s wall time, 1 token issued$/),
  ]
  expect([...order].sort((a, b) => a - b)).toEqual(order)
  // The member addresses are the containers' own.
  const c2 = /RegionTwo +container02 +Running +(\S+)/.exec(stdout)![1]
  expect(stdout).toMatch(new RegExp(`member ${c2.replace(/\./g, '\\.')}:5000 +container in RegionTwo`))
}

describe('mrctl demo on its own simulated cloud', () => {
  it('without a terminal: plain progress lines on stderr, the deployment on stdout, everything destroyed, exit 0, nothing left', async () => {
    const tmp = scratch()
    const configDir = tempConfigDir()
    const r = await demo([], {tmp, configDir})
    expect(r.code, r.stderr).toBe(0)
    expectShown(r.stdout)
    expect(r.stdout).toMatch(/^destroyed: everything the demo made \(7 deletions, then the pods of RegionTwo, RegionOne, CentralRegion\); the sim stops$/m)
    expect(r.stderr).toMatch(/^mrctl demo on a simulated cloud in this process \(CentralRegion, RegionOne, RegionTwo\)$/m)
    expect(r.stderr).toMatch(/^two-region-containers\.yaml: 9 changes: 9 to create$/m)
    expect(r.stderr).toMatch(/^done {6}RegionTwo {6}create container container02 +\d+\.\d s +[0-9a-f-]{36} +10\.0\.60\.\d+$/m)
    // The second file adds only the load balancer: the rest is already there.
    expect(r.stderr).toMatch(/^cross-region-lb\.yaml: 5 changes: 5 to create$/m)
    expect(r.stderr).toMatch(/^destroy: 11 changes: 11 to delete$/m)
    expect(r.stderr).not.toMatch(/failed|Error/)
    // Nothing left: no scratch files, no simulator recorded in the config folder.
    expect(readdirSync(tmp)).toEqual([])
    const status = await mrctl(['sim', 'status'], {configDir})
    expect(status.code).not.toBe(0)
    expect(status.stderr).toContain('no simulator is running')
  })

  it('--json: one envelope (the steps of both applies, what was shown, the destroy, the timing), nothing on stderr', async () => {
    const r = await demo(['--json', '--time', 'immediate'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const res = r.json.result
    expect(res.applied.map((a: {summary: string}) => a.summary)).toEqual(['9 changes: 9 to create', '5 changes: 5 to create'])
    expect(res.shown.containers.map((c: {name: string; region: string; status: string}) => [c.name, c.region, c.status])).toEqual([
      ['container01', 'RegionOne', 'Running'],
      ['container02', 'RegionTwo', 'Running'],
    ])
    expect(res.shown.load_balancer.members.map((m: {container_region: string}) => m.container_region).sort()).toEqual(['RegionOne', 'RegionTwo'])
    expect(res.shown.reachability.ok).toBe(true)
    expect(res.destroyed.steps.every((s: {status: string}) => s.status === 'done')).toBe(true)
    expect(res.destroyed.podsDeleted).toHaveLength(3)
    expect(res.timing.api_calls).toBeGreaterThan(20)
    expect(res.timing.tokens_issued).toBe(1)
    expect(res.kept).toBe(false)
  })

  it('at a terminal (tmux): the live view, then the same deployment shown, exit 0', async () => {
    expect(spawnSync('tmux', ['-V']).status, 'this test needs tmux').toBe(0)
    const session = `mrctl-demo-${process.pid}`
    const env = ['env', '-u', 'OS_CLOUD', '-u', 'OS_CLIENT_CONFIG_FILE', '-u', 'CI', `MRCTL_CONFIG_DIR=${tempConfigDir()}`, 'TERM=xterm-256color', 'LANG=C.UTF-8']
    const shell = `${[...env, process.execPath, join(ROOT, 'bin/run.js'), 'demo'].map((w) => `'${w}'`).join(' ')}; echo "exit=$?"; sleep 60`
    expect(spawnSync('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '60', shell]).status).toBe(0)
    const pane = () => spawnSync('tmux', ['capture-pane', '-p', '-J', '-S', '-400', '-t', session]).stdout.toString()
    const seen: string[] = []
    try {
      const deadline = Date.now() + 60_000
      while (!/exit=\d+/.test(pane())) {
        expect(Date.now(), `the demo did not end:\n${pane()}`).toBeLessThan(deadline)
        const p = pane()
        if (/container container0\d +(waiting|running|Creating|Created)/.test(p)) seen.push(p)
        await new Promise((r) => setTimeout(r, 100))
      }
      const out = pane()
      expect(out).toContain('exit=0')
      // listr2's marks, one line per step and region.
      expect(out).toMatch(/✔ RegionTwo +create container container02 +\d+\.\d s/)
      expect(out).toMatch(/✔ RegionOne +create loadbalancer container-lb/)
      expect(seen.length, 'the live view showed a container on its way').toBeGreaterThan(0)
      expectShown(out.split('\n').map((l) => l.trimEnd()).join('\n'))
    } finally {
      spawnSync('tmux', ['kill-session', '-t', session])
    }
  })

  it('--keep, on a fresh HOME (no ~/.config yet): the deployment and the sim stay in the background (eval "$(mrctl sim env)" reaches them); mrctl sim down ends it', async () => {
    // A user's first day: HOME=$(mktemp -d), no MRCTL_CONFIG_DIR, no XDG folders: the sim's files
    // (run.json, clouds.yaml, sim.log) go to a ~/.config/mrctl/sim that does not exist yet.
    const home = mkdtempSync(join(tmpdir(), 'mrctl-it-demo-home-'))
    const fresh = {HOME: home, MRCTL_CONFIG_DIR: undefined, XDG_CONFIG_HOME: undefined, XDG_CACHE_HOME: undefined}
    const mrctlHome = (args: string[], env: Record<string, string> = {}) => mrctl(args, {env: {...fresh, OS_CLOUD: undefined, OS_CLIENT_CONFIG_FILE: undefined, ...env}})
    try {
      const r = await demo(['--keep', '--time', 'immediate'], {env: fresh})
      expect(existsSync(join(home, '.config/mrctl/sim/sim.log'))).toBe(true)
      expect(r.code, r.stderr).toBe(0)
      expectShown(r.stdout)
      expect(r.stdout).not.toContain('destroyed:')
      expect(r.stdout).toContain('kept: the deployment and the sim run in the background: eval "$(mrctl sim env)"')
      const env = await mrctlHome(['sim', 'env'])
      const m = /^export OS_CLOUD='(sim)' OS_CLIENT_CONFIG_FILE='([^']+)'$/.exec(env.stdout.trim())
      expect(m, env.stderr).not.toBeNull()
      expect(m![2]).toBe(join(home, '.config/mrctl/sim/clouds.yaml'))
      const simEnv = {OS_CLOUD: m![1], OS_CLIENT_CONFIG_FILE: m![2]}
      const list = await mrctlHome(['appcontainer', 'list', '--all-regions', '-f', 'value', '-c', 'Region', '-c', 'name', '-c', 'status'], simEnv)
      expect(list.code, list.stderr).toBe(0)
      expect(list.stdout.trim().split('\n').sort()).toEqual(['RegionOne container01 Running', 'RegionTwo container02 Running'])
      const lbs = await mrctlHome(['loadbalancer', 'list', '--os-region-name', 'RegionOne', '-f', 'value', '-c', 'name', '-c', 'provisioning_status'], simEnv)
      expect(lbs.stdout.trim()).toBe('container-lb ACTIVE')
    } finally {
      const down = await mrctlHome(['sim', 'down'])
      expect(down.stdout).toMatch(/simulator \(pid \d+\) stopped/)
    }
  })

  it('sim up --detach on a fresh HOME (no ~/.config yet): it starts, its log is there, sim down stops it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mrctl-it-demo-home-'))
    const env = {HOME: home, MRCTL_CONFIG_DIR: undefined, XDG_CONFIG_HOME: undefined, XDG_CACHE_HOME: undefined, OS_CLOUD: undefined, OS_CLIENT_CONFIG_FILE: undefined}
    const up = await mrctl(['sim', 'up', '--detach', '--time', 'immediate'], {env})
    try {
      expect(up.stderr).toBe('')
      expect(up.code).toBe(0)
      expect(up.stdout).toMatch(/running in the background \(pid \d+\); stop it with: mrctl sim down/)
      expect(statSync(join(home, '.config/mrctl/sim/sim.log')).mode & 0o777).toBe(0o600)
    } finally {
      const down = await mrctl(['sim', 'down'], {env})
      expect(down.stdout).toMatch(/simulator \(pid \d+\) stopped/)
    }
  })
})

describe('mrctl demo against a cloud, with a fault', () => {
  // A detached sim of its own, used as "a cloud" through --os-cloud, so that faults can be put in its way.
  const configDir = tempConfigDir()
  const image = join(mkdtempSync(join(tmpdir(), 'mrctl-it-demo-img-')), 'container_cirros')
  writeFileSync(image, Buffer.alloc(4096, 7))
  let simEnv: Record<string, string> = {}
  const onSim = (args: string[]) => mrctl(args, {configDir, env: simEnv})
  afterAll(async () => {
    await mrctl(['sim', 'down'], {configDir})
  })

  /** Nothing of the demo in any region: no network, image, container, load balancer, pod. */
  async function expectNothingLeft(): Promise<void> {
    const dump = await mrctl(['sim', 'dump', '--json'], {configDir})
    expect(dump.code, dump.stderr).toBe(0)
    const d = dump.json.result ?? dump.json
    for (const region of ['CentralRegion', 'RegionOne', 'RegionTwo']) {
      const r = d[region]
      expect(r.network.networks, `${region} networks`).toEqual([])
      expect(r.network.ports, `${region} ports`).toEqual([])
      if (r.image) expect(r.image.images, `${region} images`).toEqual([])
      if (r.container) expect(r.container.containers, `${region} containers`).toEqual([])
      if (r['load-balancer']) expect(r['load-balancer'].loadbalancers, `${region} load balancers`).toEqual([])
      if (r.tricircle) expect(r.tricircle.pods, 'pods').toEqual([])
    }
  }

  it('a region down: a clear error naming it, exit 1, nothing made', async () => {
    const up = await mrctl(['sim', 'up', '--detach', '--time', 'immediate'], {configDir})
    expect(up.code, up.stderr).toBe(0)
    const m = /^export OS_CLOUD='(sim)' OS_CLIENT_CONFIG_FILE='([^']+)'$/.exec((await mrctl(['sim', 'env'], {configDir})).stdout.trim())
    simEnv = {OS_CLOUD: m![1], OS_CLIENT_CONFIG_FILE: m![2]}
    expect((await mrctl(['sim', 'fault', 'add', '--region', 'RegionTwo', '--down'], {configDir})).code).toBe(0)
    const r = await onSim(['demo', '--os-cloud', 'sim', '--image', image])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('cannot read every region the demo uses, so it stops here:')
    expect(r.stderr).toMatch(/^ {2}RegionTwo: \w+: cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/m)
    expect(r.stdout).toBe('')
    expect((await mrctl(['sim', 'fault', 'clear'], {configDir})).code).toBe(0)
    await expectNothingLeft()
  })

  it('a 503 from RegionTwo’s Zun mid-way: the error names the step, what was made is removed, exit 1, nothing left', async () => {
    expect((await mrctl(['sim', 'fault', 'add', '--region', 'RegionTwo', '--service', 'container', '--method', 'POST', '--path', '/v1/containers', '--status', '503', '--count', '5'], {configDir})).code).toBe(0)
    const r = await onSim(['demo', '--os-cloud', 'sim', '--image', image])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^done {6}RegionOne {6}create container container01 /m)
    expect(r.stderr).toContain('the demo failed: removing what it made')
    expect(r.stderr).toMatch(/applying two-region-containers\.yaml failed:\n {2}RegionTwo container container02: Zun 503: Service Unavailable/)
    expect(r.stderr).toContain('everything the demo made was removed')
    expect((await mrctl(['sim', 'fault', 'clear'], {configDir})).code).toBe(0)
    await expectNothingLeft()
    // And as a user sees it: no network of the demo in any region.
    const nets = await onSim(['network', 'list', '--all-regions', '-f', 'value', '-c', 'Name'])
    expect(nets.code, nets.stderr).toBe(0)
    expect(nets.stdout).not.toContain('container-net')
  })

  it('a bad --image: exit 2 before anything is sent, naming the file and how to make it', async () => {
    const r = await onSim(['demo', '--os-cloud', 'sim', '--image', '/nonexistent/cirros.tar'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('/nonexistent/cirros.tar: no such file (the docker image the demo')
    expect(r.stderr).toContain('docker save cirros -o /nonexistent/cirros.tar')
  })
})

describe(`mrctl demo --os-cloud on the ${TARGET} target`, () => {
  it('the two topologies on the target’s own cloud: shown, then removed, pods included', async () => {
    const emulators = await startEmulators()
    try {
      const image = join(mkdtempSync(join(tmpdir(), 'mrctl-it-demo-img-')), 'container_cirros')
      writeFileSync(image, Buffer.alloc(64 * 1024, 5))
      const pods = async () => (await mrctl(['multiregion', 'networking', 'pod', 'list', '-f', 'json'])).json as Array<Record<string, string>>
      expect(await pods(), 'the demo makes its own pods: none may exist').toEqual([])
      const r = await mrctl(['demo', '--os-cloud', ADMIN_CLOUD, '--image', image], {env: {OS_CLIENT_CONFIG_FILE: CLOUDS}})
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toMatch(/^ {2}RegionOne +container01 +Running +10\.0\.60\.\d+$/m)
      expect(r.stdout).toMatch(/^ {2}RegionTwo +container02 +Running +10\.0\.60\.\d+$/m)
      // The VIP: an address of the central subnet under Tricircle (sim); the real Octavia's noop driver hands out its own.
      expect(r.stdout).toMatch(/^load balancer: container-lb in RegionOne, VIP \d+\.\d+\.\d+\.\d+, ACTIVE\//m)
      expect(r.stdout).toMatch(/^destroyed: everything the demo made \(7 deletions, then the pods of /m)
      expect(await pods()).toEqual([])
      const nets = await mrctl(['network', 'list', '--all-regions', '-f', 'value', '-c', 'Name'])
      expect(nets.stdout).not.toMatch(/^container-net$/m)
    } finally {
      await emulators.stop()
    }
  })
})
