import http from 'node:http'
import type {AddressInfo} from 'node:net'

import {afterEach, describe, expect, it} from 'vitest'

import {HttpGlanceBackend} from '../../../../src/sim/backends/glance-http.js'
import {passwordTokenProvider} from '../../../../src/sim/backends/keystone-token.js'
import {NeutronError} from '../../../../src/sim/backends/neutron.js'
import {HttpNeutronBackend} from '../../../../src/sim/backends/neutron-http.js'

interface Seen {
  method: string
  url: string
  token: string | undefined
  body: string
}

type Route = (req: Seen) => {status: number; body?: unknown; headers?: Record<string, string>}

const servers: http.Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
})

/** A loopback server answering from `route`; every request is recorded in `seen`. */
async function fake(route: Route): Promise<{url: string; seen: Seen[]}> {
  const seen: Seen[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const s: Seen = {method: req.method ?? '', url: req.url ?? '', token: req.headers['x-auth-token'] as string, body: Buffer.concat(chunks).toString()}
      seen.push(s)
      const out = route(s)
      const text = out.body === undefined ? '' : JSON.stringify(out.body)
      res.writeHead(out.status, {...(text ? {'Content-Type': 'application/json'} : {}), ...out.headers})
      res.end(text)
    })
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen}
}

describe('HttpNeutronBackend', () => {
  it('filters networks by tenant and shared as Zun does, and normalises the fields', async () => {
    const n = await fake(() => ({
      status: 200,
      body: {networks: [{id: 'n1', name: 'private', tenant_id: 'p1', shared: false, subnets: ['s1'], created_at: '2024-01-01T00:00:00Z'}]},
    }))
    const backend = new HttpNeutronBackend(n.url, async () => 'tok')
    const nets = await backend.listNetworks({project_id: 'p1', shared: false})
    expect(n.seen[0]).toMatchObject({method: 'GET', url: '/v2.0/networks?tenant_id=p1&shared=False', token: 'tok'})
    expect(nets[0]).toMatchObject({id: 'n1', project_id: 'p1', tenant_id: 'p1', 'router:external': false})
  })

  it('creates a Kuryr port with the owning project, and maps 404s to undefined', async () => {
    const n = await fake((req) =>
      req.method === 'POST'
        ? {status: 201, body: {port: {id: 'port1', network_id: 'n1', project_id: 'p1', fixed_ips: [{subnet_id: 's1', ip_address: '10.0.0.5'}]}}}
        : {status: 404, body: {NeutronError: {type: 'PortNotFound', message: 'Port x could not be found.', detail: ''}}},
    )
    const backend = new HttpNeutronBackend(`${n.url}/v2.0/`, async () => 'tok')
    const port = await backend.createPort({
      network_id: 'n1',
      project_id: 'p1',
      device_owner: 'compute:kuryr',
      device_id: 'c-uuid',
      name: 'x-port',
      fixed_ips: [{ip_address: '10.0.0.5'}],
    })
    expect(n.seen[0].url).toBe('/v2.0/ports')
    expect(JSON.parse(n.seen[0].body)).toEqual({
      port: {network_id: 'n1', project_id: 'p1', device_owner: 'compute:kuryr', device_id: 'c-uuid', name: 'x-port', admin_state_up: true, fixed_ips: [{ip_address: '10.0.0.5'}]},
    })
    expect(port.fixed_ips[0].ip_address).toBe('10.0.0.5')
    expect(await backend.getPort('x')).toBeUndefined()
    await expect(backend.deletePort('x')).resolves.toBeUndefined()
  })

  it('raises NeutronError with Neutron type and message', async () => {
    const n = await fake(() => ({
      status: 409,
      body: {NeutronError: {type: 'IpAddressAlreadyAllocated', message: 'IP address 10.0.0.5 already allocated in subnet s1', detail: ''}},
    }))
    const backend = new HttpNeutronBackend(n.url, async () => 'tok')
    const err = await backend.createPort({network_id: 'n1', project_id: 'p1', device_owner: 'compute:kuryr', device_id: 'c', name: 'p'}).catch((e) => e)
    expect(err).toBeInstanceOf(NeutronError)
    expect(err).toMatchObject({status: 409, type: 'IpAddressAlreadyAllocated', message: 'IP address 10.0.0.5 already allocated in subnet s1'})
  })

  it('asks for a fresh token once after a 401', async () => {
    let calls = 0
    const n = await fake((req) => (req.token === 'fresh' ? {status: 200, body: {networks: []}} : {status: 401}))
    const backend = new HttpNeutronBackend(n.url, async (o) => {
      calls++
      return o?.refresh ? 'fresh' : 'stale'
    })
    expect(await backend.listNetworks({})).toEqual([])
    expect(n.seen.map((s) => s.token)).toEqual(['stale', 'fresh'])
    expect(calls).toBe(2)
  })

  it('creates a security group with one ingress rule per exposed port', async () => {
    const n = await fake((req) =>
      req.url === '/v2.0/security-groups'
        ? {status: 201, body: {security_group: {id: 'sg1', name: 'x', project_id: 'p1'}}}
        : {status: 201, body: {security_group_rule: {id: 'r'}}},
    )
    await new HttpNeutronBackend(n.url, async () => 't').createSecurityGroup({
      name: 'x',
      project_id: 'p1',
      rules: [{port: 80, protocol: 'tcp'}],
    })
    expect(JSON.parse(n.seen[1].body).security_group_rule).toMatchObject({
      security_group_id: 'sg1',
      direction: 'ingress',
      protocol: 'tcp',
      port_range_min: 80,
      port_range_max: 80,
    })
  })
})

describe('HttpGlanceBackend', () => {
  it('finds by id (404 → none) or by name, following next links', async () => {
    const g = await fake((req) => {
      if (req.url.startsWith('/v2/images/')) return {status: 404}
      if (req.url.includes('marker=')) return {status: 200, body: {images: [{id: 'i2', name: 'c', container_format: 'docker', status: 'active'}]}}
      return {status: 200, body: {images: [{id: 'i1', name: 'c', container_format: 'docker', status: 'active'}], next: '/v2/images?name=c&marker=i1'}}
    })
    const backend = new HttpGlanceBackend(`${g.url}/v2`, async () => 'tok')
    expect(await backend.findImages('87864205-4352-4a2c-b9b1-ca95df52c93c')).toEqual([])
    const byName = await backend.findImages('c')
    expect(byName.map((i) => i.id)).toEqual(['i1', 'i2'])
    expect(g.seen.map((s) => s.url)).toEqual([
      '/v2/images/87864205-4352-4a2c-b9b1-ca95df52c93c',
      '/v2/images?name=c&limit=200',
      '/v2/images?name=c&marker=i1',
    ])
  })

  it('creates an image and uploads its data as octet-stream', async () => {
    const g = await fake((req) => (req.method === 'POST' ? {status: 201, body: {id: 'i9', name: 'myrepo', container_format: 'docker', status: 'queued'}} : {status: 204}))
    const backend = new HttpGlanceBackend(g.url, async () => 'tok')
    const img = await backend.createImage({name: 'myrepo', container_format: 'docker', disk_format: 'raw', tags: ['v1'], owner: 'p1'})
    await backend.uploadImage(img.id, new Uint8Array([1, 2, 3]))
    expect(JSON.parse(g.seen[0].body)).toEqual({name: 'myrepo', container_format: 'docker', disk_format: 'raw', visibility: 'private', tags: ['v1'], owner: 'p1'})
    expect(g.seen[1]).toMatchObject({method: 'PUT', url: '/v2/images/i9/file', body: '\u0001\u0002\u0003'})
  })
})

describe('passwordTokenProvider', () => {
  it('issues a project-scoped token, reuses it, and issues a new one on refresh', async () => {
    let n = 0
    const ks = await fake((req) => {
      expect(req.url).toBe('/v3/auth/tokens?nocatalog')
      expect(JSON.parse(req.body).auth.scope.project.name).toBe('admin')
      n++
      return {status: 201, headers: {'X-Subject-Token': `tok${n}`}, body: {token: {expires_at: '2099-01-01T00:00:00Z'}}}
    })
    const provider = passwordTokenProvider({authUrl: ks.url, username: 'admin', password: 'pw', projectName: 'admin'})
    expect(await Promise.all([provider(), provider()])).toEqual(['tok1', 'tok1'])
    expect(await provider({refresh: true})).toBe('tok2')
    expect(n).toBe(2)
  })

  it('fails with a message naming the user when Keystone refuses', async () => {
    const ks = await fake(() => ({status: 401, body: {error: {code: 401}}}))
    await expect(passwordTokenProvider({authUrl: `${ks.url}/v3`, username: 'svc', password: 'x', projectName: 'p'})()).rejects.toThrow(
      'Keystone refused the service credentials of user svc (HTTP 401)',
    )
  })
})
