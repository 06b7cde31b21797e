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

function net(name: string) {
  const n = [...h.neutron.networks.values()].find((x) => x.name === name)
  if (!n) throw new Error(name)
  return n
}

describe('nets on create (zun-api.md §6.2, seeds 000/002)', () => {
  it('creates a compute:kuryr port per network, device_id = container uuid; addresses appear after Creating', async () => {
    const r = await h.call('POST', '/v1/containers?run=true', {
      body: oscBody({name: 'container01', image_driver: 'docker', nets: [{network: net('private').id}], command: ['sudo', 'nc', '-l', '-p', '5000']}),
    })
    expect(r.status).toBe(202)
    expect(r.json.addresses).toBeNull()
    const ports = [...h.neutron.ports.values()]
    expect(ports).toHaveLength(1)
    expect(ports[0]).toMatchObject({
      network_id: net('private').id,
      device_owner: 'compute:kuryr',
      device_id: r.json.uuid,
      project_id: 'demo',
    })
    expect(ports[0].name).toMatch(/^[0-9a-f]{64}-port$/)
    h.advance(SETTLE)
    const c = (await h.call('GET', `/v1/containers/${r.json.uuid}`)).json
    expect(c.status).toBe('Running')
    expect(c.addresses).toEqual({
      [net('private').id]: [
        {addr: '10.0.60.2', version: 4, port: ports[0].id, subnet_id: ports[0].fixed_ips[0].subnet_id, preserve_on_delete: false},
      ],
    })
    expect(c.security_groups).toEqual([h.neutron.defaultSecurityGroup('demo').id])
    // The list flattens nothing: same addresses dict.
    expect((await h.call('GET', '/v1/containers')).json.containers[0].addresses).toEqual(c.addresses)
  })

  it('resolves a network by name, with a v4 fixed IP', async () => {
    const c = await h.container({nets: [{network: 'private', 'v4-fixed-ip': '10.0.60.77'}]}, {run: true})
    expect(c.addresses[net('private').id][0].addr).toBe('10.0.60.77')
  })

  it('answers 404 container.network-not-found for an unknown network, synchronously, and creates nothing', async () => {
    const r = await h.call('POST', '/v1/containers?run=true', {body: oscBody({nets: [{network: 'nope'}]})})
    expect(r.status).toBe(404)
    expect(firstError(r)).toEqual({
      request_id: '',
      code: 'container.network-not-found',
      status: 404,
      title: 'Neutron network nope could not be found.',
      detail: 'Neutron network nope could not be found.',
      links: [],
    })
    expect((await h.call('GET', '/v1/containers')).json.containers).toEqual([])
    expect(h.neutron.ports.size).toBe(0)
    // Another project's private network is not visible either.
    const other = await h.call('POST', '/v1/containers', {body: oscBody({nets: [{network: net('admin-net').id}]})})
    expect(firstError(other).code).toBe('container.network-not-found')
  })

  it('answers 409 for a network name shared by two networks', async () => {
    h.neutron.addNetwork({name: 'private', project_id: 'demo', cidr: '10.9.0.0/24'})
    const r = await h.call('POST', '/v1/containers', {body: oscBody({nets: [{network: 'private'}]})})
    expect(r.status).toBe(409)
    expect(firstError(r)).toMatchObject({
      code: 'container.conflict',
      detail: 'Multiple neutron networks exist with same name. Please use the uuid instead.',
    })
  })

  it("without nets picks the project's oldest network, then the oldest shared one, else 409", async () => {
    const demo = await h.container({})
    expect(Object.keys(demo.addresses)).toEqual([net('private').id])
    const alt = await h.container({}, {token: 'alt'})
    expect(Object.keys(alt.addresses)).toEqual([net('shared-net').id])
    await h.close()
    h = await startHarness({}, false)
    const none = await h.call('POST', '/v1/containers', {body: oscBody()})
    expect(none.status).toBe(409)
    expect(firstError(none)).toMatchObject({code: 'container.conflict', detail: 'There is no neutron network available'})
  })

  it('refuses a non-shared external network to members (403)', async () => {
    const ext = h.neutron.addNetwork({name: 'public', project_id: 'admin', external: true, cidr: '172.24.4.0/24'})
    const r = await h.call('POST', '/v1/containers', {body: oscBody({nets: [{network: ext.id}]})})
    expect(r.status).toBe(403)
    expect(firstError(r).code).toBe('container.external-network-attach-forbidden')
    expect((await h.call('POST', '/v1/containers', {token: 'admin', body: oscBody({nets: [{network: ext.id}]})})).status).toBe(202)
  })

  it("binds the user's own port (preserve_on_delete) and unbinds it on delete", async () => {
    const port = h.neutron.addPort({network_id: net('private').id, project_id: 'demo', name: 'myport'})
    const c = await h.container({nets: [{port: 'myport'}]}, {run: true})
    expect(c.addresses[net('private').id][0]).toMatchObject({port: port.id, preserve_on_delete: true})
    expect(h.neutron.ports.get(port.id)).toMatchObject({device_id: c.uuid, device_owner: 'compute:kuryr'})
    expect((await h.call('DELETE', `/v1/containers/${c.uuid}?stop=True`)).status).toBe(204)
    expect(h.neutron.ports.get(port.id)).toMatchObject({device_id: '', device_owner: ''})
  })

  it('refuses ports that are unknown, in use or of another project', async () => {
    expect(firstError(await h.call('POST', '/v1/containers', {body: oscBody({nets: [{port: 'ghost'}]})}))).toMatchObject({
      code: 'container.port-not-found',
      detail: 'Neutron port ghost could not be found.',
    })
    const used = h.neutron.addPort({network_id: net('private').id, project_id: 'demo', device_id: 'vm-1'})
    expect(firstError(await h.call('POST', '/v1/containers', {body: oscBody({nets: [{port: used.id}]})}))).toMatchObject({
      code: 'container.port-in-use',
      status: 400,
    })
    const active = h.neutron.addPort({network_id: net('private').id, project_id: 'demo', status: 'ACTIVE'})
    expect(firstError(await h.call('POST', '/v1/containers', {body: oscBody({nets: [{port: active.id}]})})).code).toBe('container.port-not-usable')
    const theirs = h.neutron.addPort({network_id: net('shared-net').id, project_id: 'alt'})
    expect(firstError(await h.call('POST', '/v1/containers', {body: oscBody({nets: [{port: theirs.id}]})})).code).toBe('container.port-not-found')
  })

  it('deletes the Zun-made ports with the container', async () => {
    const c = await h.container({nets: [{network: 'private'}, {network: 'shared-net'}], command: ['sleep', '100']}, {run: true})
    expect(Object.keys(c.addresses)).toHaveLength(2)
    expect(h.neutron.ports.size).toBe(2)
    expect((await h.call('DELETE', `/v1/containers/${c.uuid}?stop=True`)).status).toBe(204)
    expect(h.neutron.ports.size).toBe(0)
  })

  it('puts an IPv4 and an IPv6 address of a dual-stack port under one network', async () => {
    const dual = h.neutron.addNetwork({name: 'dual', project_id: 'demo', cidr: '10.1.0.0/24', ipv6Cidr: 'fd00:1::/64'})
    const c = await h.container({nets: [{network: 'dual'}]})
    expect(c.addresses[dual.id].map((a: any) => a.version)).toEqual([4, 6])
  })

  it('turns a Neutron failure while creating the port into an Error container', async () => {
    await h.container({nets: [{network: 'private', 'v4-fixed-ip': '10.0.60.9'}]})
    const r = await h.call('POST', '/v1/containers?run=true', {body: oscBody({nets: [{network: 'private', 'v4-fixed-ip': '10.0.60.9'}]})})
    expect(r.status).toBe(202)
    h.advance(SETTLE)
    const c = (await h.call('GET', `/v1/containers/${r.json.uuid}`)).json
    expect(c.status).toBe('Error')
    expect(c.status_reason).toMatch(/^IP address 10\.0\.60\.9 already allocated in subnet /)
  })

  it('resolves security groups by name to IDs and puts them on the port', async () => {
    const web = h.neutron.addSecurityGroup({name: 'web', project_id: 'demo'})
    const r = await h.call('POST', '/v1/containers', {body: oscBody({security_groups: ['web']})})
    expect(r.json.security_groups).toEqual([web.id])
    expect([...h.neutron.ports.values()][0].security_groups).toEqual([web.id])
    const bad = await h.call('POST', '/v1/containers', {body: oscBody({security_groups: ['nope']})})
    expect(bad.status).toBe(400)
  })

  it('makes a dedicated security group for exposed_ports and deletes it with the container', async () => {
    const r = await h.call('POST', '/v1/containers?run=true', {
      body: oscBody({exposed_ports: {'80': {}, '53/udp': {}}, restart_policy: {Name: 'always', MaximumRetryCount: '0'}}),
    })
    expect(r.status).toBe(202)
    expect(r.json.ports).toEqual([80, 53])
    const [sgId] = r.json.security_groups
    const sg = h.neutron.securityGroups.get(sgId)
    expect(sg?.name).not.toBe('default')
    expect(sg?.rules).toEqual([
      {port: 80, protocol: 'tcp'},
      {port: 53, protocol: 'udp'},
    ])
    const both = await h.call('POST', '/v1/containers', {body: oscBody({exposed_ports: {'80': {}}, security_groups: ['default']})})
    expect(both.status).toBe(400)
    h.advance(SETTLE)
    await h.call('DELETE', `/v1/containers/${r.json.uuid}?stop=True`)
    expect(h.neutron.securityGroups.has(sgId)).toBe(false)
  })
})

describe('network attach / detach / list (§3.16)', () => {
  it('attaches (200 null), refuses a second attach, lists per version, and detaches (202)', async () => {
    const c = await h.container({nets: [{network: 'private'}], command: ['sleep', '100']}, {run: true})
    const attach = await h.call('POST', `/v1/containers/${c.uuid}/network_attach?network=shared-net&fixed_ip=10.0.80.50`)
    expect(attach.status).toBe(200)
    expect(attach.text).toBe('null')
    const again = await h.call('POST', `/v1/containers/${c.uuid}/network_attach?network=shared-net`)
    expect(again.status).toBe(400)
    const shown = (await h.call('GET', `/v1/containers/${c.uuid}`)).json
    expect(Object.keys(shown.addresses)).toEqual([net('private').id, net('shared-net').id])

    const list = await h.call('GET', `/v1/containers/${c.uuid}/network_list`)
    expect(list.json.networks).toHaveLength(2)
    expect(list.json.networks[1]).toMatchObject({
      net_id: net('shared-net').id,
      fixed_ips: [{ip_address: '10.0.80.50', version: 4, subnet_id: net('shared-net').subnets[0]}],
    })
    const flat = await h.call('GET', `/v1/containers/${c.uuid}/network_list`, {version: '1.17'})
    expect(flat.json.networks[1]).toEqual({
      net_id: net('shared-net').id,
      subnet_id: net('shared-net').subnets[0],
      port_id: list.json.networks[1].port_id,
      version: 4,
      ip_address: '10.0.80.50',
    })

    const detach = await h.call('POST', `/v1/containers/${c.uuid}/network_detach?network=shared-net`)
    expect(detach.status).toBe(202)
    expect(Object.keys((await h.call('GET', `/v1/containers/${c.uuid}`)).json.addresses)).toEqual([net('private').id])
    expect(h.neutron.ports.size).toBe(1)
    const notThere = await h.call('POST', `/v1/containers/${c.uuid}/network_detach?network=shared-net`)
    expect(notThere.status).toBe(400)
    // Tempest: detach the only network, then attach it again.
    await h.call('POST', `/v1/containers/${c.uuid}/network_detach?network=${net('private').id}`)
    expect((await h.call('GET', `/v1/containers/${c.uuid}`)).json.addresses).toEqual({})
    await h.call('POST', `/v1/containers/${c.uuid}/network_attach?network=${net('private').id}`)
    expect(Object.keys((await h.call('GET', `/v1/containers/${c.uuid}`)).json.addresses)).toEqual([net('private').id])
  })

  it('attaches and detaches by port', async () => {
    const c = await h.container({nets: [{network: 'private'}]}, {run: true})
    const p1 = h.neutron.addPort({network_id: net('shared-net').id, project_id: 'demo', name: 'p1'})
    expect((await h.call('POST', `/v1/containers/${c.uuid}/network_attach?port=p1`)).status).toBe(200)
    expect(h.neutron.ports.get(p1.id)?.device_id).toBe(c.uuid)
    expect((await h.call('POST', `/v1/containers/${c.uuid}/network_detach?port=${p1.id}`)).status).toBe(202)
    expect(h.neutron.ports.get(p1.id)?.device_id).toBe('')
    const both = await h.call('POST', `/v1/containers/${c.uuid}/network_attach?network=private&port=p1`)
    expect(firstError(both).code).toBe('container.schema-validation-error')
  })
})

describe('/v1/networks (§6.1)', () => {
  it('creates (admin, 200) and deletes (1.27+, 204) the Zun network of a Neutron network', async () => {
    const body = {name: 'zn', neutron_net_id: net('private').id}
    expect((await h.call('POST', '/v1/networks', {body})).status).toBe(403)
    const r = await h.call('POST', '/v1/networks', {token: 'admin', body})
    expect(r.status).toBe(200)
    expect(Object.keys(r.json)).toEqual(['uuid', 'name', 'project_id', 'user_id', 'network_id', 'neutron_net_id'])
    expect(r.json.network_id).toMatch(/^[0-9a-f]{64}$/)
    expect((await h.call('DELETE', `/v1/networks//${net('private').id}`, {token: 'admin', version: '1.26'})).status).toBe(406)
    expect((await h.call('DELETE', `/v1/networks//${net('private').id}`, {token: 'admin'})).status).toBe(204)
    expect(firstError(await h.call('DELETE', `/v1/networks/${net('private').id}`, {token: 'admin'})).code).toBe('container.network-not-found')
    const unknown = await h.call('POST', '/v1/networks', {token: 'admin', body: {name: 'zz', neutron_net_id: 'nope-nope'}})
    expect(firstError(unknown).detail).toBe('Neutron network nope-nope could not be found.')
  })
})
