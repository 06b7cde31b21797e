/**
 * `mrctl appcontainer image|host|service|availability zone|quota|registry …` through the built
 * CLI, against the Zun emulator (real target: `mrctl sim up --cloud … --services zun --detach` on the
 * catalog's container endpoints, checking tokens with the real Keystone; sim target: the simulated
 * cloud's own) — admin is admin; demo is not. Where the output is deterministic it is compared with
 * what the real `openstack appcontainer …` (python-zunclient) prints against the same emulator.
 *
 * The non-admin runs use the demo user through OS_* variables: the demo cloud of real-openstack
 * names only CentralRegion, and `--os-region-name RegionOne` is refused for it (by openstack too).
 */
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ADMIN_CLOUD, CLOUDS, endpoint, mrctl, pollUntil, type RunResult, startEmulators, T, tempConfigDir, uniqueName} from './harness.js'

const exec = promisify(execFile)
const R = ['--os-region-name', 'RegionOne']
const REQ = /\(request req-[0-9a-f-]{36}\)/
const ADMIN_HINT = "  Zun's default policy allows this to admins only: use an admin cloud or profile (--os-cloud, --profile)"

const configDir = tempConfigDir()
const demoDir = tempConfigDir()
const DEMO_ENV = {
  OS_CLOUD: undefined,
  OS_CLIENT_CONFIG_FILE: undefined,
  OS_AUTH_URL: T.authUrl,
  OS_USERNAME: T.demo.username,
  OS_PASSWORD: T.demo.password,
  OS_PROJECT_NAME: T.demo.project,
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_DOMAIN_NAME: 'Default',
}

/** `mrctl appcontainer <args> --os-region-name RegionOne` as admin. */
const z = (args: string[]): Promise<RunResult> => mrctl(['appcontainer', ...args, ...R], {configDir})
const demo = (args: string[]): Promise<RunResult> => mrctl(['appcontainer', ...args, ...R], {configDir: demoDir, env: DEMO_ENV})

/** The real client, same cloud and region; its exit code and output instead of a throw. */
async function openstack(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const r = await exec('openstack', [...R, 'appcontainer', ...args], {
      env: {...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS, OS_CLOUD: ADMIN_CLOUD},
      timeout: 120_000,
    })
    return {code: 0, stdout: r.stdout, stderr: r.stderr}
  } catch (error) {
    const e = error as {code?: number; stdout?: string; stderr?: string}
    return {code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? ''}
  }
}

/** mrctl and openstack print the same thing, byte for byte, both exiting 0. */
async function sameAsOpenstack(args: string[]): Promise<string> {
  const [ours, theirs] = await Promise.all([z(args), openstack(args)])
  expect(theirs.stderr).toBe('')
  expect(theirs.code).toBe(0)
  expect(ours.stderr).toBe('')
  expect(ours.code).toBe(0)
  expect(ours.stdout).toBe(theirs.stdout)
  return ours.stdout
}

function ok(r: RunResult): RunResult {
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return r
}

/** An API error: exit 1, nothing on stdout, `Zun <status>: <detail> (request req-…)` on stderr. */
function apiError(r: RunResult, status: number, detail: string): void {
  expect(r.code).toBe(1)
  expect(r.stdout).toBe('')
  const first = r.stderr.split('\n')[0]
  expect(first).toMatch(REQ)
  expect(first.replace(REQ, '(request)')).toBe(`Zun ${status}: ${detail} (request)`)
}

/** How long another test run may hold the emulator's ports (the catalog fixes them) before this one gives up. */
const SIM_WAIT_MS = 540_000
let emulators: {stop(): Promise<void>} | undefined

let host = ''
let hostUuid = ''
let project = ''

beforeAll(async () => {
  emulators = await startEmulators(['zun'])
  const hosts = ok(await z(['host', 'list', '-f', 'json']))
  expect(hosts.json).toHaveLength(1)
  host = hosts.json[0].hostname
  hostUuid = hosts.json[0].uuid
  project = ok(await mrctl(['token', 'issue', '-f', 'value', '-c', 'project_id'], {configDir})).stdout.trim()
  expect(project).toMatch(/^[0-9a-f]{32}$/)
}, SIM_WAIT_MS + 60_000)

afterAll(async () => {
  await emulators?.stop()
}, 60_000)

describe('availability zones and hosts', () => {
  it('availability zone list: one row per zone of the services', async () => {
    const r = ok(await z(['availability', 'zone', 'list', '-f', 'json']))
    expect(r.json).toEqual([{availability_zone: 'nova'}])
    const table = await sameAsOpenstack(['availability', 'zone', 'list'])
    expect(table).toContain('| availability_zone |')
  })

  it('host list: uuid, hostname, mem_total, cpus, disk_total — as openstack prints them', async () => {
    const r = ok(await z(['host', 'list', '-f', 'json']))
    expect(Object.keys(r.json[0])).toEqual(['uuid', 'hostname', 'mem_total', 'cpus', 'disk_total'])
    await sameAsOpenstack(['host', 'list'])
    await sameAsOpenstack(['host', 'list', '-f', 'csv'])
    const env = ok(await z(['host', 'list', '--json']))
    expect(env.json).toMatchObject({status: 0, result: [{uuid: hostUuid, hostname: host}], warnings: []})
  })

  it('host show by hostname and by uuid: every field of the server, links included', async () => {
    const byName = ok(await z(['host', 'show', host, '-f', 'json']))
    const byUuid = ok(await z(['host', 'show', hostUuid, '-f', 'json']))
    expect(byUuid.json).toEqual(byName.json)
    expect(Object.keys(byName.json)).toEqual(expect.arrayContaining(['uuid', 'links', 'hostname', 'total_containers', 'runtimes', 'enable_cpu_pinning']))
    const table = ok(await z(['host', 'show', host])).stdout
    expect(table).toMatch(/\| runtimes +\| \['runc'\] +\|/)
    const zunUrl = endpoint('container', 'RegionOne').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    expect(table).toMatch(new RegExp(`\\| links +\\| \\[\\{'href': '${zunUrl}\\/hosts\\/`))
  })

  it('an unknown host is the server’s 404 (exit 1)', async () => {
    apiError(await z(['host', 'show', 'no-such-host']), 404, 'Compute node no-such-host could not be found.')
  })

  it('host list below API 1.4 is refused by the server (406), the pinned version being sent as given', async () => {
    const r = await z(['host', 'list', '--os-container-api-version', '1.3'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^Zun 406: /)
  })
})

describe('images', () => {
  let uuid = ''

  it('image pull <image> <host>: 202 with the image record', async () => {
    const r = ok(await z(['image', 'pull', 'cirros', host, '-f', 'json']))
    expect(Object.keys(r.json)).toEqual(['uuid', 'image_id', 'repo', 'tag', 'size', 'project_id', 'image_pull_policy', 'host'])
    expect(r.json).toMatchObject({repo: 'cirros', tag: 'latest', host, project_id: project})
    uuid = r.json.uuid
  })

  it('image list and image show find it; both print as openstack does', async () => {
    const list = ok(await z(['image', 'list', '-f', 'json']))
    expect(list.json.map((i: {uuid: string}) => i.uuid)).toContain(uuid)
    expect(Object.keys(list.json[0])).toEqual(['uuid', 'image_id', 'repo', 'tag', 'size'])
    const limited = ok(await z(['image', 'list', '--limit', '1', '--sort-key', 'repo', '-f', 'json']))
    expect(limited.json).toHaveLength(1)
    const show = ok(await z(['image', 'show', uuid, '-f', 'json']))
    expect(show.json.uuid).toBe(uuid)
    // The pull goes on after the 202: compare once it has finished, so both clients see one state.
    await pollUntil('the pull of cirros to finish', async () => (ok(await z(['image', 'show', uuid, '-f', 'json'])).json.image_id ?? undefined) as string | undefined)
    await sameAsOpenstack(['image', 'list'])
    await sameAsOpenstack(['image', 'show', uuid])
  })

  it('image search: Docker Hub hits fill Name and Metadata only; --exact-match narrows to the name', async () => {
    const all = ok(await z(['image', 'search', 'o', '-f', 'json']))
    expect(all.json.length).toBeGreaterThan(1)
    expect(Object.keys(all.json[0])).toEqual(['ID', 'Name', 'Tags', 'Status', 'Size', 'Metadata'])
    const exact = ok(await z(['image', 'search', '--exact-match', 'cirros', '-f', 'json']))
    expect(exact.json).toEqual([{ID: '', Name: 'cirros', Tags: '', Status: '', Size: '', Metadata: {is_official: false, star_count: 44}}])
    await sameAsOpenstack(['image', 'search', '--image-driver', 'docker', '--exact-match', 'cirros'])
    await sameAsOpenstack(['image', 'search', 'o'])
    await sameAsOpenstack(['image', 'search', '-c', 'Name', '--sort-column', 'Name', 'o'])
  })

  it('pulling onto an unknown host is the server’s 400 "The host … does not exist."', async () => {
    apiError(await z(['image', 'pull', 'cirros', 'no-such-host']), 400, 'The host no-such-host does not exist.')
  })

  it('image delete: the accepted line; then show and a second delete are the server’s 400s (exit 1, unlike zunclient)', async () => {
    const r = ok(await z(['image', 'delete', uuid]))
    expect(r.stdout).toBe(`Request to delete image ${uuid} has been accepted.\n`)
    // Zed's ImageNotFound is an Invalid: 400, not 404.
    apiError(await z(['image', 'show', uuid]), 400, `Image ${uuid} could not be found.`)
    apiError(await z(['image', 'delete', uuid]), 400, `Image ${uuid} could not be found.`)
  })
})

describe('services', () => {
  it('service list: the zun-compute of the host, up', async () => {
    const r = ok(await z(['service', 'list', '-f', 'json']))
    expect(r.json).toEqual([
      expect.objectContaining({Id: 1, Host: host, Binary: 'zun-compute', State: 'up', Disabled: false, 'Disabled Reason': null, 'Availability Zone': 'nova'}),
    ])
    expect(Object.keys(r.json[0])).toEqual(['Id', 'Host', 'Binary', 'State', 'Disabled', 'Disabled Reason', 'Updated At', 'Availability Zone'])
  })

  it('service disable --reason, then enable: Host, Binary, Disabled, Disabled Reason', async () => {
    const off = ok(await z(['service', 'disable', '--reason', 'maintenance window', host, 'zun-compute']))
    expect(off.stdout).toMatch(/\| Disabled +\| True +\|/)
    expect(off.stdout).toMatch(/\| Disabled Reason +\| maintenance window +\|/)
    const listed = ok(await z(['service', 'list', '-f', 'json']))
    expect(listed.json[0]).toMatchObject({Disabled: true, 'Disabled Reason': 'maintenance window'})
    const on = ok(await z(['service', 'enable', host, 'zun-compute', '-f', 'json']))
    expect(on.json).toEqual({Host: host, Binary: 'zun-compute', Disabled: false, 'Disabled Reason': null})
  })

  it('service forcedown, then --unset: Host, Binary, Forced_down; the state follows', async () => {
    const down = ok(await z(['service', 'forcedown', host, 'zun-compute', '-f', 'json']))
    expect(down.json).toEqual({Host: host, Binary: 'zun-compute', Forced_down: true})
    expect(ok(await z(['service', 'list', '-f', 'json'])).json[0].State).toBe('down')
    const up = ok(await z(['service', 'forcedown', '--unset', host, 'zun-compute', '-f', 'json']))
    expect(up.json).toEqual({Host: host, Binary: 'zun-compute', Forced_down: false})
    expect(ok(await z(['service', 'list', '-f', 'json'])).json[0].State).toBe('up')
  })

  it('an unknown binary is a 404, for the updates and for delete (exit 1, unlike zunclient)', async () => {
    apiError(await z(['service', 'enable', host, 'zun-nope']), 404, `Zun service zun-nope on host ${host} could not be found.`)
    apiError(await z(['service', 'delete', host, 'zun-nope']), 404, `Zun service zun-nope on host ${host} could not be found.`)
  })
})

describe('quotas and quota classes', () => {
  it('quota get / --usages / default: containers, memory, cpu, disk in the server order', async () => {
    const q = ok(await z(['quota', 'get', project, '-f', 'json']))
    expect(Object.keys(q.json)).toEqual(['containers', 'memory', 'cpu', 'disk'])
    const u = ok(await z(['quota', 'get', '--usages', project, '-f', 'json']))
    for (const k of ['containers', 'memory', 'cpu', 'disk']) expect(u.json[k]).toEqual({limit: q.json[k], in_use: expect.any(Number)})
    const d = ok(await z(['quota', 'default', project, '-f', 'json']))
    expect(Object.keys(d.json)).toEqual(['containers', 'memory', 'cpu', 'disk'])
    await sameAsOpenstack(['quota', 'get', project])
    await sameAsOpenstack(['quota', 'default', project])
    // (not compared for --usages: in_use counts the project's containers, which other test runs may be changing)
  })

  it('quota update sets only the limits given (-1 unlimited); quota delete falls back to the defaults', async () => {
    const defaults = ok(await z(['quota', 'default', project, '-f', 'json'])).json
    const up = ok(await z(['quota', 'update', '--containers', '7', '--memory', '-1', project, '-f', 'json']))
    expect(up.json).toEqual({...defaults, containers: 7, memory: -1})
    expect(ok(await z(['quota', 'get', project, '-f', 'json'])).json).toEqual(up.json)
    const del = ok(await z(['quota', 'delete', project]))
    expect(del.stdout).toBe('Request to delete quotas has been accepted.\n')
    expect(ok(await z(['quota', 'get', project, '-f', 'json'])).json).toEqual(defaults)
  })

  it('a limit that is not a whole number is refused (exit 2) and nothing changes', async () => {
    const before = ok(await z(['quota', 'get', project, '-f', 'json'])).json
    const r = await z(['quota', 'update', '--cpu', '4', '--memory', 'lots', project])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.split('\n')[0]).toBe('--memory lots: expected a whole number, or -1 for unlimited')
    expect(ok(await z(['quota', 'get', project, '-f', 'json'])).json).toEqual(before)
  })

  it('quota class get / update default (restored afterwards)', async () => {
    const before = ok(await z(['quota', 'class', 'get', 'default', '-f', 'json'])).json
    expect(Object.keys(before)).toEqual(['containers', 'memory', 'cpu', 'disk'])
    await sameAsOpenstack(['quota', 'class', 'get', 'default'])
    try {
      const up = ok(await z(['quota', 'class', 'update', '--containers', String(before.containers + 1), 'default', '-f', 'json']))
      expect(up.json).toEqual({...before, containers: before.containers + 1})
      expect(ok(await z(['quota', 'default', project, '-f', 'json'])).json.containers).toBe(before.containers + 1)
    } finally {
      ok(await z(['quota', 'class', 'update', '--containers', String(before.containers), 'default']))
    }
  })
})

describe('registries', () => {
  const name = uniqueName('zreg')
  let uuid = ''

  it('registry create: the fields sorted, the password shown as ***', async () => {
    const r = ok(await z(['registry', 'create', '--name', name, '--username', 'u1', '--password', 'pw-secret', '--domain', 'docker.io', '-f', 'json']))
    expect(Object.keys(r.json)).toEqual(['domain', 'links', 'name', 'password', 'project_id', 'user_id', 'username', 'uuid'])
    expect(r.json).toMatchObject({name, domain: 'docker.io', username: 'u1', password: '***', project_id: project})
    uuid = r.json.uuid
  })

  it('registry create without --domain is a usage error (exit 2) and creates nothing', async () => {
    const r = await z(['registry', 'create', '--name', `${name}-x`])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/domain/)
    expect(ok(await z(['registry', 'list', '--name', `${name}-x`, '-f', 'json'])).json).toEqual([])
  })

  it('registry list filters; --limit keeps the filters (zunclient drops them)', async () => {
    const other = ok(await z(['registry', 'create', '--name', `${name}-b`, '--domain', 'quay.io', '-f', 'json'])).json.uuid
    try {
      const byName = ok(await z(['registry', 'list', '--name', name, '-f', 'json']))
      expect(byName.json).toEqual([{uuid, name, domain: 'docker.io', username: 'u1', password: '***'}])
      const limited = ok(await z(['registry', 'list', '--limit', '1', '--sort-dir', 'desc', '--name', name, '-f', 'json']))
      expect(limited.json.map((x: {uuid: string}) => x.uuid)).toEqual([uuid])
      const byDomain = ok(await z(['registry', 'list', '--domain', 'quay.io', '-f', 'json']))
      expect(byDomain.json.map((x: {uuid: string}) => x.uuid)).toContain(other)
      expect(byDomain.json.map((x: {uuid: string}) => x.uuid)).not.toContain(uuid)
      await sameAsOpenstack(['registry', 'list'])
    } finally {
      ok(await z(['registry', 'delete', other]))
    }
  })

  it('registry show by name and by uuid; update changes only what is given', async () => {
    expect(ok(await z(['registry', 'show', name, '-f', 'json'])).json.uuid).toBe(uuid)
    // -c takes one value, as argparse's: the positional after it stays the registry
    expect(ok(await z(['registry', 'show', '-c', 'uuid', name, '-f', 'value'])).stdout).toBe(`${uuid}\n`)
    await sameAsOpenstack(['registry', 'show', uuid])
    const r = ok(await z(['registry', 'update', '--username', 'u2', '--password', 'pw2', name, '-f', 'json']))
    expect(r.json).toMatchObject({uuid, name, username: 'u2', password: '***', domain: 'docker.io'})
  })

  it('registry update with nothing to change: "You must update at least one property" (exit 2)', async () => {
    const r = await z(['registry', 'update', name])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.split('\n')[0]).toBe('You must update at least one property')
  })

  it('an unknown registry is a 404 (exit 1)', async () => {
    apiError(await z(['registry', 'show', 'no-such-registry']), 404, 'Registry no-such-registry could not be found.')
  })

  it('registry delete <known> <unknown>: the known one goes, a line for the other, "1 of 2 registries failed to delete." (exit 3)', async () => {
    const r = await z(['registry', 'delete', name, 'no-such-registry'])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe(`Request to delete registry ${name} has been accepted.\n`)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0].replace(REQ, '(request)')).toBe(
      "Failed to delete registry with name or ID 'no-such-registry': Zun 404: Registry no-such-registry could not be found. (request)",
    )
    expect(lines[1]).toBe('1 of 2 registries failed to delete.')
    expect(ok(await z(['registry', 'list', '--name', name, '-f', 'json'])).json).toEqual([])
  })

  it('the --json envelope of a partly failed delete lists what failed and what was done', async () => {
    const id = ok(await z(['registry', 'create', '--domain', 'docker.io', '-f', 'value', '-c', 'uuid'])).stdout.trim()
    const r = await z(['registry', 'delete', 'no-such-registry', id, '--json'])
    expect(r.code).toBe(3)
    expect(r.json).toMatchObject({
      status: 3,
      message: '1 of 2 registries failed to delete.',
      data: {failed: [{item: 'no-such-registry', message: expect.stringMatching(/^Zun 404: Registry no-such-registry could not be found\./)}], done: [id]},
    })
  })
})

describe('a non-admin user (demo)', () => {
  it('service list: the server’s 403, readable, with the admin hint (exit 1)', async () => {
    const r = await demo(['service', 'list'])
    apiError(r, 403, "Policy doesn't allow zun-service:get_all to be performed.")
    expect(r.stderr.split('\n')[1]).toBe(ADMIN_HINT)
  })

  it('host list and host show: 403', async () => {
    apiError(await demo(['host', 'list']), 403, "Policy doesn't allow host:get_all to be performed.")
    apiError(await demo(['host', 'show', host]), 403, "Policy doesn't allow host:get to be performed.")
  })

  it('service updates and image list are refused too; image search and availability zones are open to any role', async () => {
    apiError(await demo(['service', 'disable', host, 'zun-compute']), 403, "Policy doesn't allow zun-service:disable to be performed.")
    apiError(await demo(['image', 'list']), 403, "Policy doesn't allow image:get_all to be performed.")
    expect(ok(await demo(['image', 'search', '--exact-match', 'cirros', '-f', 'json'])).json[0].Name).toBe('cirros')
    expect(ok(await demo(['availability', 'zone', 'list', '-f', 'json'])).json).toEqual([{availability_zone: 'nova'}])
    // the disable above changed nothing
    expect(ok(await z(['service', 'list', '-f', 'json'])).json[0].Disabled).toBe(false)
  })
})

describe('service delete (last: it removes the only zun-compute)', () => {
  it('deletes the binary on the host: the accepted line; the list is then empty', async () => {
    const r = ok(await z(['service', 'delete', host, 'zun-compute']))
    expect(r.stdout).toBe(`Request to delete binary zun-compute on host ${host} has been accepted.\n`)
    expect(ok(await z(['service', 'list', '-f', 'json'])).json).toEqual([])
  })
})
