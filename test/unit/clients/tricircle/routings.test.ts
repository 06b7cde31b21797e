import {afterEach, describe, expect, it} from 'vitest'

import {ApiError, UsageError} from '../../../../src/core/errors.js'
import {checkRoutingTime} from '../../../../src/clients/tricircle/routings.js'
import {createRouting, deleteRouting, getRouting, listRoutings, updateRouting, type Routing} from '../../../../src/clients/tricircle/index.js'
import {fakeServerPool} from '../../../fakes/server.js'
import {TOKEN, tricircleClient} from './helpers.js'

const POD = '81bb1e4a-7c63-4f5d-9f0b-3b1f0e5d2c11'
const PROJECT = '1208b36b21ad400bae5b76d849dfaba5'

function routing(id: number, over: Partial<Routing> = {}): Routing {
  return {
    id,
    top_id: `top-${id}`,
    bottom_id: `top-${id}`,
    pod_id: POD,
    project_id: PROJECT,
    resource_type: 'network',
    created_at: '2026-11-23 05:26:32.180885',
    updated_at: null,
    ...over,
  }
}

describe('tricircle routings: requests', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('create sends all five fields, qos_policy included', async () => {
    const s = await fakes.start('tricircle')
    const body = {routing: {top_id: 'q1', bottom_id: 'q1', pod_id: POD, project_id: PROJECT, resource_type: 'qos_policy'}}
    s.on({method: 'POST', path: '/v1.0/routings', token: TOKEN, json: body, reply: {json: {routing: routing(7, {top_id: 'q1', bottom_id: 'q1', resource_type: 'qos_policy'})}}})
    const r = await createRouting(tricircleClient(s), {top_id: 'q1', bottom_id: 'q1', pod_id: POD, project_id: PROJECT, resource_type: 'qos_policy'})
    expect(r.id).toBe(7)
  })

  it("the server's refusal of a type carries the list of valid types", async () => {
    const s = await fakes.start('tricircle')
    const body = {routing: {top_id: 'v', bottom_id: 'v', pod_id: POD, project_id: PROJECT, resource_type: 'volume'}}
    s.on({method: 'POST', path: '/v1.0/routings', token: TOKEN, json: body, reply: {status: 400, json: {badRequest: {message: 'There is no such resource type', code: 400}}}})
    const err = (await createRouting(tricircleClient(s), {...body.routing}).catch((e: unknown) => e)) as ApiError
    expect(err.message).toBe('Tricircle 400: There is no such resource type')
    expect(err.actions).toEqual([
      'valid resource types: network, subnet, port, router, security_group, trunk, port_pair, port_pair_group, flow_classifier, port_chain, qos_policy',
    ])
  })

  it('list: filters sorted by name, --routing sent as id (the python client never sends it)', async () => {
    const s = await fakes.start('tricircle')
    s.on({
      method: 'GET',
      path: '/v1.0/routings',
      token: TOKEN,
      query: {id: '2', pod_id: POD, resource_type: 'network', top_id: 'top-2'},
      reply: {json: {routings: [routing(2)]}},
    })
    await listRoutings(tricircleClient(s), {top_id: 'top-2', resource_type: 'network', pod_id: POD, id: 2})
    const url = s.received[0]
    expect(Object.keys(url.query)).toEqual(['id', 'pod_id', 'resource_type', 'top_id'])
  })

  it('list with --limit: one page only, even when the server offers a next link', async () => {
    const s = await fakes.start('tricircle')
    s.on({
      method: 'GET',
      path: '/v1.0/routings',
      token: TOKEN,
      query: {limit: '2', marker: '5', resource_type: 'network'},
      reply: {json: {routings: [routing(4), routing(3)], routings_links: [{rel: 'next', href: '/v1.0/routings?limit=2&marker=3'}]}},
    })
    const rows = await listRoutings(tricircleClient(s), {resource_type: 'network'}, {limit: 2, marker: '5'})
    expect(rows.map((r) => r.id)).toEqual([4, 3])
  })

  it('list without --limit follows every next link, sending the filters again (the link drops them)', async () => {
    const s = await fakes.start('tricircle')
    s.on({
      method: 'GET',
      path: '/v1.0/routings',
      token: TOKEN,
      query: {resource_type: 'network'},
      reply: {json: {routings: [routing(5), routing(4)], routings_links: [{rel: 'next', href: '/v1.0/routings?limit=2&marker=4'}]}},
    })
      .on({
        method: 'GET',
        path: '/v1.0/routings',
        token: TOKEN,
        query: {limit: '2', marker: '4', resource_type: 'network'},
        reply: {json: {routings: [routing(3), routing(2)], routings_links: [{rel: 'next', href: '/v1.0/routings?limit=2&marker=2'}]}},
      })
      // The link may point at an empty page; that ends the walk.
      .on({method: 'GET', path: '/v1.0/routings', token: TOKEN, query: {limit: '2', marker: '2', resource_type: 'network'}, reply: {json: {routings: []}}})
    const rows = await listRoutings(tricircleClient(s), {resource_type: 'network'})
    expect(rows.map((r) => r.id)).toEqual([5, 4, 3, 2])
  })

  it('update sends only the given fields; none gives {"routing": {}}', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'PUT', path: '/v1.0/routings/3', token: TOKEN, json: {routing: {bottom_id: 'b', resource_type: 'router'}}, reply: {json: {routing: routing(3)}}})
      .on({method: 'PUT', path: '/v1.0/routings/3', token: TOKEN, json: {routing: {}}, reply: {json: {routing: routing(3)}}})
    const c = tricircleClient(s)
    await updateRouting(c, 3, {bottom_id: 'b', resource_type: 'router', top_id: undefined})
    await updateRouting(c, '3', {})
  })

  it('show, and delete answered 204 with no body', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'GET', path: '/v1.0/routings/3', token: TOKEN, reply: {json: {routing: routing(3)}}})
      .on({method: 'DELETE', path: '/v1.0/routings/3', token: TOKEN, reply: {status: 204}})
    const c = tricircleClient(s)
    expect((await getRouting(c, '3')).top_id).toBe('top-3')
    await expect(deleteRouting(c, '3')).resolves.toBeUndefined()
  })
})

describe('tricircle routings: --created-at / --updated-at values', () => {
  it('a date and time as the server prints it, with T or a fraction, or a bare date, passes as given', () => {
    for (const v of ['2026-11-23 05:26:32', '2026-11-23T05:26:32', '2026-11-23 05:26:32.180885', '2026-11-23']) {
      expect(checkRoutingTime(v, '--created-at')).toBe(v)
    }
  })

  it('anything else is a usage error naming the flag (the server would match nothing and print an empty list)', () => {
    for (const v of ['notadate', '2026-02-30', '2026-11-23 25:00:00', '23/11/2026', '']) {
      let err: unknown
      try {
        checkRoutingTime(v, '--updated-at')
      } catch (error) {
        err = error
      }
      expect(err, v).toBeInstanceOf(UsageError)
      expect((err as UsageError).message).toBe(`--updated-at ${JSON.stringify(v)} is not a date and time`)
      expect((err as UsageError).exitCode).toBe(2)
    }
  })
})

describe('tricircle routings: a create the server refuses with its bare 500', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())
  const FAILED = {status: 500, json: {internalServerError: {message: 'Failed to create resource routing', code: 500}}}
  const body = {top_id: 'net-1', bottom_id: 'net-1', pod_id: POD, project_id: PROJECT, resource_type: 'network'}

  it('a pod that does not exist: the pods are listed and the hint names it', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'POST', path: '/v1.0/routings', token: TOKEN, json: {routing: body}, reply: FAILED}).on({
      method: 'GET',
      path: '/v1.0/pods',
      token: TOKEN,
      reply: {json: {pods: [{pod_id: 'another-pod'}]}},
    })
    const err = (await createRouting(tricircleClient(s), body).catch((e: unknown) => e)) as ApiError
    expect(err.message).toBe('Tricircle 500: Failed to create resource routing')
    expect(err.actions).toEqual([`pod ${POD} does not exist: see mrctl multiregion networking pod list`])
  })

  it('the pod exists but a value is longer than its column: that is named instead', async () => {
    const s = await fakes.start('tricircle')
    const long = {...body, bottom_id: 'b'.repeat(40)}
    s.on({method: 'POST', path: '/v1.0/routings', token: TOKEN, json: {routing: long}, reply: FAILED}).on({
      method: 'GET',
      path: '/v1.0/pods',
      token: TOKEN,
      reply: {json: {pods: [{pod_id: POD}]}},
    })
    const err = (await createRouting(tricircleClient(s), long).catch((e: unknown) => e)) as ApiError
    expect(err.actions).toEqual(["--bottom-id is 40 characters long; the server's column holds 36"])
  })
})
