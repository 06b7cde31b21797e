/**
 * The built CLI (`bin/run.js` → `dist/`) against the Zun and Tricircle emulators started in this
 * process on free loopback ports, with in-memory Neutron and Glance, a clock the test moves, and a
 * minimal Keystone that issues a token whose catalog points at them. Commands are run as a user
 * types them (a child process, no TTY), so these tests see the output and the exit code.
 *
 * `npm run build` must have run: the tests refuse a missing or stale `dist/`.
 */
import {spawn} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {InMemoryGlanceBackend} from '../../src/sim/backends/glance-memory.js'
import {InMemoryNeutronBackend} from '../../src/sim/backends/neutron-memory.js'
import {StaticTokenValidator, type TokenInfo} from '../../src/sim/common/auth.js'
import {type RunningTricircleServer, startTricircleServer} from '../../src/sim/tricircle/index.js'
import {type RunningZunServer, startZunServer} from '../../src/sim/zun/index.js'

const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin', 'run.js')
const REGION = 'RegionOne'

/** The login names of clouds.yaml, and the token each gets. */
const USERS = {
  admin: {token: 'tok-cmd-admin', project: 'p-admin', admin: true},
  demo: {token: 'tok-cmd-demo', project: 'p-demo', admin: false},
} as const
export type CloudUser = keyof typeof USERS

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

export interface EmulatedCloud {
  zun: RunningZunServer
  tricircle: RunningTricircleServer
  neutron: InMemoryNeutronBackend
  /** The emulators' clock (epoch ms); move it instead of sleeping. */
  clock: {now: number}
  /** Runs `mrctl <args>` as `user` (default admin). */
  mrctl(args: string[], user?: CloudUser): Promise<RunResult>
  close(): Promise<void>
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** The CLI these tests run is the built one: refuse to test a build older than the sources. */
function assertFreshBuild(): void {
  const manifest = join(ROOT, 'oclif.manifest.json')
  let built: number
  try {
    built = statSync(manifest).mtimeMs
  } catch {
    throw new Error('test/commands runs the built CLI: run `npm run build` first')
  }
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'commands')))
  if (sources > built) throw new Error('dist/ is older than the sources: run `npm run build` first')
}

function tokenInfo(name: CloudUser): TokenInfo {
  const u = USERS[name]
  return {
    userId: `u-${name}`,
    userName: name,
    projectId: u.project,
    projectName: name,
    roles: u.admin ? ['admin', 'member'] : ['member'],
    isAdmin: u.admin,
    expiresAt: '2099-01-01T00:00:00Z',
  }
}

/** Keystone's `POST /v3/auth/tokens`, for the two users of clouds.yaml; nothing else. */
async function startKeystone(catalog: () => unknown[]): Promise<{url: string; close(): Promise<void>}> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        auth?: {identity?: {password?: {user?: {name?: string}}}}
      }
      const name = body.auth?.identity?.password?.user?.name as CloudUser | undefined
      if (req.method !== 'POST' || req.url !== '/v3/auth/tokens' || !name || !(name in USERS)) {
        res.writeHead(401, {'Content-Type': 'application/json'}).end('{"error": {"code": 401, "title": "Unauthorized", "message": "no"}}')
        return
      }
      const u = USERS[name]
      const token = {
        methods: ['password'],
        user: {id: `u-${name}`, name, domain: {id: 'default', name: 'Default'}},
        project: {id: u.project, name, domain: {id: 'default', name: 'Default'}},
        roles: u.admin ? [{id: 'r1', name: 'admin'}, {id: 'r2', name: 'member'}] : [{id: 'r2', name: 'member'}],
        issued_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        catalog: catalog(),
      }
      res.writeHead(201, {'Content-Type': 'application/json', 'X-Subject-Token': u.token}).end(JSON.stringify({token}))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`
  return {url, close: () => new Promise<void>((r) => server.close(() => r()))}
}

function entry(type: string, url: string): unknown {
  return {id: `svc-${type}`, type, name: type, endpoints: [{id: `${type}-1`, interface: 'public', region: REGION, region_id: REGION, url}]}
}

export async function startEmulatedCloud(): Promise<EmulatedCloud> {
  assertFreshBuild()
  const clock = {now: Date.parse('2026-11-23T05:26:43.008Z')}
  const now = () => new Date(clock.now)
  const auth = new StaticTokenValidator({[USERS.admin.token]: tokenInfo('admin'), [USERS.demo.token]: tokenInfo('demo')})
  const neutron = new InMemoryNeutronBackend()
  neutron.addNetwork({name: 'private', project_id: USERS.demo.project, cidr: '10.0.60.0/24', created_at: '2024-01-01T00:00:10Z'})
  neutron.addNetwork({name: 'shared-net', project_id: USERS.admin.project, shared: true, cidr: '10.0.80.0/24', created_at: '2024-01-01T00:00:05Z'})
  const zun = await startZunServer({
    auth,
    neutron,
    glance: new InMemoryGlanceBackend(),
    region: REGION,
    host: '127.0.0.1',
    port: 0,
    computeHost: 'node1',
    now,
  })
  const tricircle = await startTricircleServer({auth, host: '127.0.0.1', port: 0, now, jobSteps: {runningAfterMs: 0, successAfterMs: 0}})
  const keystone = await startKeystone(() => [
    entry('identity', 'http://127.0.0.1:1/v3'),
    entry('container', zun.endpoint),
    entry('tricircle', tricircle.endpoint),
  ])
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-cmd-'))
  const clouds = {
    clouds: Object.fromEntries(
      (Object.keys(USERS) as CloudUser[]).map((name) => [
        `emu-${name}`,
        {
          region_name: REGION,
          auth: {auth_url: keystone.url, username: name, password: `pw-${name}`, project_name: name, user_domain_name: 'Default', project_domain_name: 'Default'},
        },
      ]),
    ),
  }
  writeFileSync(join(dir, 'clouds.yaml'), JSON.stringify(clouds), {mode: 0o600})

  const mrctl = (args: string[], user: CloudUser = 'admin'): Promise<RunResult> =>
    new Promise((resolvePromise, reject) => {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: dir,
        OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'),
        OS_CLOUD: `emu-${user}`,
        MRCTL_CONFIG_DIR: join(dir, `config-${user}`),
        NO_COLOR: '1',
      }
      const child = spawn(process.execPath, [BIN, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']})
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d) => (stdout += d))
      child.stderr.on('data', (d) => (stderr += d))
      child.on('error', reject)
      child.on('close', (code) => resolvePromise({code: code ?? -1, stdout, stderr}))
    })

  return {
    zun,
    tricircle,
    neutron,
    clock,
    mrctl,
    async close() {
      await Promise.all([zun.close(), tricircle.close(), keystone.close()])
      rmSync(dir, {recursive: true, force: true})
    },
  }
}
