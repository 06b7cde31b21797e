import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {apiErr, OTHER_PROJECT, PROJECT, type Reply, type Sim, startSim} from './helpers.js'

type Routing = {
  id: number
  top_id: string
  bottom_id: string | null
  pod_id: string
  project_id: string
  resource_type: string
  created_at: string
  updated_at: string | null
}

const TYPES = [
  'network',
  'subnet',
  'port',
  'router',
  'security_group',
  'trunk',
  'port_pair',
  'port_pair_group',
  'flow_classifier',
  'port_chain',
  'qos_policy',
]

function expectApi(r: Reply, status: number, message: string): void {
  expect(r.status).toBe(status)
  expect(r.headers.get('content-type')).toBe('application/json')
  expect(r.json).toEqual(apiErr(status, message))
}

describe('tricircle emulator: routings', () => {
  let sim: Sim
  let podId: string
  beforeEach(async () => {
    sim = await startSim()
    const pod = await sim.call('POST', '/v1.0/pods', {body: {pod: {region_name: 'RegionOne', az_name: 'az1'}}})
    podId = (pod.json as {pod: {pod_id: string}}).pod.pod_id
  })
  afterEach(async () => {
    await sim.close()
  })

  const body = (over: Record<string, unknown> = {}) => ({
    routing: {top_id: 'net-1', bottom_id: 'net-1', pod_id: podId, project_id: PROJECT, resource_type: 'network', ...over},
  })
  const create = async (over: Record<string, unknown> = {}, token = 'admin') => sim.call('POST', '/v1.0/routings', {body: body(over), token})
  const createOk = async (over: Record<string, unknown> = {}) => {
    const r = await create(over)
    expect(r.status).toBe(200)
    return (r.json as {routing: Routing}).routing
  }

  describe('create', () => {
    it('succeeds with 200, id 1, created_at in the server format and updated_at null', async () => {
      const r = await create()
      expect(r.status).toBe(200)
      expect(r.json).toEqual({
        routing: {
          id: 1,
          top_id: 'net-1',
          bottom_id: 'net-1',
          pod_id: podId,
          project_id: PROJECT,
          resource_type: 'network',
          created_at: '2026-11-23 05:26:53',
          updated_at: null,
        },
      })
      expect(Object.keys((r.json as {routing: object}).routing)).toEqual([
        'id',
        'top_id',
        'bottom_id',
        'pod_id',
        'project_id',
        'resource_type',
        'created_at',
        'updated_at',
      ])
    })

    it('a timestamp on a whole second has no fractional part, like str(datetime)', async () => {
      sim.clock.ms = Date.parse('2026-11-23T05:26:54.000Z')
      expect((await createOk()).created_at).toBe('2026-11-23 05:26:54')
    })

    it('ids increase', async () => {
      expect((await createOk({top_id: 'a'})).id).toBe(1)
      expect((await createOk({top_id: 'b'})).id).toBe(2)
    })

    it('accepts the 11 resource types', async () => {
      for (const t of TYPES) expect((await createOk({resource_type: t})).resource_type).toBe(t)
    })

    it('non-admin → 403', async () => {
      expectApi(await create({}, 'member'), 403, 'Unauthorized to create resource routing')
    })

    it('a wrong body key, or no body → 400 Request body not found', async () => {
      expectApi(await sim.call('POST', '/v1.0/routings', {body: {route: body().routing}}), 400, 'Request body not found')
      expectApi(await sim.call('POST', '/v1.0/routings'), 400, 'Request body not found')
    })

    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['blank', '   '],
      ['None', null],
    ])('top_id %s → 400 Field top_id can not be empty', async (_name, value) => {
      const routing = body({top_id: value}).routing as Record<string, unknown>
      if (value === undefined) delete routing.top_id
      expectApi(await sim.call('POST', '/v1.0/routings', {body: {routing}}), 400, 'Field top_id can not be empty')
    })

    it('fields are checked in order top_id, bottom_id, pod_id, project_id, resource_type', async () => {
      const fields = ['top_id', 'bottom_id', 'pod_id', 'project_id', 'resource_type']
      for (let i = 0; i < fields.length; i++) {
        const routing: Record<string, string> = {}
        for (const f of fields.slice(0, i)) routing[f] = 'x'
        expectApi(await sim.call('POST', '/v1.0/routings', {body: {routing}}), 400, `Field ${fields[i]} can not be empty`)
      }
    })

    it('bottom_id is required on create', async () => {
      expectApi(await create({bottom_id: null}), 400, 'Field bottom_id can not be empty')
    })

    it('a bad type → 400 There is no such resource type', async () => {
      expectApi(await create({resource_type: 'volume'}), 400, 'There is no such resource type')
      expectApi(await create({resource_type: 'shadow_network'}), 400, 'There is no such resource type')
    })

    it('a duplicate (top_id, pod_id, resource_type) → 409', async () => {
      await createOk()
      expectApi(await create({bottom_id: 'other', project_id: OTHER_PROJECT}), 409, 'Resource routing already exists')
      // Another type or pod is not a duplicate.
      await createOk({resource_type: 'subnet'})
    })

    it('a non-string value → 500 with an empty body (shape D)', async () => {
      const r = await create({bottom_id: 42})
      expect(r.status).toBe(500)
      expect(r.text).toBe('')
      expect(r.headers.get('content-type')).toBe('text/plain')
    })

    it('project_id is not checked against the caller', async () => {
      expect((await createOk({project_id: OTHER_PROJECT})).project_id).toBe(OTHER_PROJECT)
    })

    it('a pod_id that is not a pod (the MySQL foreign key) → 500 Failed to create resource routing', async () => {
      const r = await create({pod_id: 'no-such-pod'})
      expectApi(r, 500, 'Failed to create resource routing')
      expect(r.json).toEqual({internalServerError: {message: 'Failed to create resource routing', code: 500}})
    })

    it('any other database error → 500 Failed to create resource routing', async () => {
      sim.srv.state.failNext('routing.create')
      expectApi(await create(), 500, 'Failed to create resource routing')
    })
  })

  describe('show', () => {
    it('returns the routing, of any project', async () => {
      const mine = await createOk()
      const theirs = await createOk({top_id: 'net-2', project_id: OTHER_PROJECT})
      for (const r of [mine, theirs]) {
        const got = await sim.call('GET', `/v1.0/routings/${r.id}`)
        expect(got.status).toBe(200)
        expect(got.json).toEqual({routing: r})
      }
    })

    it('non-admin → 403', async () => {
      const r = await createOk()
      expectApi(await sim.call('GET', `/v1.0/routings/${r.id}`, {token: 'member'}), 403, 'Unauthorized to show the resource routing')
    })

    it.each(['-123', '99', 'abc'])('id %s → 404 Resource routing not found', async (id) => {
      await createOk()
      expectApi(await sim.call('GET', `/v1.0/routings/${id}`), 404, 'Resource routing not found')
    })
  })

  describe('list and pagination', () => {
    /** Routings 1..n in PROJECT. */
    async function seed(n: number, project = PROJECT): Promise<Routing[]> {
      const out: Routing[] = []
      for (let i = 0; i < n; i++) out.push(await createOk({top_id: `top-${out.length}-${project}`, project_id: project}))
      return out
    }

    it('returns the project routings, id descending, with no link when the last id is 1', async () => {
      const rows = await seed(3)
      const r = await sim.call('GET', '/v1.0/routings')
      expect(r.status).toBe(200)
      expect(r.json).toEqual({routings: [...rows].reverse()})
    })

    it('is scoped to the token project; a project_id filter is replaced by it', async () => {
      const mine = await seed(2)
      const theirs = await seed(2, OTHER_PROJECT)
      expect((await sim.call('GET', '/v1.0/routings')).json).toEqual({routings: [...mine].reverse()})
      expect((await sim.call('GET', `/v1.0/routings?project_id=${OTHER_PROJECT}`)).json).toEqual({routings: [...mine].reverse()})
      expect((await sim.call('GET', '/v1.0/routings', {token: 'admin2'})).json).toEqual({routings: [...theirs].reverse()})
    })

    it.each([1, 2, 3, 4])('following routings_links with limit %i yields every item once', async (limit) => {
      const rows = await seed(4)
      const seen: Routing[] = []
      let href: string | undefined = `/v1.0/routings?limit=${limit}`
      let pages = 0
      while (href) {
        const r = await sim.call('GET', href)
        expect(r.status).toBe(200)
        const page = r.json as {routings: Routing[]; routings_links?: Array<{rel: string; href: string}>}
        expect(page.routings.length).toBeLessThanOrEqual(limit)
        seen.push(...page.routings)
        const last = page.routings.at(-1)
        if (page.routings_links) {
          expect(page.routings_links).toEqual([{rel: 'next', href: `/v1.0/routings?limit=${limit}&marker=${last?.id}`}])
        }
        href = page.routings_links?.[0]?.href
        pages++
      }
      expect(seen).toEqual([...rows].reverse())
      expect(pages).toBe(Math.ceil(4 / limit))
    })

    it('the next link can lead to an empty page when the last id is not 1', async () => {
      await seed(1, OTHER_PROJECT) // id 1
      const rows = await seed(2) // ids 2, 3
      const first = await sim.call('GET', '/v1.0/routings?limit=2')
      expect(first.json).toEqual({
        routings: [rows[1], rows[0]],
        routings_links: [{rel: 'next', href: '/v1.0/routings?limit=2&marker=2'}],
      })
      expect((await sim.call('GET', '/v1.0/routings?limit=2&marker=2')).json).toEqual({routings: []})
    })

    it('marker=3, limit=2 gives no next link', async () => {
      const rows = await seed(4)
      expect((await sim.call('GET', '/v1.0/routings?marker=3&limit=2')).json).toEqual({routings: [rows[1], rows[0]]})
    })

    it('the next link drops the filters', async () => {
      await seed(1, OTHER_PROJECT)
      const a = await createOk({top_id: 'n1'})
      await createOk({top_id: 's1', resource_type: 'subnet'})
      const b = await createOk({top_id: 'n2'})
      expect((await sim.call('GET', '/v1.0/routings?resource_type=network&limit=2')).json).toEqual({
        routings: [b, a],
        routings_links: [{rel: 'next', href: '/v1.0/routings?limit=2&marker=2'}],
      })
    })

    it('a marker may be a routing of another project', async () => {
      const mine = await seed(2) // 1, 2
      await seed(1, OTHER_PROJECT) // 3
      expect((await sim.call('GET', '/v1.0/routings?marker=3')).json).toEqual({routings: [mine[1], mine[0]]})
    })

    it.each(['0', '-1'])('limit %s means the maximum', async (limit) => {
      const rows = await seed(3)
      expect((await sim.call('GET', `/v1.0/routings?limit=${limit}`)).json).toEqual({routings: [...rows].reverse()})
    })

    it('a limit above pagination_max_limit is capped, and so is the default', async () => {
      await sim.close()
      sim = await startSim({paginationMaxLimit: 2})
      const pod = await sim.call('POST', '/v1.0/pods', {body: {pod: {region_name: 'RegionOne', az_name: 'az1'}}})
      podId = (pod.json as {pod: {pod_id: string}}).pod.pod_id
      const rows = await seed(3)
      const expected = {routings: [rows[2], rows[1]], routings_links: [{rel: 'next', href: '/v1.0/routings?limit=2&marker=2'}]}
      expect((await sim.call('GET', '/v1.0/routings?limit=50')).json).toEqual(expected)
      expect((await sim.call('GET', '/v1.0/routings')).json).toEqual(expected)
      expect((await sim.call('GET', '/v1.0/routings?limit=0')).json).toEqual(expected)
    })

    it.each([
      ['limit=20x', "Limit should be an integer or a valid literal for int() rather than '20x'"],
      ['limit=abc', "Limit should be an integer or a valid literal for int() rather than 'abc'"],
      ['marker=last', "Marker should be an integer or a valid literal for int() rather than 'last'"],
      ['marker=-1', 'Marker -1 is an invalid ID'],
      ['marker=0', 'Marker 0 is an invalid ID'],
      ['marker=999', 'Marker 999 is an invalid ID'],
      ['resource=x&foo=1', 'Unsupported filter type: resource, foo'],
      ['id=4s', "Id should be an integer or a valid literal for int() rather than '4s'"],
    ])('%s → 400', async (qs, message) => {
      await seed(2)
      expectApi(await sim.call('GET', `/v1.0/routings?${qs}`), 400, message)
    })

    it('filters by equality on id, top_id, bottom_id, pod_id, resource_type and created_at', async () => {
      const a = await createOk({top_id: 'a', bottom_id: 'ba'})
      sim.clock.advance(1000)
      const b = await createOk({top_id: 'b', bottom_id: 'bb', resource_type: 'port'})
      const q = async (qs: string) => (await sim.call('GET', `/v1.0/routings?${qs}`)).json
      expect(await q('id=2')).toEqual({routings: [b]})
      expect(await q('id=%2B1')).toEqual({routings: [a]})
      expect(await q('top_id=a')).toEqual({routings: [a]})
      expect(await q('bottom_id=bb')).toEqual({routings: [b]})
      expect(await q(`pod_id=${podId}`)).toEqual({routings: [b, a]})
      expect(await q('resource_type=port')).toEqual({routings: [b]})
      expect(await q(`created_at=${encodeURIComponent(a.created_at)}`)).toEqual({routings: [a]})
      expect(await q('resource_type=shadow_port')).toEqual({routings: []})
      expect(await q('top_id=a&resource_type=port')).toEqual({routings: []})
    })

    it('non-admin → 403', async () => {
      expectApi(await sim.call('GET', '/v1.0/routings', {token: 'member'}), 403, 'Unauthorized to show all resource routings')
    })
  })

  describe('update', () => {
    const put = (id: number | string, payload: unknown, token = 'admin') => sim.call('PUT', `/v1.0/routings/${id}`, {body: payload, token})

    it('updates bottom_id and resource_type; the answer shows the old updated_at, the next GET the new one', async () => {
      const r = await createOk()
      sim.clock.advance(5000)
      const u = await put(r.id, {routing: {resource_type: 'router', bottom_id: 'bottom-9'}})
      expect(u.status).toBe(200)
      expect(u.json).toEqual({routing: {...r, resource_type: 'router', bottom_id: 'bottom-9', updated_at: null}})
      expect((await sim.call('GET', `/v1.0/routings/${r.id}`)).json).toEqual({
        routing: {...r, resource_type: 'router', bottom_id: 'bottom-9', updated_at: '2026-11-23 05:26:58'},
      })
    })

    it('updates top_id, project_id and pod_id (to an existing pod)', async () => {
      const r = await createOk()
      const pod2 = await sim.call('POST', '/v1.0/pods', {body: {pod: {region_name: 'RegionTwo', az_name: 'az2'}}})
      const pod2Id = (pod2.json as {pod: {pod_id: string}}).pod.pod_id
      const u = await put(r.id, {routing: {top_id: 'net-x', project_id: OTHER_PROJECT, pod_id: pod2Id}})
      expect(u.json).toEqual({routing: {...r, top_id: 'net-x', project_id: OTHER_PROJECT, pod_id: pod2Id}})
    })

    it('an empty routing, unknown keys and id change nothing (200)', async () => {
      const r = await createOk()
      sim.clock.advance(1000)
      for (const routing of [{}, {foo: 'bar'}, {id: '77'}]) {
        const u = await put(r.id, {routing})
        expect(u.status).toBe(200)
        expect(u.json).toEqual({routing: r})
      }
      expect((await sim.call('GET', `/v1.0/routings/${r.id}`)).json).toEqual({routing: r})
    })

    it('non-admin → 403', async () => {
      const r = await createOk()
      expectApi(await put(r.id, {routing: {bottom_id: 'x'}}, 'member'), 403, 'Unauthorized to update resource routing')
    })

    it('an unknown id → 404, before the body is looked at', async () => {
      expectApi(await put(99, {routing: {bottom_id: 'x'}}), 404, 'Resource routing not found')
      expectApi(await put(99, {wrong: 1}), 404, 'Resource routing not found')
    })

    it('a wrong key, or no body → 400 Request body not found', async () => {
      const r = await createOk()
      expectApi(await put(r.id, {route: {bottom_id: 'x'}}), 400, 'Request body not found')
      expectApi(await sim.call('PUT', `/v1.0/routings/${r.id}`), 400, 'Request body not found')
    })

    it.each([
      ['empty', ''],
      ['blank', '  '],
      ['None', null],
    ])('an %s value → 400 Field <f> can not be empty', async (_name, value) => {
      const r = await createOk()
      expectApi(await put(r.id, {routing: {bottom_id: value}}), 400, 'Field bottom_id can not be empty')
    })

    it('type volume → 400', async () => {
      const r = await createOk()
      expectApi(await put(r.id, {routing: {resource_type: 'volume'}}), 400, 'There is no such resource type')
    })

    it('a pod_id that is not a pod → 400', async () => {
      const r = await createOk()
      expectApi(await put(r.id, {routing: {pod_id: 'no-such-pod'}}), 400, "The pod no-such-pod doesn't exist")
    })


    it('an update that would duplicate the unique key → 500, and so does a database failure', async () => {
      await createOk({top_id: 'a'})
      const b = await createOk({top_id: 'b'})
      expectApi(await put(b.id, {routing: {top_id: 'a'}}), 500, 'Failed to update resource routing')
      sim.srv.state.failNext('routing.update')
      expectApi(await put(b.id, {routing: {bottom_id: 'z'}}), 500, 'Failed to update resource routing')
      expect((await sim.call('GET', `/v1.0/routings/${b.id}`)).json).toEqual({routing: b})
    })
  })

  describe('delete', () => {
    it('→ 204 with an empty body, then 404', async () => {
      const r = await createOk()
      const d = await sim.call('DELETE', `/v1.0/routings/${r.id}`)
      expect(d.status).toBe(204)
      expect(d.text).toBe('')
      expectApi(await sim.call('GET', `/v1.0/routings/${r.id}`), 404, 'Resource routing not found')
      expectApi(await sim.call('DELETE', `/v1.0/routings/${r.id}`), 404, 'Resource routing not found')
    })

    it('non-admin → 403', async () => {
      const r = await createOk()
      expectApi(await sim.call('DELETE', `/v1.0/routings/${r.id}`, {token: 'member'}), 403, 'Unauthorized to delete the resource routing')
    })

    it('a database failure → 500', async () => {
      const r = await createOk()
      sim.srv.state.failNext('routing.delete')
      expectApi(await sim.call('DELETE', `/v1.0/routings/${r.id}`), 500, 'Failed to delete the resource routing')
    })
  })
})

describe('tricircle emulator: routings and the MySQL columns', () => {
  let sim: Sim
  let podId: string
  beforeEach(async () => {
    sim = await startSim()
    const pod = await sim.call('POST', '/v1.0/pods', {body: {pod: {region_name: 'RegionOne', az_name: 'az1'}}})
    podId = (pod.json as {pod: {pod_id: string}}).pod.pod_id
  })
  afterEach(async () => {
    await sim.close()
  })
  const routing = (over: Record<string, unknown> = {}) => ({
    routing: {top_id: 't', bottom_id: 'b', pod_id: podId, project_id: PROJECT, resource_type: 'network', ...over},
  })

  it('timestamps are whole seconds', async () => {
    const r = await sim.call('POST', '/v1.0/routings', {body: routing()})
    expect((r.json as {routing: Routing}).routing.created_at).toBe('2026-11-23 05:26:53')
  })

  it('a pod_id that is not a pod, or a bottom_id over 36 characters → 500 Failed to create resource routing', async () => {
    expectApi(await sim.call('POST', '/v1.0/routings', {body: routing({pod_id: 'no-such-pod'})}), 500, 'Failed to create resource routing')
    expectApi(await sim.call('POST', '/v1.0/routings', {body: routing({bottom_id: 'x'.repeat(37)})}), 500, 'Failed to create resource routing')
  })

  it('created_at can be updated with a valid datetime; a bad one → 500', async () => {
    const r = (await sim.call('POST', '/v1.0/routings', {body: routing()})).json as {routing: Routing}
    const u = await sim.call('PUT', `/v1.0/routings/${r.routing.id}`, {body: {routing: {created_at: '2020-01-02 03:04:05'}}})
    expect(u.json).toEqual({routing: {...r.routing, created_at: '2020-01-02 03:04:05'}})
    expectApi(
      await sim.call('PUT', `/v1.0/routings/${r.routing.id}`, {body: {routing: {created_at: 'yesterday'}}}),
      500,
      'Failed to update resource routing',
    )
  })
})
