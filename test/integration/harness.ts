import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {afterAll, it} from 'vitest'
import YAML from 'yaml'

import type {CloudOptions, SimCloud} from '../../src/sim/cloud/cloud.js'
import type {TricircleState} from '../../src/sim/tricircle/index.js'

/**
 * The integration suite runs against one of two targets (`MRCTL_IT_TARGET`):
 * - `real` (default): the real Keystone, Neutron, Glance and Octavia of ../shared/real-openstack,
 *   with the Zun and Tricircle emulators started over them (`mrctl sim up --cloud`);
 * - `sim`: a simulated cloud started in this process for the test file, shaped like
 *   real-openstack (CentralRegion with the central Neutron and Tricircle; RegionOne with Neutron,
 *   Glance, Octavia and Zun; RegionTwo without Octavia), its clouds.yaml in a temporary folder.
 * Tests take endpoints, cloud names and credentials from here, never from fixed ports, and a test
 * that cannot pass on one target says why with `itOnReal(reason)` / `itOnSim(reason)`.
 */

export type TargetName = 'real' | 'sim'
export const TARGET: TargetName = process.env.MRCTL_IT_TARGET === 'sim' ? 'sim' : 'real'
export const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin', 'run.js')

const REAL_CLOUDS = process.env.MRCTL_IT_CLOUDS ?? '/var/tmp/real-openstack/clouds.yaml'

export interface TargetInfo {
  clouds: string
  /** The admin cloud (every region, CentralRegion by default) and the non-admin demo one. */
  adminCloud: string
  demoCloud: string
  authUrl: string
  admin: {username: string; password: string; project: string}
  demo: {username: string; password: string; project: string}
  /** Per service type, per region: the catalog endpoint as a client sees it. */
  endpoints: Record<string, Record<string, string>>
}

let sim: SimCloud | undefined

/** A simulated cloud started in this process, its clouds.yaml (clouds `sim` and `sim-demo`) in a temporary folder. */
export async function startOwnSim(opts: CloudOptions): Promise<{sim: SimCloud; clouds: string}> {
  const {startCloud} = await import('../../src/sim/cloud/cloud.js')
  const cloud = await startCloud({onError: (e) => console.error('sim:', e), ...opts})
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-it-sim-'))
  const clouds = join(dir, 'clouds.yaml')
  writeFileSync(clouds, YAML.stringify(cloud.cloudsDocument('sim')), {mode: 0o600})
  return {sim: cloud, clouds}
}

async function startSimTarget(): Promise<TargetInfo> {
  let clouds: string
  ;({sim, clouds} = await startOwnSim({regions: ['CentralRegion', 'RegionOne', 'RegionTwo'], services: {RegionTwo: ['network', 'image', 'container']}}))
  const endpoints: Record<string, Record<string, string>> = {}
  for (const e of sim.endpoints()) (endpoints[e.service] ??= {})[e.region] = e.url
  const user = (u: SimCloud['users']['admin']) => ({username: u.username, password: u.password, project: u.project_name})
  return {clouds, adminCloud: 'sim', demoCloud: 'sim-demo', authUrl: sim.authUrl, admin: user(sim.users.admin), demo: user(sim.users.demo), endpoints}
}

function realTarget(): TargetInfo {
  const doc = YAML.parse(readFileSync(REAL_CLOUDS, 'utf8')) as {clouds: Record<string, {auth: Record<string, string>}>}
  const a = doc.clouds['real-openstack'].auth
  const d = doc.clouds['real-openstack-demo'].auth
  const url = (port: number, path = '') => `http://127.0.0.1:${port}${path}`
  return {
    clouds: REAL_CLOUDS,
    adminCloud: 'real-openstack',
    demoCloud: 'real-openstack-demo',
    authUrl: a.auth_url.replace(/\/+$/, ''),
    admin: {username: a.username, password: a.password, project: a.project_name},
    demo: {username: d.username, password: d.password, project: d.project_name},
    endpoints: {
      network: {CentralRegion: url(9696), RegionOne: url(9697), RegionTwo: url(9698)},
      image: {RegionOne: url(9292), RegionTwo: url(9293)},
      'load-balancer': {RegionOne: url(9876)},
      container: {RegionOne: url(9517, '/v1'), RegionTwo: url(9518, '/v1')},
      tricircle: {CentralRegion: url(19999, '/v1.0')},
    },
  }
}

export const T: TargetInfo = TARGET === 'sim' ? await startSimTarget() : realTarget()
if (sim) afterAll(async () => await sim?.close())

/** The clouds.yaml of the target. */
export const CLOUDS = T.clouds
export const ADMIN_CLOUD = T.adminCloud
export const DEMO_CLOUD = T.demoCloud

/** A service's endpoint in a region, without a version suffix for container/tricircle (`root`) or with it. */
export function endpoint(service: string, region: string, opts: {root?: boolean} = {}): string {
  const url = T.endpoints[service]?.[region]
  if (!url) throw new Error(`the ${TARGET} target has no ${service} in ${region}`)
  return opts.root ? url.replace(/\/v1(\.0)?$/, '') : url
}

/** A test that needs something only the real target has: skipped on the sim, with the reason in its title. */
export function itOnReal(reason: string): typeof it {
  return (TARGET === 'real' ? it : (name: string, fn?: never, t?: never) => it.skip(`${name} [sim gap: ${reason}]`, fn, t)) as typeof it
}

/** A test that needs something only the sim offers (a clock or state it controls): skipped on the real target. */
export function itOnSim(reason: string): typeof it {
  return (TARGET === 'sim' ? it : (name: string, fn?: never, t?: never) => it.skip(`${name} [real gap: ${reason}]`, fn, t)) as typeof it
}

/** The simulated cloud of this file (sim target only). */
export function simCloud(): SimCloud {
  if (!sim) throw new Error('simCloud() is for the sim target')
  return sim
}

export interface RunResult {
  code: number
  stdout: string
  stderr: string
  /** stdout parsed as JSON (undefined when it is not JSON). */
  json: any
}

/** A fresh, empty mrctl config folder (profiles and token cache) for one test file. */
export function tempConfigDir(): string {
  return mkdtempSync(join(tmpdir(), 'mrctl-it-'))
}

/** gophercloud's RandomString: names no other run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`
}

/**
 * Runs the built CLI as a user would: a child process, no TTY, the target's admin cloud chosen
 * through OS_CLIENT_CONFIG_FILE and OS_CLOUD unless the test says otherwise.
 */
export function mrctl(args: string[], opts: {env?: Record<string, string | undefined>; configDir?: string; input?: string} = {}): Promise<RunResult> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    OS_CLIENT_CONFIG_FILE: CLOUDS,
    OS_CLOUD: ADMIN_CLOUD,
    MRCTL_CONFIG_DIR: opts.configDir ?? tempConfigDir(),
    NO_COLOR: '1',
    ...opts.env,
  }
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k]
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      let json: unknown
      try {
        json = JSON.parse(stdout)
      } catch {
        json = undefined
      }
      resolvePromise({code: code ?? -1, stdout, stderr, json})
    })
    child.stdin.end(opts.input ?? '')
  })
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let delay = 100
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, delay))
    delay = Math.min(delay * 2, 2000)
  }
}

/** A project-scoped token of the target's admin (or demo) user, straight from Keystone. */
export async function token(user: 'admin' | 'demo' = 'admin'): Promise<string> {
  const u = T[user]
  const res = await fetch(`${T.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({auth: {identity: {methods: ['password'], password: {user: {name: u.username, domain: {name: 'Default'}, password: u.password}}}, scope: {project: {name: u.project, domain: {name: 'Default'}}}}}),
  })
  if (res.status !== 201) throw new Error(`Keystone refused the ${user} password (${res.status})`)
  return res.headers.get('x-subject-token')!
}

/** How long another test run may hold the emulators' fixed ports (real target) before giving up. */
const EMULATOR_WAIT_MS = 540_000

/**
 * The Zun (and Tricircle) emulators for a test file. Real target: `mrctl sim up --cloud` over the
 * real services, on the catalog's fixed ports (retrying while another run holds them); stop()
 * ends it. Sim target: the simulated cloud already serves them; stop() does nothing.
 */
export async function startEmulators(services: string[] = ['zun', 'tricircle']): Promise<{stop(): Promise<void>}> {
  if (TARGET === 'sim') return {stop: async () => {}}
  const configDir = tempConfigDir()
  const deadline = Date.now() + EMULATOR_WAIT_MS
  for (;;) {
    const r = await mrctl(['sim', 'up', '--cloud', ADMIN_CLOUD, '--services', services.join(','), '--detach'], {configDir, env: {OS_CLOUD: undefined}})
    if (r.code === 0) break
    if (!/in use|EADDRINUSE|MODULE_NOT_FOUND/i.test(r.stderr) || Date.now() > deadline) throw new Error(`sim up --cloud failed (${r.code}): ${r.stderr}`)
    await new Promise((done) => setTimeout(done, 2000))
  }
  return {
    async stop() {
      // Another session's build can remove dist/ for a moment: retry, then stop it by its pid.
      for (let i = 0; i < 10; i++) {
        const r = await mrctl(['sim', 'down'], {configDir})
        if (r.code === 0 || /no simulator is running/.test(r.stderr)) return
        await new Promise((done) => setTimeout(done, 3000))
      }
      try {
        const {pid} = JSON.parse(readFileSync(join(configDir, 'sim', 'run.json'), 'utf8')) as {pid: number}
        process.kill(pid, 'SIGTERM')
      } catch {
        // Already gone.
      }
    },
  }
}

/**
 * A Tricircle emulator whose state the test can reach (to pin a job's status), with the job
 * schedule and page size it needs. Real target: one in this process on the catalog's port,
 * validating tokens with the real Keystone. Sim target: the simulated cloud's own, reconfigured.
 */
export async function tricircleEmulator(opts: {jobSteps: {runningAfterMs: number; successAfterMs: number}; paginationMaxLimit: number}): Promise<{state: TricircleState; close(): Promise<void>}> {
  if (sim) {
    const state = sim.region('CentralRegion')!.tricircle!.state
    Object.assign(state.config.jobSteps, opts.jobSteps)
    state.config.paginationMaxLimit = opts.paginationMaxLimit
    return {state, close: async () => {}}
  }
  const [{KeystoneTokenValidator}, {startTricircleServer}] = await Promise.all([import('../../src/sim/common/auth.js'), import('../../src/sim/tricircle/index.js')])
  const auth = new KeystoneTokenValidator({authUrl: T.authUrl, username: T.admin.username, password: T.admin.password, projectName: T.admin.project})
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      const srv = await startTricircleServer({auth, host: '127.0.0.1', port: 19999, ...opts})
      return {state: srv.state, close: () => srv.close()}
    } catch (error) {
      if (!/already in use/.test((error as Error).message) || Date.now() > deadline) throw error
      await new Promise((done) => setTimeout(done, 250))
    }
  }
}

/** The target's admin token and its catalog, straight from Keystone (to check the servers without mrctl). */
export async function adminLogin(): Promise<{token: string; catalog: Array<{type: string; endpoints: Array<{region_id?: string | null; region?: string | null; interface: string; url: string}>}>}> {
  const u = T.admin
  const res = await fetch(`${T.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({auth: {identity: {methods: ['password'], password: {user: {name: u.username, domain: {name: 'Default'}, password: u.password}}}, scope: {project: {name: u.project, domain: {name: 'Default'}}}}}),
  })
  if (res.status !== 201) throw new Error(`Keystone refused the admin password (${res.status})`)
  return {token: res.headers.get('x-subject-token')!, catalog: ((await res.json()) as {token: {catalog: never}}).token.catalog}
}
