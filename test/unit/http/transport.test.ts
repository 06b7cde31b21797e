import {createHash} from 'node:crypto'

import {afterEach, describe, expect, it} from 'vitest'

import {ApiError, ConnectionError} from '../../../src/core/errors.js'
import {Transport, type TransportOptions} from '../../../src/http/transport.js'
import {passwordBody, tokenBody} from '../../fakes/keystone.js'
import {FakeServer, fakeServerPool} from '../../fakes/server.js'
import {mrctlRejection as rejection} from '../../fakes/rejection.js'

const fakes = fakeServerPool()
afterEach(() => fakes.verifyAndClose())

function transport(over: Partial<TransportOptions> = {}): Transport {
  return new Transport({requestTimeoutMs: 5000, retries: 2, insecure: false, userAgent: 'mrctl/9.9.9-test', ...over})
}


describe('Transport', () => {
  it('sends Accept, User-Agent, the token and a JSON body, and parses a JSON answer', async () => {
    const s = await fakes.start('neutron')
    s.on({
      method: 'POST',
      path: '/v2.0/networks',
      token: 'tok',
      json: {network: {name: 'n1'}},
      headers: {accept: 'application/json', 'user-agent': 'mrctl/9.9.9-test'},
      reply: {status: 201, json: {network: {id: 'id-1', name: 'n1'}}},
    })
    const res = await transport().request({
      method: 'POST',
      url: `${s.url}/v2.0/networks`,
      service: 'Neutron',
      headers: {'X-Auth-Token': 'tok'},
      json: {network: {name: 'n1'}},
    })
    expect(res.status).toBe(201)
    expect(res.data).toEqual({network: {id: 'id-1', name: 'n1'}})
  })

  it('retries a GET that got 503, then succeeds', async () => {
    const s = await fakes.start('neutron')
    s.on({
      method: 'GET',
      path: '/v2.0/networks',
      token: 'tok',
      reply: [{status: 503, text: 'Service Unavailable'}, {json: {networks: []}}],
    })
    const lines: string[] = []
    const res = await transport({debug: (l) => lines.push(l)}).request({
      method: 'GET',
      url: `${s.url}/v2.0/networks`,
      service: 'Neutron',
      headers: {'X-Auth-Token': 'tok'},
    })
    expect(res.data).toEqual({networks: []})
    expect(s.calls('GET', '/v2.0/networks')).toHaveLength(2)
    expect(lines.some((l) => l.startsWith('RETRY 1 in 0.3 s: GET'))).toBe(true)
  })

  it('does not retry a POST that got 503', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'POST', path: '/v2.0/networks', token: 'tok', json: {network: {}}, reply: {status: 503, text: ''}})
    const err = await rejection(
      transport().request({method: 'POST', url: `${s.url}/v2.0/networks`, service: 'Neutron', headers: {'X-Auth-Token': 'tok'}, json: {network: {}}}),
    )
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).status).toBe(503)
    expect(s.calls('POST', '/v2.0/networks')).toHaveLength(1)
  })

  it('gives up on a GET after the configured retries', async () => {
    const s = await fakes.start('glance')
    s.on({method: 'GET', path: '/v2/images', token: null, times: 2, reply: {status: 502, text: ''}})
    const err = await rejection(transport({retries: 1}).request({method: 'GET', url: `${s.url}/v2/images`, service: 'Glance'}))
    expect(err).toMatchObject({name: 'ApiError', service: 'Glance', status: 502})
  })

  it('a server slower than requestTimeoutMs is a ConnectionError that points at --http-timeout', async () => {
    const s = await fakes.start('octavia')
    s.on({method: 'GET', path: '/v2/lbaas/loadbalancers', token: 'tok', reply: {delayMs: 5000, json: {loadbalancers: []}}})
    const started = Date.now()
    const err = await rejection(
      transport({requestTimeoutMs: 200}).request({
        method: 'GET',
        url: `${s.url}/v2/lbaas/loadbalancers`,
        service: 'Octavia',
        headers: {'X-Auth-Token': 'tok'},
      }),
    )
    expect(Date.now() - started).toBeLessThan(3000)
    expect(err).toBeInstanceOf(ConnectionError)
    expect(err.message).toBe(`Octavia: cannot reach ${s.url} (no answer within 0.2 s)`)
    expect((err as ConnectionError).actions).toEqual(['raise the limit with --http-timeout SECONDS'])
    // a timeout is not retried
    expect(s.calls('GET', '/v2/lbaas/loadbalancers')).toHaveLength(1)
  })

  it('a refused connection is a ConnectionError naming the service and host', async () => {
    const closed = await FakeServer.start('closed')
    const url = closed.url
    await closed.close()
    const err = await rejection(transport({retries: 0}).request({method: 'GET', url: `${url}/v1/containers`, service: 'Zun'}))
    expect(err).toBeInstanceOf(ConnectionError)
    expect(err.message).toMatch(new RegExp(`^Zun: cannot reach ${url.replace(/\./g, '\\.')} \\(.+\\)$`))
    expect((err as ConnectionError).actions[0]).toContain('Zun endpoint')
  })

  it('an error body becomes an ApiError with service, status, message, request id and URL', async () => {
    const s = await fakes.start('neutron')
    s.on({
      method: 'GET',
      path: '/v2.0/networks/abc',
      token: 'tok',
      reply: {
        status: 404,
        headers: {'x-openstack-request-id': 'req-0f2e'},
        json: {NeutronError: {type: 'NetworkNotFound', message: 'Network abc could not be found.', detail: ''}},
      },
    })
    const err = await rejection(
      transport().request({method: 'GET', url: `${s.url}/v2.0/networks/abc`, service: 'Neutron', headers: {'X-Auth-Token': 'tok'}}),
    )
    expect(err).toBeInstanceOf(ApiError)
    const e = err as ApiError
    expect(e.message).toBe('Neutron 404: Network abc could not be found. (request req-0f2e)')
    expect(e).toMatchObject({service: 'Neutron', status: 404, detail: 'Network abc could not be found.', requestId: 'req-0f2e'})
    expect(e.url).toBe(`${s.url}/v2.0/networks/abc`)
    expect(e.body).toEqual({NeutronError: {type: 'NetworkNotFound', message: 'Network abc could not be found.', detail: ''}})
    // a 404 is not retried
    expect(s.calls('GET', '/v2.0/networks/abc')).toHaveLength(1)
  })

  it('falls back to x-compute-request-id', async () => {
    const s = await fakes.start('nova')
    s.on({method: 'GET', path: '/os-keypairs', token: null, reply: {status: 400, headers: {'x-compute-request-id': 'req-nova'}, json: {badRequest: {message: 'bad'}}}})
    const err = await rejection(transport().request({method: 'GET', url: `${s.url}/os-keypairs`, service: 'Nova'}))
    expect((err as ApiError).requestId).toBe('req-nova')
    expect(err.message).toBe('Nova 400: bad (request req-nova)')
  })

  it('hands back a malformed JSON body on 200 as text', async () => {
    const s = await fakes.start('glance')
    s.on({method: 'GET', path: '/v2/images', token: null, reply: {text: '{"images": [', contentType: 'application/json'}})
    const res = await transport().request({method: 'GET', url: `${s.url}/v2/images`, service: 'Glance'})
    expect(res.status).toBe(200)
    expect(res.data).toBe('{"images": [')
  })

  it('an empty 204 answer has no data; okStatuses are handed back, not thrown', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'DELETE', path: '/v2.0/networks/a', token: null, reply: {status: 204}})
    s.on({method: 'GET', path: '/v2.0/networks/b', token: null, reply: {status: 404, json: {NeutronError: {message: 'gone'}}}})
    const t = transport()
    const del = await t.request({method: 'DELETE', url: `${s.url}/v2.0/networks/a`, service: 'Neutron'})
    expect(del).toMatchObject({status: 204, data: undefined})
    const got = await t.request({method: 'GET', url: `${s.url}/v2.0/networks/b`, service: 'Neutron', okStatuses: [404]})
    expect(got).toMatchObject({status: 404, data: {NeutronError: {message: 'gone'}}})
  })

  it('--debug lines show hashed tokens and never the token or the password', async () => {
    const password = 'Pa55w0rd-never-logged'
    const token = 'gAAAAABtoken-never-logged-0123456789'
    const s = await fakes.start('keystone+neutron')
    s.on({
      method: 'POST',
      path: '/v3/auth/tokens',
      token: null,
      json: passwordBody('admin', password, 'admin'),
      reply: {status: 201, headers: {'X-Subject-Token': token}, json: tokenBody([])},
    })
    s.on({
      method: 'GET',
      path: '/v2.0/networks',
      token,
      reply: {status: 401, json: {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}}},
    })
    const lines: string[] = []
    const t = transport({debug: (l) => lines.push(l)})
    const res = await t.request({method: 'POST', url: `${s.url}/v3/auth/tokens`, service: 'Keystone', json: passwordBody('admin', password, 'admin')})
    expect(res.headers.get('x-subject-token')).toBe(token)
    await rejection(t.request({method: 'GET', url: `${s.url}/v2.0/networks`, service: 'Neutron', headers: {'X-Auth-Token': token}}))

    const hashed = `{SHA256}${createHash('sha256').update(token).digest('hex')}`
    expect(lines.length).toBeGreaterThanOrEqual(6)
    expect(lines.find((l) => l.startsWith('REQ: curl -g -i -X POST'))).toBeDefined()
    expect(lines.find((l) => l.startsWith('REQ: curl -g -i -X GET'))).toContain(`-H "X-Auth-Token: ${hashed}"`)
    expect(lines.find((l) => l.startsWith('RESP HEADERS:') && l.includes('x-subject-token'))).toContain(hashed)
    expect(lines.some((l) => l.startsWith('RESP: [401]'))).toBe(true)
    for (const line of lines) {
      expect(line).not.toContain(token)
      expect(line).not.toContain(password)
    }
  })
})
