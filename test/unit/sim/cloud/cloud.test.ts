import {mkdtempSync, readFileSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {type CloudOptions, type SimCloud, startCloud} from '../../../../src/sim/cloud/cloud.js'
import {startControl} from '../../../../src/sim/cloud/control.js'

const open: SimCloud[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close({persist: false})))
})

async function sim(opts: CloudOptions = {}): Promise<SimCloud> {
  const c = await startCloud({time: 'immediate', ...opts})
  open.push(c)
  return c
}

function url(c: SimCloud, service: string, region: string): string {
  const e = c.endpoints().find((x) => x.service === service && x.region === region)
  if (!e) throw new Error(`no ${service} in ${region}`)
  return e.url
}

async function call(c: SimCloud, service: string, region: string, method: string, path: string, body?: unknown, user: 'admin' | 'demo' = 'admin') {
  const res = await fetch(`${url(c, service, region)}${path}`, {
    method,
    headers: {'X-Auth-Token': c.issueToken(user), Accept: 'application/json', ...(body === undefined ? {} : {'Content-Type': 'application/json'})},
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return {status: res.status, json, text, headers: res.headers}
}

describe('the simulated cloud', () => {
  it('has one Keystone and, per region, the services its layout gives it, each on its own port, in the catalog', async () => {
    const c = await sim()
    const ports = c.endpoints().map((e) => new URL(e.url.replace(/^ws/, 'http')).port)
    expect(new Set(ports).size).toBe(ports.length)
    const res = await fetch(`${c.authUrl}/auth/tokens`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({auth: {identity: {methods: ['password'], password: {user: {name: 'admin', domain: {name: 'Default'}, password: c.users.admin.password}}}, scope: {project: {name: 'admin', domain: {name: 'Default'}}}}}),
    })
    expect(res.status).toBe(201)
    const catalog = ((await res.json()) as {token: {catalog: Array<{type: string; endpoints: Array<{region: string; interface: string}>}>}}).token.catalog
    const where = (type: string) => [...new Set(catalog.find((s) => s.type === type)?.endpoints.map((e) => e.region))].sort()
    expect(where('network')).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
    expect(where('container')).toEqual(['RegionOne', 'RegionTwo'])
    expect(where('tricircle')).toEqual(['CentralRegion'])
    expect(where('identity')).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
  })

  it('a wrong password gets Keystone’s 401, the right one a token the other services accept', async () => {
    const c = await sim({regions: ['RegionOne']})
    const bad = await fetch(`${c.authUrl}/auth/tokens`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({auth: {identity: {methods: ['password'], password: {user: {name: 'admin', domain: {name: 'Default'}, password: 'nope'}}}}}),
    })
    expect(bad.status).toBe(401)
    expect((await call(c, 'network', 'RegionOne', 'GET', '/v2.0/networks')).status).toBe(200)
    const noToken = await fetch(`${url(c, 'network', 'RegionOne')}/v2.0/networks`)
    expect(noToken.status).toBe(401)
    expect(noToken.headers.get('www-authenticate')).toMatch(/^Keystone uri="http:\/\/127\.0\.0\.1:\d+"$/)
  })

  it('tokens expire on the manual clock, and a service then answers 401', async () => {
    const c = await sim({regions: ['RegionOne'], time: 'manual', tokenTtlMs: 60_000})
    const token = c.issueToken()
    const get = () => fetch(`${url(c, 'network', 'RegionOne')}/v2.0/networks`, {headers: {'X-Auth-Token': token}})
    expect((await get()).status).toBe(200)
    c.tick(61)
    expect((await get()).status).toBe(401)
  })

  it('Tricircle: a central network used in a region appears there with the same ID, and a port made there is made in the centre too', async () => {
    const c = await sim()
    const net = await call(c, 'network', 'CentralRegion', 'POST', '/v2.0/networks', {network: {name: 'top'}})
    const sub = await call(c, 'network', 'CentralRegion', 'POST', '/v2.0/subnets', {subnet: {network_id: net.json.network.id, cidr: '10.9.0.0/24', ip_version: 4}})
    expect(sub.status).toBe(201)
    const local = await call(c, 'network', 'RegionOne', 'GET', `/v2.0/networks/${net.json.network.id}`)
    expect(local.status).toBe(200)
    expect(local.json.network.subnets).toEqual([sub.json.subnet.id])
    const p1 = await call(c, 'network', 'RegionOne', 'POST', '/v2.0/ports', {port: {network_id: net.json.network.id, name: 'a'}})
    const p2 = await call(c, 'network', 'RegionTwo', 'POST', '/v2.0/ports', {port: {network_id: net.json.network.id, name: 'b'}})
    expect([p1.status, p2.status]).toEqual([201, 201])
    expect(p1.json.port.fixed_ips[0].ip_address).not.toBe(p2.json.port.fixed_ips[0].ip_address)
    const top = await call(c, 'network', 'CentralRegion', 'GET', `/v2.0/ports/${p1.json.port.id}`)
    expect(top.json.port.fixed_ips).toEqual(p1.json.port.fixed_ips)
    expect(top.json.port.mac_address).toBe(p1.json.port.mac_address)
    expect((await call(c, 'network', 'RegionOne', 'DELETE', `/v2.0/ports/${p1.json.port.id}`)).status).toBe(204)
    expect((await call(c, 'network', 'CentralRegion', 'GET', `/v2.0/ports/${p1.json.port.id}`)).status).toBe(404)
    const unknown = await call(c, 'network', 'RegionOne', 'GET', '/v2.0/networks/00000000-0000-0000-0000-000000000000')
    expect(unknown.json.NeutronError.type).toBe('NetworkNotFound')
  })

  it('Tricircle: a central network deleted in the centre goes from the regions that had it too (their local copies)', async () => {
    const c = await sim()
    const net = await call(c, 'network', 'CentralRegion', 'POST', '/v2.0/networks', {network: {name: 'gone-soon'}})
    const id = net.json.network.id
    const sub = await call(c, 'network', 'CentralRegion', 'POST', '/v2.0/subnets', {subnet: {network_id: id, cidr: '10.8.0.0/24', ip_version: 4}})
    const port = await call(c, 'network', 'RegionOne', 'POST', '/v2.0/ports', {port: {network_id: id, name: 'p'}})
    expect(port.status).toBe(201)
    expect((await call(c, 'network', 'RegionOne', 'DELETE', `/v2.0/ports/${port.json.port.id}`)).status).toBe(204)
    expect((await call(c, 'network', 'CentralRegion', 'DELETE', `/v2.0/subnets/${sub.json.subnet.id}`)).status).toBe(204)
    expect((await call(c, 'network', 'CentralRegion', 'DELETE', `/v2.0/networks/${id}`)).status).toBe(204)
    const left = await call(c, 'network', 'RegionOne', 'GET', '/v2.0/networks?name=gone-soon')
    expect(left.json.networks).toEqual([])
    expect((await call(c, 'network', 'RegionOne', 'GET', `/v2.0/subnets/${sub.json.subnet.id}`)).status).toBe(404)
  })

  it('Glance: glance-download copies an image from another region, bytes and checksum', async () => {
    const c = await sim({regions: ['RegionOne', 'RegionTwo']})
    const src = await call(c, 'image', 'RegionOne', 'POST', '/v2/images', {name: 'src', container_format: 'bare', disk_format: 'raw', arch: 'x86_64'})
    const up = await fetch(`${url(c, 'image', 'RegionOne')}/v2/images/${src.json.id}/file`, {method: 'PUT', headers: {'X-Auth-Token': c.issueToken(), 'Content-Type': 'application/octet-stream'}, body: 'payload bytes'})
    expect(up.status).toBe(204)
    const dst = await call(c, 'image', 'RegionTwo', 'POST', '/v2/images', {name: 'copy', container_format: 'bare', disk_format: 'raw'})
    const imp = await call(c, 'image', 'RegionTwo', 'POST', `/v2/images/${dst.json.id}/import`, {method: {name: 'glance-download', glance_image_id: src.json.id, glance_region: 'RegionOne'}})
    expect(imp.status).toBe(202)
    const shown = await call(c, 'image', 'RegionTwo', 'GET', `/v2/images/${dst.json.id}`)
    expect(shown.json).toMatchObject({status: 'active', size: 13, checksum: (await call(c, 'image', 'RegionOne', 'GET', `/v2/images/${src.json.id}`)).json.checksum, arch: 'x86_64'})
    const data = await fetch(`${url(c, 'image', 'RegionTwo')}/v2/images/${dst.json.id}/file`, {headers: {'X-Auth-Token': c.issueToken()}})
    expect(await data.text()).toBe('payload bytes')
    const missing = await call(c, 'image', 'RegionTwo', 'POST', '/v2/images', {name: 'x', container_format: 'bare', disk_format: 'raw'})
    const bad = await call(c, 'image', 'RegionTwo', 'POST', `/v2/images/${missing.json.id}/import`, {method: {name: 'glance-download', glance_image_id: missing.json.id, glance_region: 'Nowhere'}})
    expect(bad.status).toBe(400)
  })

  it('Glance: a region given its own import methods advertises only those and refuses the others', async () => {
    const c = await sim({regions: ['RegionOne', 'RegionTwo'], glanceImportMethods: {RegionTwo: ['glance-direct', 'web-download', 'copy-image']}})
    expect((await call(c, 'image', 'RegionOne', 'GET', '/v2/info/import')).json['import-methods'].value).toContain('glance-download')
    expect((await call(c, 'image', 'RegionTwo', 'GET', '/v2/info/import')).json['import-methods'].value).toEqual(['glance-direct', 'web-download', 'copy-image'])
    const dst = await call(c, 'image', 'RegionTwo', 'POST', '/v2/images', {name: 'copy', container_format: 'bare', disk_format: 'raw'})
    expect(dst.headers.get('openstack-image-import-methods')).toBe('glance-direct,web-download,copy-image')
    const imp = await call(c, 'image', 'RegionTwo', 'POST', `/v2/images/${dst.json.id}/import`, {method: {name: 'glance-download', glance_image_id: dst.json.id, glance_region: 'RegionOne'}})
    expect(imp.status).toBe(400)
    expect(imp.text).toContain('Import method glance-download is not valid for this cloud. Valid values are: glance-direct, web-download, copy-image')
  })

  it('Octavia: PENDING_CREATE lasts until the manual clock passes the create time; the VIP is a port on the subnet', async () => {
    const c = await sim({regions: ['RegionOne'], time: 'manual'})
    const net = await call(c, 'network', 'RegionOne', 'POST', '/v2.0/networks', {network: {name: 'n'}})
    const sub = await call(c, 'network', 'RegionOne', 'POST', '/v2.0/subnets', {subnet: {network_id: net.json.network.id, cidr: '10.8.0.0/24', ip_version: 4}})
    const lb = await call(c, 'load-balancer', 'RegionOne', 'POST', '/v2/lbaas/loadbalancers', {loadbalancer: {name: 'lb', vip_subnet_id: sub.json.subnet.id}})
    expect(lb.json.loadbalancer).toMatchObject({provisioning_status: 'PENDING_CREATE', vip_address: '10.8.0.2'})
    const vip = await call(c, 'network', 'RegionOne', 'GET', `/v2.0/ports/${lb.json.loadbalancer.vip_port_id}`)
    expect(vip.json.port).toMatchObject({device_owner: 'Octavia', name: `octavia-lb-${lb.json.loadbalancer.id}`})
    c.tick(2.9)
    expect((await call(c, 'load-balancer', 'RegionOne', 'GET', `/v2/lbaas/loadbalancers/${lb.json.loadbalancer.id}`)).json.loadbalancer.provisioning_status).toBe('PENDING_CREATE')
    c.tick(0.2)
    expect((await call(c, 'load-balancer', 'RegionOne', 'GET', `/v2/lbaas/loadbalancers/${lb.json.loadbalancer.id}`)).json.loadbalancer.provisioning_status).toBe('ACTIVE')
    expect((await call(c, 'load-balancer', 'RegionOne', 'DELETE', `/v2/lbaas/loadbalancers/${lb.json.loadbalancer.id}`)).status).toBe(204)
    c.tick(2)
    expect((await call(c, 'network', 'RegionOne', 'GET', `/v2.0/ports/${lb.json.loadbalancer.vip_port_id}`)).status).toBe(404)
  })

  it('a region down refuses connections and comes back on the same ports; Keystone and the other regions stay up', async () => {
    const c = await sim()
    const before = url(c, 'network', 'RegionTwo')
    await c.setDown('RegionTwo', true)
    await expect(fetch(`${before}/`)).rejects.toThrow()
    expect((await call(c, 'network', 'RegionOne', 'GET', '/v2.0/networks')).status).toBe(200)
    await c.setDown('RegionTwo', false)
    expect(url(c, 'network', 'RegionTwo')).toBe(before)
    expect((await call(c, 'network', 'RegionTwo', 'GET', '/v2.0/networks')).status).toBe(200)
    await expect(c.setDown('Nowhere', true)).rejects.toThrow(/unknown region Nowhere/)
  })

  it('one service of a region down (Zun and its websocket proxy) refuses connections while the rest of the region answers', async () => {
    const c = await sim()
    const zun = url(c, 'container', 'RegionTwo')
    const ws = url(c, 'container-ws', 'RegionTwo').replace(/^ws:/, 'http:')
    await c.setDown('RegionTwo', true, 'container')
    await expect(fetch(`${zun}/containers`)).rejects.toThrow()
    await expect(fetch(ws)).rejects.toThrow()
    expect((await call(c, 'container', 'RegionOne', 'GET', '/containers')).status).toBe(200)
    expect(c.downServices()).toEqual([{region: 'RegionTwo', service: 'container'}])
    expect(c.dump({region: 'RegionTwo', service: 'network'}).RegionTwo).toMatchObject({down_services: ['container']})

    // The region going down and up again leaves its Zun down until Zun itself is back.
    // (No request to the region's Neutron before this: a kept-alive socket would be cut by the region going down.)
    await c.setDown('RegionTwo', true)
    await c.setDown('RegionTwo', false)
    expect((await call(c, 'network', 'RegionTwo', 'GET', '/v2.0/networks')).status).toBe(200)
    await expect(fetch(`${zun}/containers`)).rejects.toThrow()
    await c.setDown('RegionTwo', false, 'container')
    expect(url(c, 'container', 'RegionTwo')).toBe(zun)
    expect((await call(c, 'container', 'RegionTwo', 'GET', '/containers')).status).toBe(200)
    expect(c.downServices()).toEqual([])
    await expect(c.setDown('CentralRegion', true, 'container')).rejects.toThrow(/region CentralRegion has no container service/)
  })

  it('a fault answers in the service’s own error shape, N times, for the method and region given', async () => {
    const c = await sim()
    c.faults.add({region: 'RegionTwo', service: 'network', method: 'GET', status: 503, count: 1})
    c.faults.add({region: 'RegionOne', service: 'load-balancer', status: 500})
    const first = await call(c, 'network', 'RegionTwo', 'GET', '/v2.0/networks')
    expect(first.status).toBe(503)
    expect(first.json.NeutronError.message).toMatch(/injected by mrctl sim/)
    expect((await call(c, 'network', 'RegionTwo', 'GET', '/v2.0/networks')).status).toBe(200)
    expect((await call(c, 'network', 'RegionOne', 'GET', '/v2.0/networks')).status).toBe(200)
    const lb = await call(c, 'load-balancer', 'RegionOne', 'GET', '/v2/lbaas/loadbalancers')
    expect(lb.json).toEqual({faultcode: 'Server', faultstring: 'Internal Server Error (injected by mrctl sim)', debuginfo: null})
  })

  it('snapshot, reset and load: the state goes and comes back, this run’s credentials keep working', async () => {
    const c = await sim()
    await call(c, 'network', 'RegionOne', 'POST', '/v2.0/networks', {network: {name: 'kept'}})
    const snap = c.snapshot()
    c.reset()
    expect((await call(c, 'network', 'RegionOne', 'GET', '/v2.0/networks?name=kept')).json.networks).toEqual([])
    c.load(snap)
    expect((await call(c, 'network', 'RegionOne', 'GET', '/v2.0/networks?name=kept')).json.networks).toHaveLength(1)
    expect(c.dump({region: 'RegionOne', service: 'network'})).toMatchObject({RegionOne: {network: {networks: [expect.objectContaining({name: 'kept'})]}}})
    expect(() => c.load({...snap, regions: ['Other']})).toThrow(/the snapshot has regions Other/)
  })

  it('--state: a restarted sim has what the last one had, and the same passwords; the file is 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-state-'))
    const a = await startCloud({time: 'immediate', stateDir: dir, regions: ['RegionOne']})
    await call(a, 'network', 'RegionOne', 'POST', '/v2.0/networks', {network: {name: 'persisted'}})
    await a.close()
    expect(statSync(join(dir, 'state.json')).mode & 0o777).toBe(0o600)
    const b = await sim({stateDir: dir, regions: ['RegionOne']})
    expect(b.users.admin.password).toBe(a.users.admin.password)
    expect((await call(b, 'network', 'RegionOne', 'GET', '/v2.0/networks?name=persisted')).json.networks).toHaveLength(1)
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).not.toContain('"revoked"')
  })

  /** A running container in RegionOne on a central network (its Kuryr port in both Neutrons). */
  async function runContainer(c: SimCloud, name: string) {
    const net = await call(c, 'network', 'CentralRegion', 'POST', '/v2.0/networks', {network: {name: `${name}-net`}})
    await call(c, 'network', 'CentralRegion', 'POST', '/v2.0/subnets', {subnet: {network_id: net.json.network.id, cidr: '10.7.0.0/24', ip_version: 4}})
    const zun = {'OpenStack-API-Version': 'container 1.40'}
    const body = {name, image: 'cirros', image_driver: 'docker', command: ['sleep', '3600'], labels: {keep: 'me'}, nets: [{network: net.json.network.id}], environment: {}, auto_remove: false, hints: {}, mounts: []}
    const res = await fetch(`${url(c, 'container', 'RegionOne')}/containers?run=true`, {
      method: 'POST',
      headers: {'X-Auth-Token': c.issueToken(), 'Content-Type': 'application/json', ...zun},
      body: JSON.stringify(body),
    })
    expect(res.status).toBe(202)
    const made = (await res.json()) as {uuid: string}
    const show = async (s: SimCloud) => {
      const r = await fetch(`${url(s, 'container', 'RegionOne')}/containers/${made.uuid}`, {headers: {'X-Auth-Token': s.issueToken(), ...zun}})
      return {status: r.status, json: (await r.json()) as Record<string, any>}
    }
    const shown = await show(c)
    expect(shown.json.status).toBe('Running')
    return {uuid: made.uuid, shown: shown.json, show}
  }

  it('--state: Zun containers survive down/up, with their addresses, labels, ports and exec', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-state-'))
    const a = await startCloud({time: 'immediate', stateDir: dir, regions: ['CentralRegion', 'RegionOne']})
    const c1 = await runContainer(a, 'survivor')
    await a.close()
    const b = await sim({stateDir: dir, regions: ['CentralRegion', 'RegionOne']})
    const again = await c1.show(b)
    expect(again.status).toBe(200)
    expect(again.json).toMatchObject({uuid: c1.uuid, name: 'survivor', status: 'Running', labels: {keep: 'me'}, addresses: c1.shown.addresses, command: ['sleep', '3600']})
    const portId = Object.values(c1.shown.addresses as Record<string, Array<{port: string}>>)[0][0].port
    expect((await call(b, 'network', 'RegionOne', 'GET', `/v2.0/ports/${portId}`)).json.port.device_id).toBe(c1.uuid)
    const exec = await fetch(`${url(b, 'container', 'RegionOne')}/containers/${c1.uuid}/execute?command=hostname&run=true`, {
      method: 'POST',
      headers: {'X-Auth-Token': b.issueToken(), 'OpenStack-API-Version': 'container 1.40'},
    })
    expect(exec.status).toBe(200)
    expect(((await exec.json()) as {exit_code: number}).exit_code).toBe(0)
    // Deleting it after the restart releases its port, as before.
    const del = await fetch(`${url(b, 'container', 'RegionOne')}/containers/${c1.uuid}?force=True`, {method: 'DELETE', headers: {'X-Auth-Token': b.issueToken(), 'OpenStack-API-Version': 'container 1.40'}})
    expect(del.status).toBe(204)
    expect((await c1.show(b)).status).toBe(404)
    expect((await call(b, 'network', 'RegionOne', 'GET', `/v2.0/ports/${portId}`)).status).toBe(404)
  })

  it('snapshot save and load: Zun containers come back with the rest; reset empties them', async () => {
    const c = await sim({regions: ['CentralRegion', 'RegionOne']})
    const c1 = await runContainer(c, 'snapped')
    const snap = JSON.parse(JSON.stringify(c.snapshot())) as ReturnType<SimCloud['snapshot']>
    c.reset()
    expect((await c1.show(c)).status).toBe(404)
    c.load(snap)
    const back = await c1.show(c)
    expect(back.json).toMatchObject({uuid: c1.uuid, status: 'Running', addresses: c1.shown.addresses})
  })

  it('a container saved mid-way (manual time) comes back as its operation leaves it, and its process still ends when due', async () => {
    const c = await sim({regions: ['CentralRegion', 'RegionOne'], time: 'manual'})
    const net = await call(c, 'network', 'CentralRegion', 'POST', '/v2.0/networks', {network: {name: 'mid-net'}})
    await call(c, 'network', 'CentralRegion', 'POST', '/v2.0/subnets', {subnet: {network_id: net.json.network.id, cidr: '10.6.0.0/24', ip_version: 4}})
    const zun = {'X-Auth-Token': c.issueToken(), 'OpenStack-API-Version': 'container 1.40', 'Content-Type': 'application/json'}
    const base = url(c, 'container', 'RegionOne')
    const res = await fetch(`${base}/containers?run=true`, {method: 'POST', headers: zun, body: JSON.stringify({name: 'mid', image: 'cirros', image_driver: 'docker', command: ['sleep', '60'], nets: [{network: net.json.network.id}]})})
    const {uuid} = (await res.json()) as {uuid: string}
    const status = async () => ((await (await fetch(`${base}/containers/${uuid}`, {headers: zun})).json()) as {status: string}).status
    expect(await status()).toBe('Creating')
    const snap = JSON.parse(JSON.stringify(c.snapshot())) as ReturnType<SimCloud['snapshot']>
    expect(await status(), 'saving does not move the container itself').toBe('Creating')
    c.reset()
    c.load(snap)
    expect(await status()).toBe('Running')
    // Created at +3 s, started at +4 s (the operation's own times), `sleep 60` ends at +64 s.
    c.tick(63)
    expect(await status()).toBe('Running')
    c.tick(2)
    expect(await status()).toBe('Stopped')
  })

  it('the control API refuses a call without its secret, and runs tick, faults and dump with it', async () => {
    const c = await sim({time: 'manual'})
    const control = await startControl({cloud: c, shutdown: () => {}, status: () => ({ok: true})}, {host: '127.0.0.1', secret: 's3cret'})
    try {
      const auth = {Authorization: 'Bearer s3cret', 'Content-Type': 'application/json'}
      expect((await fetch(`${control.url}/status`)).status).toBe(401)
      expect((await fetch(`${control.url}/status`, {headers: {Authorization: 'Bearer wrong!'}})).status).toBe(401)
      const before = c.clock.nowMs()
      const tick = await fetch(`${control.url}/tick`, {method: 'POST', headers: auth, body: JSON.stringify({seconds: 5})})
      expect(tick.status).toBe(200)
      expect(c.clock.nowMs() - before).toBe(5000)
      const bad = await fetch(`${control.url}/faults`, {method: 'POST', headers: auth, body: JSON.stringify({region: 'Nowhere', status: 500})})
      expect([bad.status, ((await bad.json()) as {error: string}).error]).toEqual([400, 'unknown region Nowhere (regions: CentralRegion, RegionOne, RegionTwo)'])
      const down = await fetch(`${control.url}/faults`, {method: 'POST', headers: auth, body: JSON.stringify({region: 'RegionOne', down: true})})
      expect(((await down.json()) as {down: string[]}).down).toEqual(['RegionOne'])
      const zunDown = await fetch(`${control.url}/faults`, {method: 'POST', headers: auth, body: JSON.stringify({region: 'RegionTwo', service: 'container', down: true})})
      expect(await zunDown.json()).toEqual({down: ['RegionOne'], down_services: [{region: 'RegionTwo', service: 'container'}]})
      const listed = await fetch(`${control.url}/faults`, {headers: auth})
      expect(await listed.json()).toEqual({faults: [], down: ['RegionOne'], down_services: [{region: 'RegionTwo', service: 'container'}]})
      const noSuch = await fetch(`${control.url}/faults`, {method: 'POST', headers: auth, body: JSON.stringify({region: 'CentralRegion', service: 'image', down: true})})
      expect([noSuch.status, ((await noSuch.json()) as {error: string}).error]).toEqual([400, 'region CentralRegion has no image service'])
      const cleared = await fetch(`${control.url}/faults`, {method: 'DELETE', headers: auth})
      expect(await cleared.json()).toEqual({cleared: 0, up: ['RegionOne', 'RegionTwo container']})
      expect(c.isDown('RegionOne')).toBe(false)
      expect(c.downServices()).toEqual([])
      expect((await call(c, 'container', 'RegionTwo', 'GET', '/containers')).status).toBe(200)
    } finally {
      await control.close()
    }
  })
})
