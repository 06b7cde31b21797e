import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {firstError, type Harness, oscBody, SETTLE, startHarness} from './helpers.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  expect(h.unexpected).toEqual([])
  await h.close()
})

const ALL_KEYS = [
  'uuid', 'links', 'user_id', 'project_id', 'name', 'image', 'command', 'status', 'status_reason', 'task_state', 'cpu',
  'memory', 'environment', 'workdir', 'ports', 'hostname', 'labels', 'addresses', 'image_pull_policy', 'host',
  'restart_policy', 'status_detail', 'interactive', 'tty', 'image_driver', 'security_groups', 'auto_remove', 'runtime',
  'disk', 'auto_heal', 'privileged', 'healthcheck', 'cpu_policy', 'registry_id', 'entrypoint', 'created_at', 'updated_at',
]
const ADMIN_ONLY = ['image_pull_policy', 'host', 'runtime', 'privileged']

describe('create and run (zun-api.md §3.1, §10)', () => {
  it('answers 202 with the flat body in status Creating, a Location header and POST-form nulls', async () => {
    const r = await h.call('POST', '/v1/containers?run=true', {token: 'admin', body: oscBody()})
    expect(r.status).toBe(202)
    const c = r.json
    expect(Object.keys(c)).toEqual(ALL_KEYS)
    expect(r.headers.get('location')).toBe(`${h.server.url}/v1/containers/${c.uuid}`)
    expect(c).toMatchObject({
      status: 'Creating',
      task_state: null,
      host: null,
      addresses: null,
      status_detail: null,
      cpu: 1,
      memory: '512',
      disk: 0,
      image_driver: 'docker',
      restart_policy: null,
      healthcheck: null,
      ports: null,
      security_groups: null,
      entrypoint: null,
      environment: {},
      labels: {},
      command: [],
      cpu_policy: 'shared',
      registry_id: null,
      updated_at: null,
      user_id: 'u-admin',
      project_id: 'admin',
    })
    expect(c.links).toEqual([
      {href: `${h.server.url}/v1/containers/${c.uuid}`, rel: 'self'},
      {href: `${h.server.url}/containers/${c.uuid}`, rel: 'bookmark'},
    ])
    // str(datetime) with microseconds, no T and no zone.
    expect(c.created_at).toMatch(/^2026-11-23 05:26:43\.008\d{3}$/)
    // Python writes cpu as 1.0; so must we.
    expect(r.text).toContain('"cpu": 1.0')
    expect(c.name).toMatch(/^[a-z]+-([1-9]|1\d|2[0-4])-container$/)
  })

  it('goes Creating → Created for create, and on to Running for run; GET shows {} and [] and whole seconds', async () => {
    const created = await h.call('POST', '/v1/containers', {body: oscBody({name: 'c1', command: ['sleep', '100']})})
    const ran = await h.call('POST', '/v1/containers?run=true', {body: oscBody({name: 'r1', command: ['sleep', '100']})})
    h.advance(2000)
    const mid = await h.call('GET', `/v1/containers/${created.json.uuid}`)
    expect(mid.json.status).toBe('Creating')
    expect(mid.json.task_state).toMatch(/^(image_pulling|container_creating)$/)
    h.advance(1000)
    expect((await h.call('GET', `/v1/containers/${created.json.uuid}`)).json).toMatchObject({status: 'Created', task_state: null, status_detail: 'Created'})
    expect((await h.call('GET', `/v1/containers/${ran.json.uuid}`)).json).toMatchObject({status: 'Created', task_state: 'container_starting'})
    h.advance(1000)
    const running = (await h.call('GET', `/v1/containers/${ran.json.uuid}`)).json
    expect(running).toMatchObject({status: 'Running', task_state: null, restart_policy: {}, healthcheck: {}, ports: [], entrypoint: []})
    expect(running.created_at).toBe('2026-11-23 05:26:43')
    expect(running.updated_at).toBe('2026-11-23 05:26:47')
    expect(running.status_detail).toMatch(/^Up /)
    expect(running.addresses).not.toEqual({})
    expect(running.command).toEqual(['sleep', '100'])
  })

  it('fills defaults and echoes the values as Zun stores them', async () => {
    const r = await h.call('POST', '/v1/containers?run=true', {
      body: oscBody({
        name: 'web',
        cpu: '0.5',
        memory: '256',
        environment: {A: '1', B: '2'},
        labels: {app: 'web'},
        workdir: '/srv',
        restart_policy: {Name: 'on-failure', MaximumRetryCount: 2},
        hostname: 'web1',
        disk: 10,
        auto_heal: true,
        healthcheck: {cmd: 'stat /etc/passwd || exit 1', interval: 3, retries: 2, timeout: 5},
      }),
    })
    expect(r.status).toBe(202)
    expect(r.json).toMatchObject({
      cpu: 0.5,
      memory: '256',
      environment: {A: '1', B: '2'},
      labels: {app: 'web'},
      workdir: '/srv',
      restart_policy: {Name: 'on-failure', MaximumRetryCount: '2'},
      hostname: 'web1',
      disk: 10,
      auto_heal: true,
      healthcheck: {test: 'stat /etc/passwd || exit 1', interval: 3, retries: 2, timeout: 5},
    })
  })

  it('copies interactive into tty below 1.36 and takes tty from the body from 1.36', async () => {
    const old = await h.call('POST', '/v1/containers', {version: '1.35', body: oscBody({interactive: true})})
    expect(old.json).toMatchObject({interactive: true, tty: true})
    const neu = await h.call('POST', '/v1/containers', {body: oscBody({interactive: true})})
    expect(neu.json).toMatchObject({interactive: true, tty: false})
    const both = await h.call('POST', '/v1/containers', {body: oscBody({interactive: true, tty: true})})
    expect(both.json.tty).toBe(true)
  })

  it('shlex-splits the string command below 1.20 and wants a list from 1.20', async () => {
    const legacy = await h.call('POST', '/v1/containers', {
      version: '1.19',
      body: {name: 'c1', image: 'cirros', environment: {}, labels: {}, auto_remove: false, hints: {}, nets: [], mounts: [], command: '"sh" "-c" "echo hi; sleep 1"'},
    })
    expect(legacy.status).toBe(202)
    expect(legacy.json.command).toEqual(['sh', '-c', 'echo hi; sleep 1'])
    const tempestLegacy = await h.call('POST', '/v1/containers', {version: '1.1', body: {image: 'cirros:latest', command: 'sleep 10000'}})
    expect(tempestLegacy.json.command).toEqual(['sleep', '10000'])
    const wrong = await h.call('POST', '/v1/containers', {version: '1.20', body: oscBody({command: 'sleep 1'})})
    expect(wrong.status).toBe(400)
    expect(firstError(wrong).code).toBe('container.schema-validation-error')
    expect(firstError(wrong).detail).toBe(
      "Invalid input for field 'command'.Value: 'sleep 1'. 'sleep 1' is not of type 'array', 'null'\n\n" +
        "Failed validating 'type' in schema['properties']['command']:\n    {'type': ['array', 'null']}\n\nOn instance:\n    'sleep 1'",
    )
  })

  it('refuses each field below its version: present at all for some (false included), not empty for others', async () => {
    // OSC always sends auto_remove (false), so OSC create fails below 1.3; mrctl sends only what was set.
    const legacyOsc = {image: 'cirros', environment: {}, labels: {}, auto_remove: false, hints: {}, nets: [], mounts: []}
    const r = await h.call('POST', '/v1/containers', {version: '1.2', body: legacyOsc})
    expect(r.status).toBe(400)
    expect(firstError(r)).toMatchObject({
      code: 'container.invalid-param-in-version',
      detail: 'Invalid param auto_remove because current request version is 1.2. auto_remove is only supported from version 1.3',
    })
    // Each field at the last version without it (400) and at its first (202). mounts, healthcheck
    // and registry count only when not empty; the others whenever they are in the body.
    const boundaries: Array<[string, unknown, number]> = [
      ['auto_remove', false, 3],
      ['hostname', 'h1', 9],
      ['mounts', [{type: 'bind', source: 'aGk=', destination: '/etc/x'}], 11],
      ['healthcheck', {cmd: 'true'}, 22],
      ['exposed_ports', {'80/tcp': {}}, 24],
    ]
    for (const [field, value, minor] of boundaries) {
      const before = await h.call('POST', '/v1/containers', {version: `1.${minor - 1}`, body: {image: 'cirros', [field]: value}})
      expect(before.status, field).toBe(400)
      expect(firstError(before).detail).toBe(
        `Invalid param ${field} because current request version is 1.${minor - 1}. ${field} is only supported from version 1.${minor}`,
      )
      const at = await h.call('POST', '/v1/containers', {version: `1.${minor}`, body: {image: 'cirros', [field]: value}})
      expect(at.status, field).toBe(202)
    }
    const empty = await h.call('POST', '/v1/containers', {version: '1.1', body: {image: 'cirros', mounts: [], healthcheck: {}, nets: [], environment: {}}})
    expect(empty.status).toBe(202)
    const runtime = await h.call('POST', '/v1/containers', {token: 'admin', version: '1.4', body: {image: 'cirros', runtime: 'runc'}})
    expect(firstError(runtime).detail).toMatch(/^Invalid param runtime because current request version is 1\.4\./)
    expect((await h.call('POST', '/v1/containers', {token: 'admin', version: '1.5', body: {image: 'cirros', runtime: 'runc'}})).status).toBe(202)
    await h.call('POST', '/v1/registries', {token: 'admin', body: {registry: {name: 'reg1', domain: 'r.example.com'}}})
    const registry = await h.call('POST', '/v1/containers', {token: 'admin', version: '1.30', body: {image: 'cirros', registry: 'reg1'}})
    expect(firstError(registry).code).toBe('container.invalid-param-in-version')
    expect((await h.call('POST', '/v1/containers', {token: 'admin', version: '1.31', body: {image: 'cirros', registry: 'reg1'}})).status).toBe(202)
    // privileged is checked for its version, then denied by policy to everybody.
    const privileged = await h.call('POST', '/v1/containers', {token: 'admin', version: '1.20', body: {image: 'cirros', privileged: false}})
    expect(firstError(privileged).code).toBe('container.invalid-param-in-version')
    expect((await h.call('POST', '/v1/containers', {token: 'admin', version: '1.21', body: {image: 'cirros', privileged: false}})).status).toBe(403)
    // host and entrypoint are not in the schema before 1.39 and 1.40.
    const host = await h.call('POST', '/v1/containers', {token: 'admin', version: '1.38', body: oscBody({host: 'node1'})})
    expect(firstError(host)).toMatchObject({
      code: 'container.schema-validation-error',
      detail: "Additional properties are not allowed ('host' was unexpected)",
    })
    expect((await h.call('POST', '/v1/containers', {token: 'admin', version: '1.39', body: oscBody({host: 'node1'})})).status).toBe(202)
    const entry = await h.call('POST', '/v1/containers', {version: '1.39', body: oscBody({entrypoint: ['/bin/sh']})})
    expect(firstError(entry).detail).toBe("Additional properties are not allowed ('entrypoint' was unexpected)")
    const ok = await h.call('POST', '/v1/containers', {body: oscBody({entrypoint: ['/bin/sh', '-c']})})
    expect(ok.json.entrypoint).toEqual(['/bin/sh', '-c'])
  })

  it("validates the body with Zun's JSON schema: jsonschema's whole report, the field being the last path element", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{unknown: 1}, "Additional properties are not allowed ('unknown' was unexpected)"],
      [{name: 'x'}, "Invalid input for field 'name'.Value: 'x'. 'x' is too short\n\nFailed validating 'minLength' in schema['properties']['name']:"],
      [{name: '-bad'}, "Invalid input for field 'name'.Value: '-bad'. '-bad' does not match '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$'\n\n"],
      [{memory: '512m'}, "Invalid input for field 'memory'.Value: '512m'. '512m' does not match '^[0-9]+$'\n\n"],
      [{environment: {A: ['1', '2']}}, "Invalid input for field 'A'.Value: '['1', '2']'. ['1', '2'] is not of type 'string'\n\n"],
      [{image_driver: 'rkt'}, "Invalid input for field 'image_driver'.Value: 'rkt'. 'rkt' is not one of ['glance', 'docker', None, 'None']\n\n"],
      [{nets: [{network: 'a', port: 'b'}]}, "Invalid input for field '0'.Value: '{'network': 'a', 'port': 'b'}'. {'network': 'a', 'port': 'b'} is valid under each of"],
      [{nets: [{network: 'private', 'v4-fixed-ip': '10.0.0.300'}]}, "Invalid input for field 'v4-fixed-ip'.Value: '10.0.0.300'. '10.0.0.300' is not a 'ipv4'\n\n"],
      [{cpu: -1}, "Invalid input for field 'cpu'.Value: '-1'. -1 is less than the minimum of 0.1\n\n"],
      [{cpu: 17}, "Invalid input for field 'cpu'.Value: '17'. 17 is greater than the maximum of 16.0\n\n"],
    ]
    for (const [extra, detail] of cases) {
      const r = await h.call('POST', '/v1/containers', {body: oscBody(extra)})
      expect(r.status, JSON.stringify(extra)).toBe(400)
      expect(firstError(r).code).toBe('container.schema-validation-error')
      expect(firstError(r).detail.startsWith(detail), firstError(r).detail).toBe(true)
    }
    const missing = await h.call('POST', '/v1/containers', {body: {command: []}})
    expect(firstError(missing).detail).toBe("'image' is a required property")
    // Not a JSON object: pecan passes no keyword arguments at all.
    for (const raw of ['[]', '"cirros"', '42']) {
      const notObject = await h.call('POST', '/v1/containers', {raw})
      expect(firstError(notObject).detail, raw).toBe("'image' is a required property")
    }
    const retry = await h.call('POST', '/v1/containers', {body: oscBody({restart_policy: {Name: 'always', MaximumRetryCount: '3'}})})
    expect(firstError(retry)).toMatchObject({
      code: 'container.invalid-value',
      detail: 'maximum retry count not valid with restart policy of always',
    })
    const protocol = await h.call('POST', '/v1/containers', {body: oscBody({exposed_ports: {'80/sctp': {}}})})
    expect(firstError(protocol)).toMatchObject({code: 'container.invalid-value', detail: 'value sctp is an invalid protocol'})
  })

  it("accepts any image name (Zed's API does not check it): the pull fails later and the container goes to Error", async () => {
    const r = await h.call('POST', '/v1/containers', {body: oscBody({image: 'UPPER/Case:bad tag'})})
    expect(r.status).toBe(202)
    h.advance(SETTLE)
    const c = (await h.call('GET', `/v1/containers/${r.json.uuid}`)).json
    expect(c.status).toBe('Error')
    expect(c.status_reason).toMatch(/invalid reference format/)
  })

  it('checks the query (schema codes) and answers a create that is not application/json with an empty 500', async () => {
    const run = await h.call('POST', '/v1/containers?run=wrong', {body: oscBody()})
    expect(run.status).toBe(400)
    expect(firstError(run).code).toBe('container.schema-validation-error')
    expect(firstError(run).detail).toMatch(/^Invalid input for query parameters 'run'\. Value: 'wrong'\. 'wrong' is not one of \[True, 'True', /)
    const extra = await h.call('POST', '/v1/containers?foo=1', {body: oscBody()})
    expect(firstError(extra)).toMatchObject({code: 'container.schema-validation-error', detail: "Additional properties are not allowed ('foo' was unexpected)"})
    // zun's enforce_content_types crashes (Python 3) while wording its 415: a bare 500, no request id.
    const before = h.server.state.containers.size
    for (const headers of [{'Content-Type': 'text/plain'}, {'Content-Type': ''}]) {
      const ct = await h.call('POST', '/v1/containers', {raw: JSON.stringify(oscBody()), headers})
      expect(ct.status).toBe(500)
      expect(ct.text).toBe('')
      expect(ct.headers.get('content-type')).toBe('text/plain; charset=UTF-8')
      expect(ct.headers.get('x-openstack-request-id')).toBeNull()
    }
    expect(h.server.state.containers.size).toBe(before)
    expect((await h.call('POST', '/v1/containers?run=True', {body: oscBody()})).status).toBe(202)
    expect((await h.call('POST', '/v1/containers', {raw: '{"image":'})).status).toBe(400)
  })

  it('applies the default policy: privileged is denied to all, runtime and pull policy are admin-only', async () => {
    for (const token of ['demo', 'admin'] as const) {
      const r = await h.call('POST', '/v1/containers', {token, body: oscBody({privileged: true})})
      expect(r.status).toBe(403)
      expect(firstError(r)).toMatchObject({
        code: 'container.policy-not-authorized',
        detail: "Policy doesn't allow container:create:privileged to be performed.",
      })
    }
    const runtime = await h.call('POST', '/v1/containers', {body: oscBody({runtime: 'runc'})})
    expect(firstError(runtime).detail).toBe("Policy doesn't allow container:create:runtime to be performed.")
    const pull = await h.call('POST', '/v1/containers', {body: oscBody({image_pull_policy: 'always'})})
    expect(pull.status).toBe(403)
    const host = await h.call('POST', '/v1/containers', {body: oscBody({host: 'node1'})})
    expect(firstError(host).detail).toBe("Policy doesn't allow container:create:requested_destination to be performed.")
    const admin = await h.call('POST', '/v1/containers', {token: 'admin', body: oscBody({runtime: 'runc', image_pull_policy: 'always', host: 'node1'})})
    expect(admin.status).toBe(202)
    expect(admin.json).toMatchObject({runtime: 'runc', image_pull_policy: 'always'})
    const before = h.server.state.containers.size
    const badHost = await h.call('POST', '/v1/containers', {token: 'admin', body: oscBody({host: 'node9'})})
    expect(badHost.status).toBe(404)
    expect(firstError(badHost)).toMatchObject({code: 'container.requested-host-not-found', detail: 'Requested host node9 could not be found.'})
    expect(h.server.state.containers.size).toBe(before)
  })

  it('hides host, runtime, privileged and image_pull_policy from non-admins', async () => {
    const c = await h.container({name: 'web'}, {run: true, token: 'demo'})
    const mine = await h.call('GET', `/v1/containers/${c.uuid}`)
    for (const k of ADMIN_ONLY) expect(mine.json, k).not.toHaveProperty(k)
    const admin = await h.call('GET', `/v1/containers/${c.uuid}`, {token: 'admin'})
    expect(admin.json.host).toBe('node1')
    expect(Object.keys(admin.json)).toEqual(ALL_KEYS)
  })

  it('enforces quotas at create (403 container.over-quota)', async () => {
    await h.call('PUT', '/v1/quotas/demo', {token: 'admin', body: {containers: '1'}})
    expect((await h.call('POST', '/v1/containers', {body: oscBody()})).status).toBe(202)
    const r = await h.call('POST', '/v1/containers', {body: oscBody()})
    expect(r.status).toBe(403)
    expect(firstError(r)).toMatchObject({code: 'container.over-quota', detail: "Quota exceeded for resources: ['containers']"})
  })

  it('answers 202 with status Error when no host can take it (scheduling is synchronous)', async () => {
    await h.call('PUT', '/v1/services/disable?host=node1&binary=zun-compute', {token: 'admin'})
    const r = await h.call('POST', '/v1/containers?run=true', {token: 'admin', body: oscBody({name: 'nohost'})})
    expect(r.status).toBe(202)
    expect(r.json).toMatchObject({status: 'Error', status_reason: 'There are not enough hosts available.', host: null})
    expect(h.neutron.ports.size).toBe(0)
    expect((await h.call('GET', `/v1/containers/${r.json.uuid}/container_actions`, {token: 'admin'})).json).toEqual({containerActions: []})
    // A container without a host is destroyed at once.
    expect((await h.call('DELETE', `/v1/containers/${r.json.uuid}?force=False&stop=False&all_projects=False`, {token: 'admin'})).status).toBe(204)
    expect((await h.call('GET', `/v1/containers/${r.json.uuid}`, {token: 'admin'})).status).toBe(404)
  })
})

describe('list and show (§3.2, §3.3)', () => {
  it('lists the caller project only; all_projects needs admin', async () => {
    await h.container({name: 'mine'}, {token: 'demo'})
    await h.container({name: 'theirs'}, {token: 'alt'})
    const mine = await h.call('GET', '/v1/containers')
    expect(mine.json.containers.map((c: any) => c.name)).toEqual(['mine'])
    expect(mine.json.next).toBeNull()
    const denied = await h.call('GET', '/v1/containers/?all_projects=1')
    expect(denied.status).toBe(403)
    expect(firstError(denied).detail).toBe("Policy doesn't allow container:get_all_all_projects to be performed.")
    const all = await h.call('GET', '/v1/containers/?all_projects=1', {token: 'admin'})
    expect(all.json.containers.map((c: any) => c.name).sort()).toEqual(['mine', 'theirs'])
  })

  it('filters exactly, checks filter policies and rejects unknown keys', async () => {
    await h.container({name: 'web', command: ['sleep', '100']}, {run: true})
    await h.container({name: 'db', command: ['sleep', '100']})
    const r = await h.call('GET', '/v1/containers?name=web&status=Running')
    expect(r.json.containers.map((c: any) => c.name)).toEqual(['web'])
    expect((await h.call('GET', '/v1/containers?status=Created')).json.containers.map((c: any) => c.name)).toEqual(['db'])
    const host = await h.call('GET', '/v1/containers?host=node1')
    expect(host.status).toBe(403)
    expect(firstError(host).detail).toBe("Policy doesn't allow container:get_one:host to be performed.")
    const unknown = await h.call('GET', '/v1/containers?color=red')
    expect(firstError(unknown)).toMatchObject({code: 'container.invalid-value', detail: 'Unknown parameters: color'})
    expect((await h.call('GET', '/v1/containers?limit=0')).status).toBe(400)
  })

  it('pages with limit/marker and gives a next link without the filters', async () => {
    const names = ['a1', 'a2', 'a3']
    for (const name of names) await h.call('POST', '/v1/containers', {body: oscBody({name})})
    const p1 = await h.call('GET', '/v1/containers/?limit=2')
    expect(p1.json.containers.map((c: any) => c.name)).toEqual(['a1', 'a2'])
    const last = p1.json.containers[1].uuid
    expect(p1.json.next).toBe(`${h.server.url}/v1/containers?sort_key=id&sort_dir=asc&limit=2&marker=${last}`)
    const p2 = await h.call('GET', `/v1/containers/?limit=2&marker=${last}`)
    expect(p2.json.containers.map((c: any) => c.name)).toEqual(['a3'])
    expect(p2.json.next).toBeNull()
    const desc = await h.call('GET', '/v1/containers/?sort_key=name&sort_dir=desc')
    expect(desc.json.containers.map((c: any) => c.name)).toEqual(['a3', 'a2', 'a1'])
  })

  it('shows by uuid or name, 404 for a missing one, 409 for an ambiguous name', async () => {
    const c = await h.container({name: 'web'})
    expect((await h.call('GET', '/v1/containers/web?all_projects=False')).json.uuid).toBe(c.uuid)
    const missing = await h.call('GET', '/v1/containers/missing?all_projects=False')
    expect(missing.status).toBe(404)
    expect(firstError(missing)).toEqual({
      request_id: '',
      code: 'container.container-not-found',
      status: 404,
      title: 'Container missing could not be found.',
      detail: 'Container missing could not be found.',
      links: [],
    })
    await h.container({name: 'web'})
    const dup = await h.call('GET', '/v1/containers/web')
    expect(dup.status).toBe(409)
    expect(firstError(dup).detail).toBe('Multiple containers exist with same name. Please use the container uuid instead.')
    expect((await h.call('GET', '/v1/containers/web?all_projects=True')).status).toBe(403)
  })

  it('lets an admin find any project container by name; members only their own', async () => {
    const c = await h.container({name: 'altbox'}, {token: 'alt'})
    expect((await h.call('GET', '/v1/containers/altbox', {token: 'admin'})).json.uuid).toBe(c.uuid)
    expect((await h.call('GET', `/v1/containers/${c.uuid}`, {token: 'demo'})).status).toBe(404)
  })
})

describe('delete (§3.4, §4.5)', () => {
  it('answers 204, shows Deleting, then the container is gone from GET and the list', async () => {
    const c = await h.container({name: 'web'})
    const r = await h.call('DELETE', `/v1/containers/${c.uuid}?force=False&stop=False&all_projects=False`, {
      headers: {'Content-Type': 'application/octet-stream'},
    })
    expect(r.status).toBe(204)
    expect(r.text).toBe('')
    expect((await h.call('GET', `/v1/containers/${c.uuid}`)).json).toMatchObject({status: 'Deleting', task_state: 'container_deleting'})
    h.advance(SETTLE)
    expect((await h.call('GET', `/v1/containers/${c.uuid}`)).status).toBe(404)
    expect((await h.call('GET', '/v1/containers')).json.containers).toEqual([])
  })

  it('refuses a Running container without flags, stops then deletes with stop=True', async () => {
    const c = await h.container({name: 'web', command: ['sleep', '1000']}, {run: true})
    const r = await h.call('DELETE', `/v1/containers/${c.uuid}?force=False&stop=False&all_projects=False`)
    expect(r.status).toBe(409)
    expect(firstError(r)).toMatchObject({
      code: 'container.invalid-state-exception',
      detail: `Cannot delete container ${c.uuid} in Running state`,
    })
    expect((await h.call('DELETE', `/v1/containers/${c.uuid}?stop=True`)).status).toBe(204)
    expect((await h.call('GET', `/v1/containers/${c.uuid}`)).json.task_state).toBe('container_stopping')
    h.advance(SETTLE)
    expect((await h.call('GET', `/v1/containers/${c.uuid}`)).status).toBe(404)
  })

  it('keeps force for admins and checks the delete_force states', async () => {
    const c = await h.container({name: 'web', command: ['sleep', '1000']}, {run: true})
    const member = await h.call('DELETE', `/v1/containers/${c.uuid}?force=True`)
    expect(member.status).toBe(403)
    expect(firstError(member).detail).toBe("Policy doesn't allow container:delete_force to be performed.")
    await h.call('POST', `/v1/containers/${c.uuid}/pause`)
    h.advance(SETTLE)
    const paused = await h.call('DELETE', `/v1/containers/${c.uuid}?force=True`, {token: 'admin'})
    expect(firstError(paused).detail).toBe(`Cannot delete_force container ${c.uuid} in Paused state`)
    await h.call('POST', `/v1/containers/${c.uuid}/unpause`)
    h.advance(SETTLE)
    expect((await h.call('DELETE', `/v1/containers/${c.uuid}?force=True`, {token: 'admin'})).status).toBe(204)
    const old = await h.container({name: 'old'})
    const v = await h.call('DELETE', `/v1/containers/${old.uuid}?force=True`, {token: 'admin', version: '1.6'})
    expect(firstError(v).code).toBe('container.invalid-param-in-version')
    // The CLI always sends force=False&stop=False, which older versions accept.
    expect((await h.call('DELETE', `/v1/containers/${old.uuid}?force=False&stop=False`, {version: '1.6'})).status).toBe(204)
  })

  it('deletes synchronously before 1.10', async () => {
    const c = await h.container({name: 'web'})
    expect((await h.call('DELETE', `/v1/containers/${c.uuid}`, {version: '1.9'})).status).toBe(204)
    expect((await h.call('GET', `/v1/containers/${c.uuid}`, {version: '1.9'})).status).toBe(404)
    expect(h.neutron.ports.size).toBe(0)
  })

  it('rejects unknown query keys and needs admin for all_projects', async () => {
    const c = await h.container({name: 'web'})
    expect(firstError(await h.call('DELETE', `/v1/containers/${c.uuid}?wipe=1`))).toMatchObject({
      code: 'container.schema-validation-error',
      detail: "Additional properties are not allowed ('wipe' was unexpected)",
    })
    const force = firstError(await h.call('DELETE', `/v1/containers/${c.uuid}?force=maybe`))
    expect(force.code).toBe('container.schema-validation-error')
    expect(force.detail).toMatch(/^Invalid input for query parameters 'force'\. Value: 'maybe'\. 'maybe' is not one of /)
    expect((await h.call('DELETE', `/v1/containers/${c.uuid}?all_projects=True`)).status).toBe(403)
    expect((await h.call('DELETE', `/v1/containers/${c.uuid}?all_projects=True`, {token: 'admin'})).status).toBe(204)
  })
})

describe('PATCH (§3.11)', () => {
  it('updates cpu, memory, name and auto_heal and answers 200 with the container', async () => {
    const c = await h.container({name: 'web'})
    const r = await h.call('PATCH', `/v1/containers/${c.uuid}`, {body: {memory: '200', cpu: '0.2', name: 'newname', auto_heal: true}})
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({memory: '200', cpu: 0.2, name: 'newname', auto_heal: true, uuid: c.uuid})
    expect(r.json.updated_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    expect((await h.call('PATCH', `/v1/containers/${c.uuid}`, {body: {auto_heal: false}})).json.auto_heal).toBe(false)
  })

  it('checks the schema before anything else (an unknown key is 400 whatever the container), then the status', async () => {
    const c = await h.container({name: 'web'})
    const bad = await h.call('PATCH', `/v1/containers/${c.uuid}`, {body: {image: 'x'}})
    expect(firstError(bad)).toMatchObject({code: 'container.schema-validation-error', detail: "Additional properties are not allowed ('image' was unexpected)"})
    const fresh = await h.call('POST', '/v1/containers', {body: oscBody()})
    expect(firstError(await h.call('PATCH', `/v1/containers/${fresh.json.uuid}`, {body: {image: 'x'}})).code).toBe('container.schema-validation-error')
    expect(firstError(await h.call('PATCH', '/v1/containers/nosuch', {body: {image: 'x'}})).code).toBe('container.schema-validation-error')
    // Zed has no version check for the name here (the 1.14 of the api-ref is for the client).
    expect((await h.call('PATCH', `/v1/containers/${c.uuid}`, {version: '1.13', body: {name: 'x2'}})).json.name).toBe('x2')
    expect((await h.call('PATCH', `/v1/containers/${c.uuid}`, {body: {}})).status).toBe(200)
    const busy = await h.call('PATCH', `/v1/containers/${fresh.json.uuid}`, {body: {cpu: 2}})
    expect(busy.status).toBe(409)
    expect(firstError(busy).detail).toBe(`Cannot update container ${fresh.json.uuid} in Creating state`)
  })
})
