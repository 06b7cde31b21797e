import net from 'node:net'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import type {TokenValidator} from '../../../../src/sim/common/auth.js'
import {startTricircleServer} from '../../../../src/sim/tricircle/index.js'
import {abortJson, rawRequest, type Sim, startSim, tokens} from './helpers.js'

const KEYSTONE_401 = {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}}

describe('tricircle emulator: root, versions, auth, paths', () => {
  let sim: Sim
  beforeEach(async () => {
    sim = await startSim()
  })
  afterEach(async () => {
    await sim.close()
  })

  it('GET / lists the single version v1.0 with an absolute self link', async () => {
    const r = await sim.call('GET', '/')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/json')
    expect(r.json).toEqual({
      versions: [{status: 'CURRENT', links: [{rel: 'self', href: `${sim.srv.url}/v1.0/`}], id: 'v1.0', updated: '2015-09-09'}],
    })
  })

  it('GET /v1.0 (and /v1.0/) gives version 1.0 and its links', async () => {
    const base = `${sim.srv.url}/v1.0`
    const expected = {
      version: '1.0',
      links: [
        {rel: 'self', href: base},
        {rel: 'jobs', href: `${base}/jobs`},
        {rel: 'pods', href: `${base}/pods`},
        {rel: 'routings', href: `${base}/routings`},
      ],
    }
    for (const p of ['/v1.0', '/v1.0/']) {
      const r = await sim.call('GET', p)
      expect(r.status).toBe(200)
      expect(r.json).toEqual(expected)
    }
  })

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s on / and /v1.0 → 405', async (method) => {
    for (const p of ['/', '/v1.0']) {
      const r = await sim.call(method, p)
      expect(r.status).toBe(405)
      // Without a detail the JSON form leaves the explanation out: '' for a 405 (null for a 404).
      expect(r.json).toEqual(abortJson(405, 'Method Not Allowed', ''))
      expect(r.headers.get('allow')).toBeNull()
    }
  })

  it('HEAD on / and /v1.0 → 405', async () => {
    for (const p of ['/', '/v1.0']) {
      const r = await sim.call('HEAD', p)
      expect(r.status).toBe(405)
      expect(r.text).toBe('')
    }
  })

  it('an unknown path → 404, PATCH /v1.0/123 → 404', async () => {
    const notFound = {code: 404, title: 'Not Found', description: null}
    const a = await sim.call('GET', '/fake_path')
    expect(a.status).toBe(404)
    expect(a.json).toEqual(notFound)
    const b = await sim.call('PATCH', '/v1.0/123')
    expect(b.status).toBe(404)
    expect(b.json).toEqual(notFound)
  })

  it('X-Openstack-Request-Id: req-<uuid> on answers and handled errors; not on keystonemiddleware 401s nor on crashes', async () => {
    const uuid = /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    const seen = new Set<string>()
    for (const [path, token] of [['/', 'admin'], ['/fake_path', 'admin'], ['/v1.0/pods', 'member']] as const) {
      const r = await sim.call('GET', path, {token})
      const id = r.headers.get('x-openstack-request-id') ?? ''
      expect(id).toMatch(uuid)
      seen.add(id)
    }
    expect(seen.size).toBe(3)
    const unauthenticated = await sim.call('GET', '/v1.0/pods', {token: null})
    expect(unauthenticated.status).toBe(401)
    expect(unauthenticated.headers.get('x-openstack-request-id')).toBeNull()
    const crash = await sim.call('GET', '/v1.0/pods/')
    expect(crash.status).toBe(500)
    expect(crash.text).toBe('')
    expect(crash.headers.get('x-openstack-request-id')).toBeNull()
  })

  it('no token → 401 from keystonemiddleware, on / as on the API', async () => {
    for (const p of ['/', '/v1.0', '/v1.0/pods', '/fake_path']) {
      const r = await sim.call('GET', p, {token: null})
      expect(r.status).toBe(401)
      expect(r.headers.get('www-authenticate')).toBe('Keystone uri="http://127.0.0.1:5000"')
      expect(r.headers.get('content-type')).toBe('application/json')
      expect(r.json).toEqual(KEYSTONE_401)
    }
  })

  it('an unknown token → the same 401', async () => {
    const r = await sim.call('POST', '/v1.0/pods', {token: 'nope', body: {pod: {region_name: 'X'}}})
    expect(r.status).toBe(401)
    expect(r.json).toEqual(KEYSTONE_401)
  })

  it('a .json suffix is accepted', async () => {
    const r = await sim.call('GET', '/v1.0/pods.json')
    expect(r.status).toBe(200)
    expect(r.json).toEqual({pods: []})
  })

  it('a leading double slash works, a double slash after the version is 404', async () => {
    const ok = await rawRequest(sim.srv.url, 'GET', '//v1.0/pods', {'X-Auth-Token': 'admin', Accept: 'application/json'})
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.text)).toEqual({pods: []})
    const r = await sim.call('GET', '/v1.0//pods')
    expect(r.status).toBe(404)
    expect(r.json).toEqual({code: 404, title: 'Not Found', description: null})
  })

  it.each(['/v1.0/pods/', '/v1.0/routings/', '/v1.0/jobs/'])('a trailing slash (%s) → 500 with an empty text/plain body (shape D)', async (p) => {
    const r = await sim.call('GET', p)
    expect(r.status).toBe(500)
    expect(r.text).toBe('')
    expect(r.headers.get('content-type')).toBe('text/plain')
    expect(r.headers.get('connection')).toBe('close')
  })

  it('shape B is content-negotiated: JSON, HTML for */*, text/plain without Accept', async () => {
    const json = await sim.call('GET', '/v1.0/pods/nope', {accept: 'application/json'})
    expect(json.headers.get('content-type')).toBe('application/json')
    expect(json.json).toEqual(abortJson(404, 'Not Found', 'Pod not found'))

    const html = await sim.call('GET', '/v1.0/pods/nope', {accept: 'application/json, */*'})
    expect(html.status).toBe(404)
    expect(html.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect(html.text).toContain('<title>404 Not Found</title>')
    expect(html.text).toContain('Pod not found')

    const plain = await rawRequest(sim.srv.url, 'GET', '/v1.0/pods/nope', {'X-Auth-Token': 'admin'})
    expect(plain.status).toBe(404)
    expect(plain.headers['content-type']).toBe('text/plain; charset=UTF-8')
    expect(plain.text).toContain('Pod not found')
    expect(plain.text).not.toContain('<')
  })

  it('a wrong method on a pod → 405 with Allow: DELETE, GET, POST; on routings/jobs with PUT too', async () => {
    const pod = await sim.call('PUT', '/v1.0/pods/abc', {body: {pod: {}}})
    expect(pod.status).toBe(405)
    expect(pod.headers.get('allow')).toBe('DELETE, GET, POST')
    expect(pod.json).toEqual(abortJson(405, 'Method Not Allowed', ''))
    const patch = await sim.call('PATCH', '/v1.0/pods')
    expect(patch.status).toBe(405)
    expect(patch.headers.get('allow')).toBe('DELETE, GET, POST')
    for (const p of ['/v1.0/routings/1', '/v1.0/jobs/abc']) {
      const r = await sim.call('PATCH', p)
      expect(r.status).toBe(405)
      expect(r.headers.get('allow')).toBe('DELETE, GET, POST, PUT')
    }
  })
})

describe('tricircle emulator: server lifecycle', () => {
  it('port 0 binds a real port, which url and endpoint carry', async () => {
    const s = await startTricircleServer({host: '127.0.0.1', port: 0, auth: tokens})
    try {
      const {port} = s.server.address() as net.AddressInfo
      expect(port).toBeGreaterThan(0)
      expect(s.url).toBe(`http://127.0.0.1:${port}`)
      expect(s.endpoint).toBe(`http://127.0.0.1:${port}/v1.0`)
      const r = await fetch(`${s.endpoint}/pods`, {headers: {'X-Auth-Token': 'admin', Accept: 'application/json'}})
      expect(r.status).toBe(200)
    } finally {
      await s.close()
    }
  })

  it('a busy port rejects with an error naming host:port', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const {port} = blocker.address() as net.AddressInfo
    try {
      await expect(startTricircleServer({host: '127.0.0.1', port, auth: tokens})).rejects.toThrow(
        `The Tricircle emulator cannot listen on 127.0.0.1:${port}: the address is already in use`,
      )
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()))
    }
  })

  it('close() ends keep-alive connections too', async () => {
    const s = await startTricircleServer({host: '127.0.0.1', port: 0, auth: tokens})
    await fetch(`${s.url}/`, {headers: {'X-Auth-Token': 'admin'}})
    await s.close()
    expect(s.server.listening).toBe(false)
  })

  it('a validator that cannot reach Keystone → 503', async () => {
    const broken: TokenValidator = {validate: () => Promise.reject(new Error('ECONNREFUSED'))}
    const s = await startTricircleServer({host: '127.0.0.1', port: 0, auth: broken})
    try {
      const r = await fetch(`${s.url}/`, {headers: {'X-Auth-Token': 'x', Accept: 'application/json'}})
      expect(r.status).toBe(503)
      expect(await r.json()).toEqual({
        error: {code: 503, title: 'Service Unavailable', message: 'The Keystone service is temporarily unavailable.'},
      })
    } finally {
      await s.close()
    }
  })

  it('job steps must be ordered', async () => {
    await expect(
      startTricircleServer({host: '127.0.0.1', port: 0, auth: tokens, jobSteps: {runningAfterMs: 10, successAfterMs: 5}}),
    ).rejects.toThrow('invalid job steps')
  })
})
