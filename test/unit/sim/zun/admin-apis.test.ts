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

describe('hosts (1.4+, admin; zun-api.md §3.18)', () => {
  it('lists and shows the compute node by uuid or hostname, with usage', async () => {
    await h.container({name: 'web', memory: '256', cpu: 0.5}, {run: true})
    const list = await h.call('GET', '/v1/hosts/', {token: 'admin'})
    expect(list.status).toBe(200)
    expect(list.json.next).toBeNull()
    const host = list.json.hosts[0]
    expect(Object.keys(host)).toEqual([
      'uuid', 'links', 'hostname', 'mem_total', 'cpus', 'total_containers', 'architecture', 'os_type', 'os',
      'kernel_version', 'labels', 'mem_used', 'cpu_used', 'disk_used', 'disk_total', 'disk_quota_supported',
      'runtimes', 'enable_cpu_pinning',
    ])
    expect(host).toMatchObject({hostname: 'node1', total_containers: 1, mem_used: 256, cpu_used: 0.5})
    expect((await h.call('GET', '/v1/hosts/node1', {token: 'admin'})).json.uuid).toBe(host.uuid)
    expect((await h.call('GET', `/v1/hosts/${host.uuid}`, {token: 'admin'})).json.hostname).toBe('node1')
    expect((await h.call('GET', '/v1/hosts/node1', {token: 'admin', version: '1.28'})).json).not.toHaveProperty('enable_cpu_pinning')
    const missing = await h.call('GET', '/v1/hosts/node9', {token: 'admin'})
    expect(firstError(missing)).toMatchObject({code: 'container.compute-node-not-found', status: 404, detail: 'Compute node node9 could not be found.'})
    expect((await h.call('GET', '/v1/hosts/')).status).toBe(403)
  })
})

describe('services and availability zones (§3.19; tempest test_services)', () => {
  it('gives 403 Forbidden to a non-admin GET /services/', async () => {
    const r = await h.call('GET', '/v1/services/', {version: '1.7'})
    expect(r.status).toBe(403)
    expect(firstError(r)).toMatchObject({
      code: 'container.policy-not-authorized',
      detail: "Policy doesn't allow zun-service:get_all to be performed.",
    })
  })

  it('lists zun-compute, and disables, enables and forces it down with query parameters', async () => {
    h.advance(35_000)
    const list = await h.call('GET', '/v1/services', {token: 'admin'})
    expect(list.json.services).toHaveLength(1)
    expect(list.json.services[0]).toMatchObject({
      id: 1,
      host: 'node1',
      binary: 'zun-compute',
      state: 'up',
      disabled: false,
      disabled_reason: null,
      forced_down: false,
      report_count: 3,
      availability_zone: 'nova',
    })
    const disable = await h.call('PUT', '/v1/services/disable?host=node1&binary=zun-compute&disabled_reason=maint', {
      token: 'admin',
      headers: {'Content-Length': '0'},
    })
    expect(disable.status).toBe(200)
    expect(disable.json).toEqual({service: {host: 'node1', binary: 'zun-compute', disabled: true, disabled_reason: 'maint'}})
    const enable = await h.call('PUT', '/v1/services/enable?host=node1&binary=zun-compute', {token: 'admin'})
    expect(enable.json).toEqual({service: {host: 'node1', binary: 'zun-compute', disabled: false, disabled_reason: null}})
    const down = await h.call('PUT', '/v1/services/force_down?host=node1&binary=zun-compute&forced_down=True', {token: 'admin'})
    expect(down.json).toEqual({service: {host: 'node1', binary: 'zun-compute', forced_down: true}})
    expect((await h.call('GET', '/v1/services', {token: 'admin'})).json.services[0].state).toBe('down')
    // A forced-down compute takes no containers.
    const r = await h.call('POST', '/v1/containers', {body: oscBody()})
    expect(r.json).toMatchObject({status: 'Error', status_reason: 'There are not enough hosts available.'})
    await h.call('PUT', '/v1/services/force_down?host=node1&binary=zun-compute&forced_down=False', {token: 'admin'})
    expect((await h.call('POST', '/v1/containers', {body: oscBody()})).json.status).toBe('Creating')
    expect((await h.call('PUT', '/v1/services/disable?host=node1&binary=zun-compute')).status).toBe(403)
  })

  it('deletes a service (200 null) and answers 404 for an unknown one', async () => {
    const missing = await h.call('DELETE', '/v1/services?host=node9&binary=zun-compute', {token: 'admin'})
    expect(firstError(missing)).toMatchObject({
      code: 'container.zun-service-not-found',
      detail: 'Zun service zun-compute on host node9 could not be found.',
    })
    const r = await h.call('DELETE', '/v1/services?host=node1&binary=zun-compute', {
      token: 'admin',
      headers: {'Content-Type': 'application/octet-stream', 'Content-Length': '0'},
    })
    expect(r.status).toBe(200)
    expect(r.text).toBe('null')
    expect((await h.call('GET', '/v1/services', {token: 'admin'})).json).toEqual({services: []})
    expect((await h.call('DELETE', '/v1/services?host=node1', {token: 'admin'})).status).toBe(400)
  })

  it('lists the availability zones', async () => {
    const r = await h.call('GET', '/v1/availability_zones')
    expect(r.json).toEqual({availability_zones: [{availability_zone: 'nova'}]})
  })
})

describe('quotas and quota classes (§3.20)', () => {
  it('gets limits, usages and defaults; updates from strings; deletes back to defaults', async () => {
    const defaults = {containers: 40, memory: 51200, cpu: 20, disk: 100}
    expect((await h.call('GET', '/v1/quotas/demo')).json).toEqual(defaults)
    expect(Object.keys((await h.call('GET', '/v1/quotas/demo')).json)).toEqual(['containers', 'memory', 'cpu', 'disk'])
    await h.container({memory: '256'})
    expect((await h.call('GET', '/v1/quotas/demo?usages=True')).json).toEqual({
      containers: {limit: 40, in_use: 1},
      memory: {limit: 51200, in_use: 256},
      cpu: {limit: 20, in_use: 1},
      disk: {limit: 100, in_use: 0},
    })
    expect((await h.call('GET', '/v1/quotas/demo/defaults')).json).toEqual(defaults)
    expect((await h.call('GET', '/v1/quotas/alt')).status).toBe(403)
    expect((await h.call('PUT', '/v1/quotas/demo', {body: {containers: '10'}})).status).toBe(403)
    const upd = await h.call('PUT', '/v1/quotas/demo', {token: 'admin', body: {cpu: '4', memory: '2048', containers: '10', disk: '20'}})
    expect(upd.json).toEqual({containers: 10, memory: 2048, cpu: 4, disk: 20})
    expect((await h.call('PUT', '/v1/quotas/demo', {token: 'admin', body: {gpus: 1}})).status).toBe(400)
    expect((await h.call('PUT', '/v1/quotas/demo', {token: 'admin', body: {cpu: -2}})).status).toBe(400)
    const del = await h.call('DELETE', '/v1/quotas/demo', {token: 'admin'})
    expect(del.status).toBe(200)
    expect(del.text).toBe('null')
    expect((await h.call('GET', '/v1/quotas/demo')).json).toEqual(defaults)
  })

  it('treats -1 as unlimited', async () => {
    await h.call('PUT', '/v1/quotas/demo', {token: 'admin', body: {memory: '-1'}})
    expect((await h.call('POST', '/v1/containers', {body: oscBody({memory: '8192'})})).status).toBe(202)
  })

  it('gets and updates quota classes (admin); the default class feeds every project', async () => {
    expect((await h.call('GET', '/v1/quota_classes/default')).status).toBe(403)
    const upd = await h.call('PUT', '/v1/quota_classes/default', {token: 'admin', body: {containers: '10'}})
    expect(upd.json).toEqual({containers: 10, memory: 51200, cpu: 20, disk: 100})
    expect((await h.call('GET', '/v1/quota_classes/default', {token: 'admin'})).json.containers).toBe(10)
    expect((await h.call('GET', '/v1/quotas/demo')).json.containers).toBe(10)
  })
})

describe('registries (§3.21)', () => {
  it('creates (201), lists with filters, shows by name, updates and deletes (204); the password is ***', async () => {
    const c = await h.call('POST', '/v1/registries', {
      body: {registry: {name: 'reg', domain: 'docker.io', username: 'u', password: 'pw'}},
    })
    expect(c.status).toBe(201)
    expect(c.json.registry).toMatchObject({name: 'reg', domain: 'docker.io', username: 'u', password: '***', project_id: 'demo', user_id: 'u-demo'})
    expect(Object.keys(c.json.registry).sort()).toEqual(['domain', 'links', 'name', 'password', 'project_id', 'user_id', 'username', 'uuid'])
    expect((await h.call('GET', '/v1/registries')).json.registries).toHaveLength(1)
    expect((await h.call('GET', '/v1/registries?domain=d&name=reg')).json).toEqual({registries: [], next: null})
    expect((await h.call('GET', '/v1/registries/reg')).json.registry.uuid).toBe(c.json.registry.uuid)
    expect((await h.call('GET', '/v1/registries/reg', {token: 'alt'})).status).toBe(404)
    const upd = await h.call('PATCH', '/v1/registries/reg', {body: {registry: {password: 'pw2'}}})
    expect(upd.status).toBe(200)
    expect(upd.json.registry.password).toBe('***')
    expect((await h.call('POST', '/v1/registries', {body: {registry: {name: 'x'}}})).status).toBe(400)
    // enforce_content_types crashes on Python 3 instead of answering its 415.
    expect((await h.call('POST', '/v1/registries', {raw: '{}', headers: {'Content-Type': 'text/plain'}})).status).toBe(500)

    // --registry on create (1.31+): the response shows registry_id.
    const run = await h.call('POST', '/v1/containers', {body: oscBody({registry: 'reg'})})
    expect(run.json.registry_id).toBe(c.json.registry.uuid)
    expect(firstError(await h.call('POST', '/v1/containers', {body: oscBody({registry: 'nope'})})).code).toBe('container.registry-not-found')
    expect(firstError(await h.call('POST', '/v1/containers', {version: '1.30', body: oscBody({registry: 'reg'})})).code).toBe(
      'container.invalid-param-in-version',
    )

    const del = await h.call('DELETE', '/v1/registries/reg', {headers: {'Content-Type': 'application/octet-stream'}})
    expect(del.status).toBe(204)
    expect(firstError(await h.call('GET', '/v1/registries/reg'))).toMatchObject({
      code: 'container.registry-not-found',
      detail: 'Registry reg could not be found.',
    })
  })
})

describe('capsules (§3.22)', () => {
  const template = {
    template: {
      capsuleVersion: 'beta',
      kind: 'capsule',
      metadata: {name: 'template', labels: {app: 'web'}},
      spec: {containers: [{image: 'ubuntu', command: ['/bin/bash']}]},
    },
  }

  it('creates (202 Creating), runs, lists, shows and deletes a capsule with its port', async () => {
    const r = await h.call('POST', '/v1/capsules/', {body: template})
    expect(r.status).toBe(202)
    expect(r.json).toMatchObject({name: 'template', status: 'Creating', labels: {app: 'web'}, addresses: null})
    expect(r.json.containers).toHaveLength(1)
    expect([...h.neutron.ports.values()][0].device_id).toBe(r.json.uuid)
    h.advance(SETTLE)
    const show = await h.call('GET', '/v1/capsules/template')
    expect(show.json.status).toBe('Running')
    expect(show.json.containers[0].status).toBe('Running')
    expect(Object.keys(show.json.addresses)).toHaveLength(1)
    expect((await h.call('GET', '/v1/capsules/')).json.capsules).toHaveLength(1)
    expect((await h.call('GET', '/v1/capsules/?all_projects=1')).status).toBe(403)
    expect((await h.call('GET', '/v1/containers')).json.containers).toEqual([])
    expect((await h.call('DELETE', `/v1/capsules/${r.json.uuid}`)).status).toBe(204)
    expect(h.neutron.ports.size).toBe(0)
    expect((await h.call('GET', `/v1/capsules/${r.json.uuid}`)).json.status).toBe('Deleting')
    h.advance(SETTLE)
    expect(firstError(await h.call('GET', `/v1/capsules/${r.json.uuid}`)).code).toBe('container.capsule-not-found')
  })

  it('rejects a template without containers or of another kind', async () => {
    const empty = await h.call('POST', '/v1/capsules/', {body: {template: {kind: 'capsule', spec: {containers: []}}}})
    expect(empty.status).toBe(400)
    const pod = await h.call('POST', '/v1/capsules/', {body: {template: {kind: 'pod', spec: {containers: [{image: 'x1'}]}}}})
    expect(pod.status).toBe(400)
  })
})
