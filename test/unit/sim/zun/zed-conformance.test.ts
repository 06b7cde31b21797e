import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {firstError, type Harness, oscBody, SETTLE, startHarness} from './helpers.js'

/**
 * What a real zun-api (Zed, 10.0.1) answered where the emulator used to differ: each case was
 * seen on the real server, behind the real Keystone, request by request (issue 11). Where the real
 * server is odd on purpose or by a bug, the emulator follows it and the code says why.
 */

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  expect(h.unexpected).toEqual([])
  await h.close()
})

/** A container Zun's scheduler found no host for: 202, Error, host null. */
async function neverScheduled(body: Record<string, unknown> = {}): Promise<any> {
  const compute = h.server.state.services[0]
  compute.disabled = true
  try {
    const r = await h.call('POST', '/v1/containers', {body: oscBody(body)})
    expect(r.status).toBe(202)
    expect(r.json).toMatchObject({status: 'Error', status_reason: 'There are not enough hosts available.'})
    expect((await get(r.json.uuid)).host).toBeNull()
    return r.json
  } finally {
    compute.disabled = false
  }
}

async function get(uuid: string, token: 'admin' | 'demo' = 'admin'): Promise<any> {
  return (await h.call('GET', `/v1/containers/${uuid}`, {token})).json
}

describe('a container no host ever took (scheduling failed at create)', () => {
  it('start: 202, and it stays Error (the cast goes to no host)', async () => {
    const c = await neverScheduled()
    expect((await h.call('POST', `/v1/containers/${c.uuid}/start`)).status).toBe(202)
    h.advance(SETTLE)
    expect(await get(c.uuid)).toMatchObject({status: 'Error', task_state: null, host: null, status_reason: 'There are not enough hosts available.'})
  })

  it('reboot: 202, then Restarting with no task for good; rebuild: Rebuilding, with the new image', async () => {
    const a = await neverScheduled()
    expect((await h.call('POST', `/v1/containers/${a.uuid}/reboot?timeout=10`)).status).toBe(202)
    h.advance(SETTLE)
    expect(await get(a.uuid)).toMatchObject({status: 'Restarting', task_state: null, host: null})
    const b = await neverScheduled()
    expect((await h.call('POST', `/v1/containers/${b.uuid}/rebuild?image=nginx`)).status).toBe(202)
    h.advance(SETTLE)
    expect(await get(b.uuid)).toMatchObject({status: 'Rebuilding', task_state: null, image: 'nginx'})
    // Only a forced delete takes them now (Restarting and Rebuilding are not in VALID_STATES['delete']).
    expect((await h.call('DELETE', `/v1/containers/${a.uuid}`)).status).toBe(409)
    expect((await h.call('DELETE', `/v1/containers/${a.uuid}?force=True`, {token: 'admin'})).status).toBe(204)
  })

  it('no create action is recorded, the start is (and never finishes)', async () => {
    const c = await neverScheduled()
    await h.call('POST', `/v1/containers/${c.uuid}/start`)
    h.advance(SETTLE)
    const actions = (await h.call('GET', `/v1/containers/${c.uuid}/container_actions`)).json.containerActions
    expect(actions.map((a: any) => [a.action, a.finish_time])).toEqual([['start', null]])
  })

  it('exposed_ports: ports and security_groups stay null and no Neutron security group is made', async () => {
    const groups = h.neutron.securityGroups.size
    const c = await neverScheduled({exposed_ports: {'80/tcp': {}}})
    expect(c).toMatchObject({ports: null, security_groups: null})
    expect(await get(c.uuid)).toMatchObject({ports: [], security_groups: []})
    expect(h.neutron.securityGroups.size).toBe(groups)
  })

  it('network_attach: 200 (no status check in Zed), and nothing is bound', async () => {
    const c = await neverScheduled()
    const r = await h.call('POST', `/v1/containers/${c.uuid}/network_attach?network=private`)
    expect(r.status).toBe(200)
    expect([...h.neutron.ports.values()].filter((p) => p.device_id === c.uuid)).toEqual([])
  })

  it('network_detach of a network it is not on: 400 container.invalid naming the network and the container as given', async () => {
    const c = await neverScheduled({name: 'lonely'})
    const r = await h.call('POST', '/v1/containers/lonely/network_detach?network=private')
    expect(r.status).toBe(400)
    expect(firstError(r)).toMatchObject({code: 'container.invalid', detail: "Network 'private' is not attached to container 'lonely'."})
    const port = h.neutron.addPort({network_id: [...h.neutron.networks.values()][0].id, project_id: 'demo', name: 'pp'})
    const byPort = await h.call('POST', `/v1/containers/${c.uuid}/network_detach?port=pp`)
    expect(firstError(byPort)).toMatchObject({code: 'container.invalid', detail: `Port 'pp' is not attached to container '${c.uuid}'.`})
    expect(port.device_id).toBe('')
  })
})

describe('network attach messages', () => {
  it('a network the container is on already: 400, worded as Zed words it', async () => {
    const c = await h.container({name: 'web', nets: [{network: 'private'}]}, {run: true})
    const again = await h.call('POST', '/v1/containers/web/network_attach?network=private')
    expect(firstError(again)).toMatchObject({code: 'container.invalid', detail: "Network 'private' is already connected to container 'web'."})
    h.neutron.addPort({network_id: [...h.neutron.networks.values()].find((n) => n.name === 'private')!.id, project_id: 'demo', name: 'p2'})
    const port = await h.call('POST', `/v1/containers/${c.uuid}/network_attach?port=p2`)
    expect(firstError(port).detail).toBe(
      `Cannot attach port 'p2' to container '${c.uuid}' because another port on the same network is already attached to this container.`,
    )
  })
})

describe('requests checked in the real order', () => {
  it('GET on an action path is a 404 (a custom action), not a 405', async () => {
    const c = await h.container({name: 'web'})
    for (const action of ['start', 'execute', 'network_attach']) {
      const r = await h.call('GET', `/v1/containers/${c.uuid}/${action}`)
      expect(r.status, action).toBe(404)
      expect(firstError(r)).toMatchObject({code: 'container.', title: 'Not Found'})
    }
    expect((await h.call('POST', `/v1/containers/${c.uuid}/logs`)).status).toBe(404)
  })

  it('an unknown service action: 405 with Allow: DELETE, GET', async () => {
    const r = await h.call('PUT', '/v1/services/reboot?host=node1&binary=zun-compute', {token: 'admin'})
    expect(r.status).toBe(405)
    expect(r.headers.get('allow')).toBe('DELETE, GET')
    expect(firstError(r)).toMatchObject({code: 'container.', title: 'Method Not Allowed'})
  })

  it('service actions read host and binary from a JSON body as well as from the query', async () => {
    const r = await h.call('PUT', '/v1/services/disable', {token: 'admin', body: {host: 'node1', binary: 'zun-compute', disabled_reason: 'maintenance'}})
    expect(r.status).toBe(200)
    expect(r.json).toEqual({service: {host: 'node1', binary: 'zun-compute', disabled: true, disabled_reason: 'maintenance'}})
    const up = await h.call('PUT', '/v1/services/enable?host=node1', {token: 'admin', body: {binary: 'zun-compute'}})
    expect(up.json.service).toMatchObject({disabled: false, disabled_reason: null})
    // Zun reads body['host'] unchecked: without it, an unexpected error.
    expect((await h.call('PUT', '/v1/services/enable', {token: 'admin', body: {binary: 'zun-compute'}})).status).toBe(500)
  })

  it('GET /v2 without a token: keystonemiddleware answers first (401), routing never sees it', async () => {
    const r = await h.call('GET', '/v2', {token: null})
    expect(r.status).toBe(401)
    expect(r.json.error.code).toBe(401)
    expect((await h.call('GET', '/v2')).status).toBe(404)
    // `/` and `/v1` stay public.
    expect((await h.call('GET', '/', {token: null})).status).toBe(200)
    expect((await h.call('GET', '/v1/', {token: null})).status).toBe(200)
  })

  it('list: an unknown sort_key is container.invalid-parameter-value, worded as the database layer words it', async () => {
    const r = await h.call('GET', '/v1/containers?sort_key=bogus')
    expect(r.status).toBe(400)
    expect(firstError(r)).toMatchObject({
      code: 'container.invalid-parameter-value',
      detail: 'The sort_key value "bogus" is an invalid field for sorting',
    })
  })
})

describe('views and messages', () => {
  it('updated_at: null in the POST answer, set at once when read back', async () => {
    const r = await h.call('POST', '/v1/containers', {body: oscBody()})
    expect(r.json.updated_at).toBeNull()
    expect((await get(r.json.uuid)).updated_at).toBe('2026-11-23 05:26:43')
  })

  it('list items carry no links; show keeps them', async () => {
    const c = await h.container({name: 'web'})
    const list = (await h.call('GET', '/v1/containers')).json.containers
    expect(list[0]).not.toHaveProperty('links')
    expect(list[0].uuid).toBe(c.uuid)
    expect(await get(c.uuid)).toHaveProperty('links')
  })

  it('quota usage: memory, disk and cpu in use are floats (SQL sums), containers a count', async () => {
    await h.container({name: 'web', memory: '256', cpu: 0.5})
    const r = await h.call('GET', '/v1/quotas/demo?usages=True')
    expect(r.text).toContain('"memory": {"limit": 51200, "in_use": 256.0}')
    expect(r.text).toContain('"disk": {"limit": 100, "in_use": 0.0}')
    expect(r.text).toContain('"containers": {"limit": 40, "in_use": 1}')
  })

  it('a missing container action: "The Action resource … could not be found."', async () => {
    const c = await h.container({name: 'web'})
    const r = await h.call('GET', `/v1/containers/${c.uuid}/container_actions/req-nope`)
    expect(firstError(r)).toMatchObject({code: 'container.resource-not-found', status: 404, detail: 'The Action resource req-nope could not be found.'})
  })

  it('an unknown security group: "Security group … not found." (400)', async () => {
    const r = await h.call('POST', '/v1/containers', {body: oscBody({security_groups: ['nosuch']})})
    expect(firstError(r)).toMatchObject({code: 'container.invalid-value', status: 400, detail: 'Security group nosuch not found.'})
  })
})

describe('capsules as Zed shows them', () => {
  const template = (metadata: Record<string, unknown>, containers: unknown[] = [{image: 'cirros', command: ['sleep', '100']}]) => ({
    template: {kind: 'capsule', metadata, spec: {containers}},
  })

  it('without resource requests: cpu 0.0, memory "0"; the containers have no cpu, memory or image driver', async () => {
    const r = await h.call('POST', '/v1/capsules', {token: 'admin', body: template({name: 'web'})})
    expect(r.status).toBe(202)
    expect(r.text).toContain('"cpu": 0.0')
    expect(r.json).toMatchObject({memory: '0', annotations: null, labels: null, name: 'web'})
    const [container] = r.json.containers
    expect(container).toMatchObject({cpu: null, memory: null, image_driver: null, image_pull_policy: 'always', restart_policy: {Name: 'always', MaximumRetryCount: '0'}})
    expect(container.name).toMatch(/^capsule-web-[a-z]+-([1-9]|1\d|2[0-4])$/)
    expect(container).not.toHaveProperty('links')
  })

  it('up to 1.31 the legacy form: restart_policy is the name (always), meta_name and meta_labels', async () => {
    const r = await h.call('POST', '/v1/capsules', {version: '1.31', body: template({name: 'old', labels: {a: 'b'}})})
    expect(r.status).toBe(202)
    expect(r.json).toMatchObject({restart_policy: 'always', meta_name: 'old', meta_labels: {a: 'b'}, capsule_version: '', volumes_info: {}})
    expect(r.json).not.toHaveProperty('name')
  })

  it('without a name in the metadata the containers are named after the capsule uuid', async () => {
    const r = await h.call('POST', '/v1/capsules', {body: template({})})
    expect(r.json.name).toBeNull()
    expect(r.json.containers[0].name.startsWith(`capsule-${r.json.uuid}-`)).toBe(true)
  })
})

describe('headers', () => {
  it('an unknown path and an API outside its window: no version headers; the request id stays', async () => {
    for (const [path, version] of [['/v1/nothing-here', '1.40'], ['/v1/hosts', '1.3']] as const) {
      const r = await h.call('GET', path, {token: 'admin', version})
      expect([404, 406]).toContain(r.status)
      expect(r.headers.get('openstack-api-version'), path).toBeNull()
      expect(r.headers.get('x-openstack-request-id')).toMatch(/^req-/)
    }
  })

  it('1.41 and above: a bare text/plain 500 without a request id', async () => {
    const r = await h.call('GET', '/v1/containers', {version: '1.41'})
    expect(r.status).toBe(500)
    expect(r.text).toBe('')
    expect(r.headers.get('content-type')).toBe('text/plain; charset=UTF-8')
    expect(r.headers.get('x-openstack-request-id')).toBeNull()
    expect(r.headers.get('openstack-api-version')).toBeNull()
  })
})
