import {afterEach, describe, expect, it} from 'vitest'

import {
  createLoadBalancer,
  deleteLoadBalancer,
  findLoadBalancer,
  listLoadBalancers,
  resolveFlavorId,
  updateLoadBalancer,
} from '../../../../src/clients/octavia/loadbalancers.js'
import {AmbiguousError, NotFoundError} from '../../../../src/core/errors.js'
import {FAKE_TOKEN as TOKEN, fakeClient} from '../../../fakes/client.js'
import {type FakeServer, fakeServerPool} from '../../../fakes/server.js'

const LB = '0b2e6f3c-5d4a-4e1b-9c8d-7f6e5d4c3b2a'
const LB2 = '1c3f7a4d-6e5b-4f2c-8d9e-8a7f6e5d4c3b'
const lb = (id: string, name: string) => ({id, name, provisioning_status: 'ACTIVE', operating_status: 'ONLINE', tags: []})

const fakes = fakeServerPool()
afterEach(() => fakes.verifyAndClose())
const octavia = (s: FakeServer) => fakeClient(s, {service: 'Octavia', type: 'load-balancer', basePath: ''})

describe('octavia load balancers', () => {
  it('list: the query as given (a tag list is one key per tag), every page by its links', async () => {
    const s = await fakes.start('octavia')
    s.on({
      method: 'GET',
      path: '/v2/lbaas/loadbalancers',
      query: {name: 'web', tags: ['a', 'b']},
      token: TOKEN,
      reply: {json: {loadbalancers: [lb(LB, 'web')], loadbalancers_links: [{rel: 'next', href: `${s.url}/v2/lbaas/loadbalancers?marker=${LB}&name=web`}]}},
    })
    s.on({method: 'GET', path: '/v2/lbaas/loadbalancers', query: {marker: LB, name: 'web'}, token: TOKEN, reply: {json: {loadbalancers: [lb(LB2, 'web')]}}})
    const c = fakeClient(s, {service: 'Octavia', type: 'load-balancer', basePath: '/v2'})
    const got = await listLoadBalancers(c, {name: 'web', tags: ['a', 'b']})
    expect(got.map((x) => x.id)).toEqual([LB, LB2])
  })

  it('create, update and delete send the body under its resource key; --cascade is a query flag', async () => {
    const s = await fakes.start('octavia')
    const body = {name: 'lb1', vip_subnet_id: 's1', admin_state_up: true}
    s.on({method: 'POST', path: '/lbaas/loadbalancers', token: TOKEN, json: {loadbalancer: body}, reply: {status: 201, json: {loadbalancer: lb(LB, 'lb1')}}})
    s.on({method: 'PUT', path: `/lbaas/loadbalancers/${LB}`, token: TOKEN, json: {loadbalancer: {tags: ['x']}}, reply: {json: {loadbalancer: lb(LB, 'lb1')}}})
    s.on({method: 'DELETE', path: `/lbaas/loadbalancers/${LB}`, query: {cascade: 'true'}, token: TOKEN, reply: {status: 204}})
    const c = octavia(s)
    expect((await createLoadBalancer(c, body)).id).toBe(LB)
    expect((await updateLoadBalancer(c, LB, {tags: ['x']})).name).toBe('lb1')
    await deleteLoadBalancer(c, LB, {cascade: true})
  })

  it("find: python-octaviaclient's rule: a name is never tried as an ID; its texts for none and several", async () => {
    const s = await fakes.start('octavia')
    s.on({method: 'GET', path: '/lbaas/loadbalancers', query: {name: 'web'}, token: TOKEN, reply: {json: {loadbalancers: [lb(LB, 'web')]}}})
    s.on({method: 'GET', path: '/lbaas/loadbalancers', query: {name: 'two'}, token: TOKEN, reply: {json: {loadbalancers: [lb(LB, 'two'), lb(LB2, 'two')]}}})
    s.on({method: 'GET', path: '/lbaas/loadbalancers', query: {name: 'none'}, token: TOKEN, reply: {json: {loadbalancers: []}}})
    const c = octavia(s)
    expect((await findLoadBalancer(c, 'web')).id).toBe(LB)
    const two = await findLoadBalancer(c, 'two').catch((e: unknown) => e)
    expect(two).toBeInstanceOf(AmbiguousError)
    expect((two as Error).message).toBe('2 loadbalancers found with name or ID of two. Please try again with UUID')
    const none = await findLoadBalancer(c, 'none').catch((e: unknown) => e)
    expect(none).toBeInstanceOf(NotFoundError)
    expect(none).toMatchObject({message: 'Unable to locate none in loadbalancers', resource: 'loadbalancers', searched: 'none'})
  })

  it('find: a UUID is a GET; a 404 there falls back to the name', async () => {
    const s = await fakes.start('octavia')
    s.on({method: 'GET', path: `/lbaas/loadbalancers/${LB}`, token: TOKEN, reply: {json: {loadbalancer: lb(LB, 'web')}}})
    s.on({method: 'GET', path: `/lbaas/loadbalancers/${LB2}`, token: TOKEN, reply: {status: 404, json: {faultstring: 'not found'}}})
    s.on({method: 'GET', path: '/lbaas/loadbalancers', query: {name: LB2}, token: TOKEN, reply: {json: {loadbalancers: [lb('x', LB2)]}}})
    const c = octavia(s)
    expect((await findLoadBalancer(c, LB)).name).toBe('web')
    expect((await findLoadBalancer(c, LB2)).id).toBe('x')
  })

  it('resolveFlavorId: a flavor name is looked up; a UUID is fetched', async () => {
    const s = await fakes.start('octavia')
    const F = '2d4e6f80-1a2b-4c3d-9e8f-7a6b5c4d3e2f'
    s.on({method: 'GET', path: '/lbaas/flavors', query: {name: 'small'}, token: TOKEN, reply: {json: {flavors: [{id: F, name: 'small'}]}}})
    s.on({method: 'GET', path: `/lbaas/flavors/${F}`, token: TOKEN, reply: {json: {flavor: {id: F, name: 'small'}}}})
    const c = octavia(s)
    expect(await resolveFlavorId(c, 'small')).toBe(F)
    expect(await resolveFlavorId(c, F)).toBe(F)
  })
})
