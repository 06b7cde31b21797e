import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {FakeServer} from '../../fakes/server.js'

// The fake server is what makes the HTTP tests able to fail: prove that it does.
describe('FakeServer', () => {
  let s: FakeServer
  beforeEach(async () => {
    s = await FakeServer.start('neutron')
  })
  afterEach(async () => {
    await s.close()
  })

  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${s.url}${path}`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', ...(token ? {'X-Auth-Token': token} : {})},
      body: JSON.stringify(body),
    })

  it('answers a request that matches method, path, query, token and body', async () => {
    s.on({method: 'POST', path: '/v2.0/networks', token: 'tok', json: {network: {name: 'n1'}}, reply: {status: 201, json: {network: {id: 'x'}}}})
    const res = await post('/v2.0/networks', {network: {name: 'n1'}}, 'tok')
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({network: {id: 'x'}})
    expect(() => s.verify()).not.toThrow()
  })

  it('fails on a wrong X-Auth-Token', async () => {
    s.on({method: 'POST', path: '/v2.0/networks', token: 'tok', json: {network: {name: 'n1'}}, reply: {status: 201}})
    const res = await post('/v2.0/networks', {network: {name: 'n1'}}, 'other')
    expect(res.status).toBe(500)
    expect(() => s.verify()).toThrow(/X-Auth-Token "other", expected "tok"/)
  })

  it('fails on a token where none is expected', async () => {
    s.on({method: 'POST', path: '/v3/auth/tokens', token: null, json: {a: 1}, reply: {status: 201}})
    await post('/v3/auth/tokens', {a: 1}, 'leftover')
    expect(() => s.verify()).toThrow(/X-Auth-Token sent/)
  })

  it('fails on a different JSON body', async () => {
    s.on({method: 'POST', path: '/v2.0/networks', token: 'tok', json: {network: {name: 'n1'}}, reply: {status: 201}})
    await post('/v2.0/networks', {network: {name: 'n2'}}, 'tok')
    expect(() => s.verify()).toThrow(/body .*"n2".*expected .*"n1"/)
  })

  it('fails on an unexpected query', async () => {
    s.on({method: 'GET', path: '/v2.0/networks', token: 'tok', reply: {json: {networks: []}}})
    await fetch(`${s.url}/v2.0/networks?name=x`, {headers: {'X-Auth-Token': 'tok'}})
    expect(() => s.verify()).toThrow(/query \{"name":"x"\}, expected \{\}/)
  })

  it('fails on a request nobody registered, and on a route never called', async () => {
    s.on({method: 'GET', path: '/v2.0/ports', token: 'tok', reply: {json: {ports: []}}})
    const res = await fetch(`${s.url}/v2.0/networks`, {headers: {'X-Auth-Token': 'tok'}})
    expect(res.status).toBe(500)
    expect(() => s.verify()).toThrow(/unexpected request GET \/v2.0\/networks/)
    expect(() => s.verify()).toThrow(/GET \/v2.0\/ports was called 0 time\(s\), expected 1/)
  })

  it('fails when a route is called more often than expected', async () => {
    s.on({method: 'GET', path: '/v2.0/networks', token: 'tok', reply: {json: {networks: []}}})
    const first = await fetch(`${s.url}/v2.0/networks`, {headers: {'X-Auth-Token': 'tok'}})
    const second = await fetch(`${s.url}/v2.0/networks`, {headers: {'X-Auth-Token': 'tok'}})
    expect([first.status, second.status]).toEqual([200, 500])
    expect(() => s.verify()).toThrow(/called more than 1 time/)
  })

  it('uses routes for the same path in order, each with its own expectations', async () => {
    s.on({method: 'GET', path: '/v2.0/networks', token: 'old', reply: {status: 401, json: {error: {message: 'no'}}}})
    s.on({method: 'GET', path: '/v2.0/networks', token: 'new', reply: {json: {networks: []}}})
    const a = await fetch(`${s.url}/v2.0/networks`, {headers: {'X-Auth-Token': 'old'}})
    const b = await fetch(`${s.url}/v2.0/networks`, {headers: {'X-Auth-Token': 'new'}})
    expect([a.status, b.status]).toEqual([401, 200])
    expect(() => s.verify()).not.toThrow()
  })
})
