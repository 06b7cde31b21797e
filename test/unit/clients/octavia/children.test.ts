import {afterEach, describe, expect, it} from 'vitest'

import {createListener, findListener, getListener, listListeners} from '../../../../src/clients/octavia/listeners.js'
import {createMember, deleteMember, findMember, listMembers, updateMember} from '../../../../src/clients/octavia/members.js'
import {createPool, deletePool, findPool} from '../../../../src/clients/octavia/pools.js'
import {FAKE_TOKEN as TOKEN, fakeClient} from '../../../fakes/client.js'
import {type FakeServer, fakeServerPool} from '../../../fakes/server.js'

const LB = '0b2e6f3c-5d4a-4e1b-9c8d-7f6e5d4c3b2a'
const POOL = '3e5f7a9b-2c4d-4e6f-8a0b-1c2d3e4f5a6b'
const MEMBER = '4f6a8b0c-3d5e-4f7a-9b1c-2d3e4f5a6b7c'

const fakes = fakeServerPool()
afterEach(() => fakes.verifyAndClose())
const octavia = (s: FakeServer) => fakeClient(s, {service: 'Octavia', type: 'load-balancer', basePath: '/v2'})

describe('octavia listeners', () => {
  it('create (body under `listener`), get, list with filters, find by name', async () => {
    const s = await fakes.start('octavia')
    const body = {protocol: 'HTTP', protocol_port: 80, loadbalancer_id: LB, name: 'l1'}
    const listener = {id: 'l-1', name: 'l1', protocol: 'HTTP', protocol_port: 80}
    s.on({method: 'POST', path: '/v2/lbaas/listeners', token: TOKEN, json: {listener: body}, reply: {status: 201, json: {listener}}})
    s.on({method: 'GET', path: '/v2/lbaas/listeners/l-1', token: TOKEN, reply: {json: {listener}}})
    s.on({method: 'GET', path: '/v2/lbaas/listeners', query: {loadbalancer_id: LB}, token: TOKEN, reply: {json: {listeners: [listener]}}})
    s.on({method: 'GET', path: '/v2/lbaas/listeners', query: {name: 'l1'}, token: TOKEN, reply: {json: {listeners: [listener]}}})
    const c = octavia(s)
    expect((await createListener(c, body)).id).toBe('l-1')
    expect((await getListener(c, 'l-1')).name).toBe('l1')
    expect(await listListeners(c, {loadbalancer_id: LB})).toEqual([listener])
    expect((await findListener(c, 'l1')).id).toBe('l-1')
  })
})

describe('octavia pools', () => {
  it('create, delete, and find: "Unable to locate <x> in pools"', async () => {
    const s = await fakes.start('octavia')
    const body = {protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN', loadbalancer_id: LB, session_persistence: {type: 'SOURCE_IP'}}
    s.on({method: 'POST', path: '/v2/lbaas/pools', token: TOKEN, json: {pool: body}, reply: {status: 201, json: {pool: {id: POOL, name: ''}}}})
    s.on({method: 'DELETE', path: `/v2/lbaas/pools/${POOL}`, token: TOKEN, reply: {status: 204}})
    s.on({method: 'GET', path: '/v2/lbaas/pools', query: {name: 'p9'}, token: TOKEN, reply: {json: {pools: []}}})
    const c = octavia(s)
    expect((await createPool(c, body)).id).toBe(POOL)
    await deletePool(c, POOL)
    await expect(findPool(c, 'p9')).rejects.toThrow('Unable to locate p9 in pools')
  })
})

describe('octavia members (under their pool)', () => {
  it('create, update, delete and list go under /pools/<id>/members; find looks in that pool only', async () => {
    const s = await fakes.start('octavia')
    const member = {id: MEMBER, name: 'm1', address: '10.0.0.5', protocol_port: 80, tags: []}
    const base = `/v2/lbaas/pools/${POOL}/members`
    s.on({method: 'POST', path: base, token: TOKEN, json: {member: {address: '10.0.0.5', protocol_port: 80}}, reply: {status: 201, json: {member}}})
    s.on({method: 'PUT', path: `${base}/${MEMBER}`, token: TOKEN, json: {member: {weight: 5}}, reply: {json: {member: {...member, weight: 5}}}})
    s.on({method: 'GET', path: base, query: {name: 'm1'}, token: TOKEN, reply: {json: {members: [member]}}, times: 2})
    s.on({method: 'DELETE', path: `${base}/${MEMBER}`, token: TOKEN, reply: {status: 204}})
    const c = octavia(s)
    expect((await createMember(c, POOL, {address: '10.0.0.5', protocol_port: 80})).id).toBe(MEMBER)
    expect((await updateMember(c, POOL, MEMBER, {weight: 5})).weight).toBe(5)
    expect(await listMembers(c, POOL, {name: 'm1'})).toEqual([member])
    expect((await findMember(c, POOL, 'm1')).id).toBe(MEMBER)
    await deleteMember(c, POOL, MEMBER)
  })
})
