import {execFile} from 'node:child_process'
import {readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import YAML from 'yaml'

import {ADMIN_CLOUD, CLOUDS, endpoint, mrctl, T, tempConfigDir, token as adminToken, uniqueName} from './harness.js'

const PASSWORD = T.admin.password
const AUTH_URL = T.authUrl
const REGIONS = ['CentralRegion', 'RegionOne', 'RegionTwo']
const NEUTRON: Record<string, string> = Object.fromEntries(REGIONS.map((r) => [r, endpoint('network', r)]))

/** Networks made directly on each Neutron (not through mrctl), so the list commands have rows to show. */
const made: Array<{region: string; id: string; name: string}> = []

beforeAll(async () => {
  const token = await adminToken()
  for (const region of REGIONS) {
    const name = uniqueName(`it-found-${region.toLowerCase()}`)
    const res = await fetch(`${NEUTRON[region]}/v2.0/networks`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-Auth-Token': token},
      body: JSON.stringify({network: {name}}),
    })
    expect(res.status).toBe(201)
    made.push({region, id: ((await res.json()) as {network: {id: string}}).network.id, name})
  }
})

afterAll(async () => {
  const token = await adminToken()
  for (const n of made) await fetch(`${NEUTRON[n.region]}/v2.0/networks/${n.id}`, {method: 'DELETE', headers: {'X-Auth-Token': token}})
})

describe('profiles', () => {
  const dir = tempConfigDir()
  const noCloud = {OS_CLOUD: undefined, OS_CLIENT_CONFIG_FILE: undefined}

  it('imports a cloud from clouds.yaml, keeping its regions, with the secret in a 0600 file only', async () => {
    const r = await mrctl(['profile', 'import', ADMIN_CLOUD, '--file', CLOUDS, '--as', 'lab', '--secret-store', 'file'], {configDir: dir, env: noCloud})
    expect(r.stderr).not.toContain(PASSWORD)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('as profile lab')
    const profiles = readFileSync(join(dir, 'profiles.yaml'), 'utf8')
    expect(profiles).not.toContain(PASSWORD)
    expect(YAML.parse(profiles).clouds.lab.regions).toEqual(REGIONS)
    expect(statSync(join(dir, 'profiles.yaml')).mode & 0o777).toBe(0o600)
    expect(statSync(join(dir, 'secure.yaml')).mode & 0o777).toBe(0o600)
  })

  it('lists and shows the profile with the secret masked', async () => {
    const list = await mrctl(['profile', 'list', '-f', 'json'], {configDir: dir, env: noCloud})
    expect(list.code).toBe(0)
    expect(list.json).toEqual([
      {Name: 'lab', Default: true, 'Auth URL': AUTH_URL, Project: 'admin', User: 'admin', Regions: REGIONS},
    ])
    const show = await mrctl(['profile', 'show', 'lab', '-f', 'json'], {configDir: dir, env: noCloud})
    expect(show.code).toBe(0)
    expect(show.json['auth.password']).toBe('<redacted>')
    expect(show.stdout).not.toContain(PASSWORD)
  })

  it('runs API commands with the default profile and no clouds.yaml, and tests the profile per region', async () => {
    const r = await mrctl(['profile', 'test', '-f', 'json'], {configDir: dir, env: noCloud})
    expect(r.code).toBe(0)
    const byRegion = Object.fromEntries((r.json as Array<{Region: string; Services: string[]}>).map((x) => [x.Region, x.Services]))
    expect(Object.keys(byRegion)).toEqual(REGIONS)
    expect(byRegion.CentralRegion).toContain('network')
    expect(byRegion.RegionOne).toEqual(expect.arrayContaining(['network', 'image', 'load-balancer', 'container']))
    expect(byRegion.RegionTwo).not.toContain('load-balancer')
  })

  it('exports a clouds.yaml entry that the real openstack client accepts', async () => {
    const r = await mrctl(['profile', 'export', 'lab'], {configDir: dir, env: noCloud})
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain(PASSWORD)
    const file = join(dir, 'exported-clouds.yaml')
    writeFileSync(file, r.stdout, {mode: 0o600})
    // Asynchronous: on the sim target the simulated cloud answers from this very process.
    const {stdout: out} = await promisify(execFile)('openstack', ['--os-cloud', 'lab', '--os-region-name', 'RegionOne', 'network', 'list', '-f', 'json'], {
      env: {...process.env, OS_CLIENT_CONFIG_FILE: file, OS_PASSWORD: PASSWORD, OS_CLOUD: ''},
    })
    expect(JSON.parse(out).map((n: {Name: string}) => n.Name)).toContain(made.find((m) => m.region === 'RegionOne')!.name)
  })

  it('refuses a second profile of the same name, and one with missing fields without a terminal', async () => {
    const dup = await mrctl(['profile', 'add', 'lab', '--os-auth-url', AUTH_URL, '--os-username', 'admin', '--os-project-name', 'admin', '--secret-store', 'none'], {configDir: dir, env: noCloud})
    expect(dup.code).toBe(1)
    expect(dup.stderr).toContain('profile lab already exists')
    const missing = await mrctl(['profile', 'add', 'other', '--os-auth-url', AUTH_URL], {configDir: dir, env: noCloud})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/missing: --os-username, --os-project-name, --os-password/)
    expect(readFileSync(join(dir, 'profiles.yaml'), 'utf8')).not.toContain('other')
  })

  it('says clearly that there is no keychain here, and writes nothing', async () => {
    const r = await mrctl(['profile', 'add', 'kc', '--os-auth-url', AUTH_URL, '--os-username', 'admin', '--os-project-name', 'admin', '--os-password', PASSWORD], {
      configDir: dir,
      env: {...noCloud, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent'},
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('keychain is not available')
    expect(r.stderr).toContain('OS_PASSWORD')
    expect(r.stderr).toContain('--secret-store file')
    expect(r.stderr).not.toContain(PASSWORD)
    expect(readFileSync(join(dir, 'profiles.yaml'), 'utf8')).not.toContain('kc:')
  })
})

describe('API commands against Keystone and Neutron', () => {
  const dir = tempConfigDir()

  it('issues a token like openstack token issue, and reuses it on the next invocation', async () => {
    const first = await mrctl(['token', 'issue', '-f', 'json', '--debug'], {configDir: dir})
    expect(first.code).toBe(0)
    expect(Object.keys(first.json)).toEqual(['expires', 'id', 'project_id', 'user_id'])
    expect(first.json.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/)
    expect(first.stderr).toContain(`POST ${AUTH_URL}/auth/tokens`)
    expect(first.stderr).not.toContain(PASSWORD)
    expect(first.stderr).not.toContain(first.json.id)

    const second = await mrctl(['network', 'list', '--debug'], {configDir: dir})
    expect(second.code).toBe(0)
    expect(second.stderr).not.toContain('/auth/tokens')
    expect(second.stderr).toContain(`GET ${NEUTRON.CentralRegion}/v2.0/networks`)
  })

  it('keeps the token cache in a 0600 file without the password', () => {
    const tokens = join(dir, 'cache', 'tokens')
    const files = readdirSync(tokens)
    expect(files.length).toBe(1)
    const path = join(tokens, files[0])
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const text = readFileSync(path, 'utf8')
    expect(text).not.toContain(PASSWORD)
    expect(JSON.parse(text).token).toMatch(/^gAAAA/)
  })

  it('lists regions and the catalog as openstack does', async () => {
    const regions = await mrctl(['region', 'list', '-f', 'json'], {configDir: dir})
    expect(regions.code).toBe(0)
    expect(regions.json.map((r: {Region: string}) => r.Region).sort()).toEqual(REGIONS)
    expect(Object.keys(regions.json[0])).toEqual(['Region', 'Parent Region', 'Description'])
    const catalog = await mrctl(['catalog', 'list', '-f', 'json'], {configDir: dir})
    expect(catalog.code).toBe(0)
    const types = catalog.json.map((s: {Type: string}) => s.Type).sort()
    expect(types).toEqual(expect.arrayContaining(['container', 'identity', 'image', 'load-balancer', 'network', 'tricircle']))
    const table = await mrctl(['catalog', 'list'], {configDir: dir})
    expect(table.stdout).toMatch(/\| neutron +\| network +\| (CentralRegion|RegionOne|RegionTwo) +\|/)
    expect(table.stdout).toContain(`  public: ${NEUTRON.CentralRegion}`)
  })

  for (const region of REGIONS) {
    it(`lists networks in ${region} only`, async () => {
      const r = await mrctl(['network', 'list', '--os-region-name', region, '-f', 'json'], {configDir: dir})
      expect(r.code).toBe(0)
      const names = r.json.map((n: {Name: string}) => n.Name)
      for (const m of made) expect(names.includes(m.name)).toBe(m.region === region)
      expect(Object.keys(r.json[0])).toEqual(['ID', 'Name', 'Subnets'])
    })
  }

  it('lists networks in every region in parallel with a Region column', async () => {
    const r = await mrctl(['network', 'list', '--all-regions', '-f', 'json'], {configDir: dir})
    expect(r.code).toBe(0)
    for (const m of made) expect(r.json).toContainEqual({Region: m.region, ID: m.id, Name: m.name, Subnets: []})
    const table = await mrctl(['network', 'list', '--all-regions'], {configDir: dir})
    expect(table.stdout.split('\n')[1]).toMatch(/^\| Region +\| ID +\| Name +\| Subnets +\|$/)
  })

  it('wraps results in the --json envelope', async () => {
    const r = await mrctl(['network', 'list', '--os-region-name', 'RegionTwo', '--json'], {configDir: dir})
    expect(r.code).toBe(0)
    expect(r.json.status).toBe(0)
    expect(r.json.warnings).toEqual([])
    expect(r.json.result).toContainEqual({ID: made[2].id, Name: made[2].name, Subnets: []})
  })

  it('fails clearly on a wrong password, without printing it', async () => {
    const wrong = 'not-the-password-42'
    const r = await mrctl(['network', 'list'], {env: {OS_PASSWORD: wrong}})
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^Keystone 401: .*\(request req-[0-9a-f-]+\)/)
    expect(r.stderr).not.toContain(wrong)
    const j = await mrctl(['network', 'list', '--json'], {env: {OS_PASSWORD: wrong}})
    expect(j.code).toBe(1)
    expect(j.json).toMatchObject({status: 1, name: 'AuthError', code: 'HTTP401'})
    expect(j.stdout).not.toContain(wrong)
  })

  it('names the valid regions when the region is unknown', async () => {
    const r = await mrctl(['network', 'list', '--os-region-name', 'NoSuchRegion'], {configDir: dir})
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      `Region NoSuchRegion is not a valid region name for cloud ${ADMIN_CLOUD}. Valid choices are CentralRegion,RegionOne,RegionTwo.`,
    )
    const r2 = await mrctl(['network', 'list', '--region', 'NoSuchRegion', '--region', 'RegionOne'], {configDir: dir})
    expect(r2.code).toBe(3)
    expect(r2.stderr).toMatch(/NoSuchRegion: .*not found/)
    expect(r2.stderr).toContain('regions with network: CentralRegion, RegionOne, RegionTwo')
    expect(r2.stdout).toContain(made[1].name)
  })

  it('works from OS_* variables alone, with no clouds.yaml and no profile', async () => {
    const r = await mrctl(['network', 'list', '-f', 'value', '-c', 'Name'], {
      env: {
        OS_CLOUD: undefined,
        OS_CLIENT_CONFIG_FILE: '/nonexistent/clouds.yaml',
        OS_AUTH_URL: AUTH_URL,
        OS_USERNAME: 'admin',
        OS_PASSWORD: PASSWORD,
        OS_PROJECT_NAME: 'admin',
        OS_USER_DOMAIN_NAME: 'Default',
        OS_PROJECT_DOMAIN_NAME: 'Default',
        OS_REGION_NAME: 'RegionOne',
      },
    })
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n')).toContain(made[1].name)
  })

  it('exits 2 on a usage error', async () => {
    const r = await mrctl(['network', 'list', '--no-such-flag'], {configDir: dir})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Nonexistent flag: --no-such-flag')
  })

  it('revokes a token', async () => {
    const t = await mrctl(['token', 'issue', '-f', 'value', '-c', 'id'], {configDir: dir})
    const token = t.stdout.trim()
    const r = await mrctl(['token', 'revoke', token], {configDir: dir})
    expect(r.code).toBe(0)
    const again = await mrctl(['network', 'list', '--debug'], {configDir: dir})
    expect(again.code).toBe(0)
    expect(again.stderr).toContain(`POST ${AUTH_URL}/auth/tokens`)
  })
})
