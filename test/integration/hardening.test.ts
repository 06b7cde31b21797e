// Issue 8's fault-injection pass, as a user meets it: the built binary against the real services,
// with a loopback proxy (test/fakes/proxy.ts) in front of one service at a time for what they
// will not do on demand (TLS with a private CA, a stalled body, a 503 after the work was done,
// Retry-After: 3600, an error body echoing the token). Plus issue 9's "credentials mean what
// they say" against the real Keystone.
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import YAML from 'yaml'

import {FaultProxy, type Fault, type ProxyRequest} from '../fakes/proxy.js'
import {makeTestPki, type TestPki} from '../fakes/tls.js'
import {DEMO_CLOUD, endpoint, mrctl, T, tempConfigDir, uniqueName} from './harness.js'

const ADMIN = T.admin
const KEYSTONE = T.authUrl.replace(/\/v3$/, '')
const NEUTRON_ONE = endpoint('network', 'RegionOne')

let dir: string
let pki: TestPki
const proxies: FaultProxy[] = []

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mrctl-it-hardening-'))
  pki = makeTestPki(dir)
})
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()))
  rmSync(dir, {recursive: true, force: true})
})

async function proxy(target: string, fault: (req: ProxyRequest, index: number) => Fault, tls = false): Promise<{url: string; p: FaultProxy}> {
  const p = new FaultProxy(target, fault, tls ? {key: pki.key, cert: pki.cert} : undefined)
  proxies.push(p)
  return {url: await p.start(), p}
}

/** A clouds.yaml with one cloud `c`: the real admin, with the entry's extra keys (auth_url, cacert, regions…). */
function cloudsFile(extra: Record<string, unknown>, auth: Record<string, string> = {}): string {
  const path = join(dir, `clouds-${uniqueName('c')}.yaml`)
  const cloud = {
    auth: {auth_url: `${KEYSTONE}/v3`, username: ADMIN.username, password: ADMIN.password, project_name: ADMIN.project, user_domain_name: 'Default', project_domain_name: 'Default', ...auth},
    region_name: 'RegionOne',
    interface: 'public',
    identity_api_version: 3,
    ...extra,
  }
  writeFileSync(path, YAML.stringify({clouds: {c: cloud}}), {mode: 0o600})
  return path
}

const withClouds = (path: string) => ({OS_CLIENT_CONFIG_FILE: path, OS_CLOUD: 'c'})
const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Warning: '))

async function adminToken(): Promise<string> {
  const res = await fetch(`${KEYSTONE}/v3/auth/tokens`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({
      auth: {
        identity: {methods: ['password'], password: {user: {name: ADMIN.username, domain: {name: 'Default'}, password: ADMIN.password}}},
        scope: {project: {name: 'admin', domain: {name: 'Default'}}},
      },
    }),
  })
  return res.headers.get('x-subject-token')!
}

describe('TLS: --os-cacert and --insecure work (Keystone behind https with a CA made here)', () => {
  let tlsKeystone: string
  beforeAll(async () => {
    tlsKeystone = (await proxy(KEYSTONE, () => undefined, true)).url
  })

  it('refuses the unknown CA by default, naming the certificate problem and both options', async () => {
    const r = await mrctl(['network', 'list', '-f', 'json'], {env: withClouds(cloudsFile({}, {auth_url: `${tlsKeystone}/v3`}))})
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(new RegExp(`Keystone: the TLS certificate of ${tlsKeystone.replace(/\./g, '\\.')} cannot be verified \\(`))
    expect(r.stderr).toContain('--os-cacert FILE')
    expect(r.stderr).toContain('--insecure')
  })

  it('accepts it with --os-cacert CA, with no warning', async () => {
    const r = await mrctl(['network', 'list', '-f', 'json', '--os-cacert', pki.caFile], {env: withClouds(cloudsFile({}, {auth_url: `${tlsKeystone}/v3`}))})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(Array.isArray(r.json)).toBe(true)
  })

  it('accepts it with --insecure, with exactly one warning', async () => {
    const r = await mrctl(['network', 'list', '-f', 'json', '--insecure'], {env: withClouds(cloudsFile({}, {auth_url: `${tlsKeystone}/v3`}))})
    expect(r.code).toBe(0)
    expect(warnings(r.stderr)).toEqual(['Warning: TLS certificates are not verified (--insecure or verify: false): use --os-cacert instead where you can'])
  })

  it('the same from clouds.yaml: cacert: accepted silently, verify: false with the warning, a wrong CA refused', async () => {
    const withCa = await mrctl(['network', 'list', '-f', 'json'], {env: withClouds(cloudsFile({cacert: pki.caFile}, {auth_url: `${tlsKeystone}/v3`}))})
    expect(withCa.code).toBe(0)
    expect(withCa.stderr).toBe('')
    const noVerify = await mrctl(['network', 'list', '-f', 'json'], {env: withClouds(cloudsFile({verify: false}, {auth_url: `${tlsKeystone}/v3`}))})
    expect(noVerify.code).toBe(0)
    expect(warnings(noVerify.stderr)).toHaveLength(1)
    const wrongCa = await mrctl(['network', 'list', '-f', 'json'], {env: withClouds(cloudsFile({cacert: pki.otherCaFile}, {auth_url: `${tlsKeystone}/v3`}))})
    expect(wrongCa.code).toBe(1)
    expect(wrongCa.stderr).toContain('cannot be verified')
  })

  it('OS_CACERT works like --os-cacert', async () => {
    const r = await mrctl(['network', 'list', '-f', 'json'], {env: {...withClouds(cloudsFile({}, {auth_url: `${tlsKeystone}/v3`})), OS_CACERT: pki.caFile}})
    expect(r.code).toBe(0)
  })

  it('--insecure over plain http (the real cloud) works', async () => {
    const r = await mrctl(['network', 'list', '-f', 'json', '--insecure', '--os-region-name', 'RegionOne'])
    expect(r.code).toBe(0)
    expect(Array.isArray(r.json)).toBe(true)
  })
})

describe('every wait is bounded', () => {
  it('a Neutron whose body stalls fails after --http-timeout; --all-regions reports it and lists the others (exit 3)', async () => {
    const {url} = await proxy(NEUTRON_ONE, (req) => (req.method === 'GET' && req.path.startsWith('/v2.0/networks') ? 'stall-body' : undefined))
    const clouds = cloudsFile({regions: ['CentralRegion', {name: 'RegionOne', values: {network_endpoint_override: url}}, 'RegionTwo']})
    const started = Date.now()
    const r = await mrctl(['network', 'list', '--all-regions', '--http-timeout', '3', '-f', 'json'], {env: withClouds(clouds)})
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(r.code).toBe(3)
    expect(warnings(r.stderr).join('\n')).toContain(`RegionOne: Neutron: ${url} did not finish its answer within 3 s`)
    expect(Array.isArray(r.json)).toBe(true)
  })

  it('a 503 with Retry-After: 3600 ends at once with the reason, whatever the budget', async () => {
    const {url} = await proxy(NEUTRON_ONE, () => ({retryAfter: '3600'}))
    const clouds = cloudsFile({regions: [{name: 'RegionOne', values: {network_endpoint_override: url}}]})
    const started = Date.now()
    const r = await mrctl(['network', 'list', '--http-timeout', '5'], {env: withClouds(clouds)})
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Neutron 503: maintenance')
    expect(r.stderr).toMatch(/Neutron asked to retry after 3600 s, more than the [\d.]+ s left of --http-timeout/)
  })

  it('MRCTL_HTTP_TIMEOUT=abc and --http-timeout 99999999999 are usage errors (exit 2) naming the limit', async () => {
    const env = await mrctl(['network', 'list'], {env: {MRCTL_HTTP_TIMEOUT: 'abc'}})
    expect(env.code).toBe(2)
    expect(env.stderr).toContain('MRCTL_HTTP_TIMEOUT=abc is not a number of seconds from 1 to 2147483')
    const zero = await mrctl(['network', 'list'], {env: {MRCTL_HTTP_TIMEOUT: '0'}})
    expect(zero.code).toBe(2)
    const flag = await mrctl(['network', 'list', '--http-timeout', '99999999999'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain('2147483')
  })
})

describe('a DELETE whose 503 came after the work was done', () => {
  it('is retried, gets 404, and is reported as deleted', async () => {
    const token = await adminToken()
    const name = uniqueName('it-hard-del')
    const made = await fetch(`${NEUTRON_ONE}/v2.0/networks`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-Auth-Token': token},
      body: JSON.stringify({network: {name}}),
    })
    const id = ((await made.json()) as {network: {id: string}}).network.id
    try {
      let deletes = 0
      const {url, p} = await proxy(NEUTRON_ONE, (req) => (req.method === 'DELETE' && deletes++ === 0 ? '503-after-forward' : undefined))
      const clouds = cloudsFile({regions: [{name: 'RegionOne', values: {network_endpoint_override: url}}]})
      const r = await mrctl(['network', 'delete', id], {env: withClouds(clouds)})
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(p.received.filter((q) => q.method === 'DELETE')).toHaveLength(2)
      const gone = await fetch(`${NEUTRON_ONE}/v2.0/networks/${id}`, {headers: {'X-Auth-Token': token}})
      expect(gone.status).toBe(404)
    } finally {
      await fetch(`${NEUTRON_ONE}/v2.0/networks/${id}`, {method: 'DELETE', headers: {'X-Auth-Token': token}})
    }
  })
})

describe('secrets echoed by a server are scrubbed everywhere', () => {
  it('the issued token and the password never reach stderr, the --json envelope or --debug', async () => {
    const {url, p} = await proxy(NEUTRON_ONE, () => ({echoToken: `for admin with password ${ADMIN.password}`}))
    const clouds = cloudsFile({regions: ['CentralRegion', {name: 'RegionOne', values: {network_endpoint_override: url}}]})
    const configDir = tempConfigDir()
    const runs = [
      await mrctl(['network', 'list', '--os-region-name', 'RegionOne'], {env: withClouds(clouds), configDir}),
      await mrctl(['network', 'list', '--os-region-name', 'RegionOne', '--json'], {env: withClouds(clouds), configDir}),
      await mrctl(['network', 'list', '--os-region-name', 'RegionOne', '--debug'], {env: withClouds(clouds), configDir}),
      await mrctl(['network', 'list', '--all-regions', '--json'], {env: withClouds(clouds), configDir}),
    ]
    const tokens = new Set(p.received.map((q) => String(q.headers['x-auth-token'])))
    expect(tokens.size).toBeGreaterThan(0)
    for (const r of runs) {
      for (const t of tokens) expect(r.stdout + r.stderr).not.toContain(t)
      expect(r.stdout + r.stderr).not.toContain(ADMIN.password)
    }
    expect(runs[0].code).toBe(1)
    expect(runs[0].stderr).toContain('Neutron 500: token *** rejected: for admin with password ***')
    expect(runs[1].json.message).toBe('Neutron 500: token *** rejected: for admin with password ***')
    expect(runs[2].stderr).toContain('RESP BODY:')
    expect(runs[3].code).toBe(3)
    expect(runs[3].json.warnings.join('\n')).toContain('RegionOne: Neutron 500: token *** rejected')
  })
})

describe('credentials mean what they say (issue 9): the real Keystone decides', () => {
  it('a wrong password is refused (401, exit 1) even with a token cached for that user', async () => {
    const configDir = tempConfigDir()
    const ok = await mrctl(['network', 'list', '-f', 'json', '--os-region-name', 'RegionOne'], {configDir})
    expect(ok.code).toBe(0)
    expect(readdirSync(join(configDir, 'cache', 'tokens'))).toHaveLength(1)

    const wrong = await mrctl(['network', 'list', '-f', 'json', '--os-region-name', 'RegionOne', '--os-password', 'wrong'], {configDir})
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('Keystone 401')
    // another cloud entry of the same user, with a wrong password
    const other = await mrctl(['network', 'list', '--os-password', 'wrong'], {configDir, env: withClouds(cloudsFile({}))})
    expect(other.code).toBe(1)
    expect(other.stderr).toContain('Keystone 401')
    // the right password still works, from the cache
    const again = await mrctl(['network', 'list', '-f', 'json', '--os-region-name', 'RegionOne', '--debug'], {configDir})
    expect(again.code).toBe(0)
    expect(again.stderr).not.toContain('/v3/auth/tokens')
  })

  it('the demo user too: cached with its password, refused with another', async () => {
    const configDir = tempConfigDir()
    expect((await mrctl(['network', 'list', '--os-cloud', DEMO_CLOUD], {configDir})).code).toBe(0)
    const wrong = await mrctl(['network', 'list', '--os-cloud', DEMO_CLOUD, '--os-password', 'wrong'], {configDir})
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('Keystone 401')
  })
})

describe('the token cache and the profile files', () => {
  it('a cache entry holding null, then a cache entry that is a folder: the command works, with one warning, no temp file', async () => {
    const configDir = tempConfigDir()
    expect((await mrctl(['network', 'list', '--os-region-name', 'RegionOne'], {configDir})).code).toBe(0)
    const tokens = join(configDir, 'cache', 'tokens')
    const [entry] = readdirSync(tokens)
    writeFileSync(join(tokens, entry), 'null')
    const afterNull = await mrctl(['network', 'list', '--os-region-name', 'RegionOne', '-f', 'json'], {configDir})
    expect(afterNull.code).toBe(0)
    rmSync(join(tokens, entry))
    mkdirSync(join(tokens, entry), {mode: 0o700})
    const afterDir = await mrctl(['network', 'list', '--os-region-name', 'RegionOne', '-f', 'json'], {configDir})
    expect(afterDir.code).toBe(0)
    expect(warnings(afterDir.stderr).filter((w) => w.includes('token cache'))).toHaveLength(1)
    expect(readdirSync(tokens)).toEqual([entry])
  })

  it('a token file readable by others is made 0600, with a warning', async () => {
    const configDir = tempConfigDir()
    expect((await mrctl(['network', 'list', '--os-region-name', 'RegionOne'], {configDir})).code).toBe(0)
    const tokens = join(configDir, 'cache', 'tokens')
    const file = join(tokens, readdirSync(tokens)[0])
    execFileSync('chmod', ['644', file])
    const r = await mrctl(['network', 'list', '--os-region-name', 'RegionOne'], {configDir})
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(`Warning: ${file} could be read by other users (mode 0644): changed it to 0600`)
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('ten parallel profile add leave ten profiles, each with its secret', async () => {
    const configDir = tempConfigDir()
    const noCloud = {OS_CLOUD: undefined, OS_CLIENT_CONFIG_FILE: undefined}
    const runs = await Promise.all(
      Array.from({length: 10}, (_, i) =>
        mrctl(
          ['profile', 'add', `par${i}`, '--os-auth-url', `${KEYSTONE}/v3`, '--os-username', 'admin', '--os-project-name', 'admin', '--os-password', `pw-${i}-long`, '--region', 'RegionOne', '--secret-store', 'file'],
          {configDir, env: noCloud},
        ),
      ),
    )
    expect(runs.map((r) => r.code)).toEqual(Array.from({length: 10}, () => 0))
    const profiles = YAML.parse(readFileSync(join(configDir, 'profiles.yaml'), 'utf8')).clouds
    const secrets = YAML.parse(readFileSync(join(configDir, 'secure.yaml'), 'utf8')).clouds
    expect(Object.keys(profiles).sort()).toEqual(Array.from({length: 10}, (_, i) => `par${i}`).sort())
    expect(Object.keys(secrets).sort()).toEqual(Object.keys(profiles).sort())
    for (let i = 0; i < 10; i++) expect(secrets[`par${i}`].auth.password).toBe(`pw-${i}-long`)
  })

  it('profile show masks the password of a user:password URL (auth URL, endpoint override), in a table and in JSON', async () => {
    const configDir = tempConfigDir()
    const noCloud = {OS_CLOUD: undefined, OS_CLIENT_CONFIG_FILE: undefined}
    const add = await mrctl(
      ['profile', 'add', 'urlp', '--os-auth-url', 'http://admin:hunter22@127.0.0.1:5000/v3', '--os-username', 'admin', '--os-project-name', 'admin',
        '--os-password', 'x-long-pw', '--secret-store', 'file', '--endpoint', 'RegionOne:network=http://u:ovr-secret@127.0.0.1:9697'],
      {configDir, env: noCloud},
    )
    expect(add.code).toBe(0)
    for (const format of [['-f', 'table'], ['-f', 'json'], ['--json']]) {
      const show = await mrctl(['profile', 'show', 'urlp', ...format], {configDir, env: noCloud})
      expect(show.code).toBe(0)
      expect(show.stdout).toContain('http://admin:***@127.0.0.1:5000/v3')
      expect(show.stdout + show.stderr).not.toMatch(/hunter22|ovr-secret|x-long-pw/)
    }
  })

  it('image create --file on a FIFO is refused at once (exit 2), nothing created', async () => {
    const fifo = join(dir, 'image.fifo')
    execFileSync('mkfifo', [fifo])
    const name = uniqueName('it-hard-fifo')
    const started = Date.now()
    const r = await mrctl(['image', 'create', name, '--file', fifo, '--os-region-name', 'RegionOne'])
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--file ${fifo} is not a regular file (a named pipe)`)
    const list = await mrctl(['image', 'list', '--name', name, '-f', 'json', '--os-region-name', 'RegionOne'])
    expect(list.json).toEqual([])
  })
})
