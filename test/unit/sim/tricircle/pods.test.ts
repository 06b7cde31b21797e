import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {abortJson, rawRequest, type Reply, type Sim, startSim} from './helpers.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Shape C: bare text labelled text/html. */
function expectText(r: Reply, status: number, text: string): void {
  expect(r.status).toBe(status)
  expect(r.headers.get('content-type')).toBe('text/html; charset=UTF-8')
  expect(r.text).toBe(text)
}

/** Shape D. */
function expectCrash(r: Reply): void {
  expect(r.status).toBe(500)
  expect(r.headers.get('content-type')).toBe('text/plain')
  expect(r.text).toBe('')
}

type Pod = {pod_id: string; region_name: string; pod_az_name: string; dc_name: string; az_name: string}

describe('tricircle emulator: pods', () => {
  let sim: Sim
  beforeEach(async () => {
    sim = await startSim()
  })
  afterEach(async () => {
    await sim.close()
  })

  const create = (pod: Record<string, unknown>, token = 'admin') => sim.call('POST', '/v1.0/pods', {body: {pod}, token})

  it('creates the top pod: 200, az_name "" and pod_az_name forced to ""', async () => {
    const r = await create({region_name: 'CentralRegion', pod_az_name: 'nova', dc_name: 'dc1'})
    expect(r.status).toBe(200)
    const pod = (r.json as {pod: Pod}).pod
    expect(pod.pod_id).toMatch(UUID)
    expect(r.json).toEqual({pod: {pod_id: pod.pod_id, region_name: 'CentralRegion', pod_az_name: '', dc_name: 'dc1', az_name: ''}})
    expect(Object.keys(pod)).toEqual(['pod_id', 'region_name', 'pod_az_name', 'dc_name', 'az_name'])
  })

  it('creates a bottom pod with its AZ, keeping pod_az_name', async () => {
    const r = await create({region_name: 'RegionTwo', az_name: 'az2', pod_az_name: 'nova', dc_name: 'dc2'})
    expect(r.status).toBe(200)
    const pod = (r.json as {pod: Pod}).pod
    expect(r.json).toEqual({pod: {pod_id: pod.pod_id, region_name: 'RegionTwo', pod_az_name: 'nova', dc_name: 'dc2', az_name: 'az2'}})
  })

  it('strips every value and stores "" for left-out keys; the region need not exist in Keystone', async () => {
    const r = await create({region_name: '  RegionFour ', az_name: ' az4\t'})
    const pod = (r.json as {pod: Pod}).pod
    expect(r.json).toEqual({pod: {pod_id: pod.pod_id, region_name: 'RegionFour', pod_az_name: '', dc_name: '', az_name: 'az4'}})
  })

  it.each([
    ['no body', undefined],
    ['no pod key', {pods: {region_name: 'R'}}],
    ['an empty object', {}],
  ])('%s → 400 (shape B) Request body pod not found', async (_name, body) => {
    const r = await sim.call('POST', '/v1.0/pods', {body})
    expect(r.status).toBe(400)
    expect(r.json).toEqual(abortJson(400, 'Bad Request', 'Request body pod not found'))
  })

  it('a body that is not JSON → 400 Request body pod not found', async () => {
    const r = await sim.call('POST', '/v1.0/pods', {body: '{"pod": ', raw: true})
    expect(r.status).toBe(400)
    expect(r.json).toEqual(abortJson(400, 'Bad Request', 'Request body pod not found'))
  })

  it('a valid body without a Content-Type (pecan reads no body then) → 400 Request body pod not found; nothing made', async () => {
    const r = await rawRequest(sim.srv.url, 'POST', '/v1.0/pods', {'X-Auth-Token': 'admin', Accept: 'application/json'}, '{"pod": {"region_name": "CentralRegion"}}')
    expect(r.status).toBe(400)
    expect(JSON.parse(r.text)).toEqual(abortJson(400, 'Bad Request', 'Request body pod not found'))
    expect(sim.srv.state.pods).toEqual([])
  })

  it('a database failure during create → 500 (shape C) Failed to create pod', async () => {
    sim.srv.state.failNext('pod.create')
    expectText(await create({region_name: 'CentralRegion'}), 500, 'Failed to create pod')
    expect(sim.srv.state.pods).toEqual([])
  })

  it.each([
    [{}, 'Valid region_name is required for top region'],
    [{region_name: ''}, 'Valid region_name is required for top region'],
    [{region_name: '   '}, 'Valid region_name is required for top region'],
    [{az_name: 'az1'}, 'Valid region_name is required for pod'],
    [{region_name: '', az_name: 'az1'}, 'Valid region_name is required for pod'],
    [{region_name: ' \t', az_name: 'az1'}, 'Valid region_name is required for pod'],
  ])('missing or blank region_name %j → 422 (shape C)', async (pod, message) => {
    expectText(await create(pod), 422, message)
  })

  it('a second top pod → 409 Top region already exists', async () => {
    expect((await create({region_name: 'CentralRegion'})).status).toBe(200)
    expectText(await create({region_name: 'OtherCentral'}), 409, 'Top region already exists')
    expectText(await create({region_name: 'OtherCentral', az_name: '  '}), 409, 'Top region already exists')
  })

  it('the same region and AZ twice → 409 Record already exists', async () => {
    expect((await create({region_name: 'RegionOne', az_name: 'az1'})).status).toBe(200)
    expectText(await create({region_name: 'RegionOne', az_name: 'az1'}), 409, 'Record already exists')
  })

  it('a region name is unique across pods, whatever the AZ', async () => {
    expect((await create({region_name: 'RegionOne', az_name: 'az1'})).status).toBe(200)
    expectText(await create({region_name: 'RegionOne', az_name: 'az2'}), 409, 'Record already exists')
    // ... a top pod included: the region check for top pods is the database's.
    expectText(await create({region_name: 'RegionOne'}), 409, 'Record already exists')
  })

  it('several bottom pods may share an AZ', async () => {
    expect((await create({region_name: 'RegionOne', az_name: 'az1'})).status).toBe(200)
    expect((await create({region_name: 'RegionTwo', az_name: 'az1'})).status).toBe(200)
  })

  it('a bottom pod reusing the top region name → 409', async () => {
    expect((await create({region_name: 'CentralRegion'})).status).toBe(200)
    expectText(await create({region_name: 'CentralRegion', az_name: 'az1'}), 409, 'Pod region name duplicated with the top region name')
  })

  it.each([
    ['a number', {region_name: 5}],
    ['null', {region_name: 'R', az_name: null}],
    ['a list', {region_name: 'R', dc_name: ['x']}],
  ])('%s where a string is stripped → 500 with an empty body (shape D)', async (_name, pod) => {
    expectCrash(await create(pod))
  })

  it('a pod that is not an object → shape D', async () => {
    expectCrash(await sim.call('POST', '/v1.0/pods', {body: {pod: 'RegionOne'}}))
  })

  it('lists all pods in insertion order, ignoring query parameters', async () => {
    const created: Pod[] = []
    for (const pod of [{region_name: 'CentralRegion'}, {region_name: 'RegionOne', az_name: 'az1'}, {region_name: 'RegionTwo', az_name: 'az2'}]) {
      created.push(((await create(pod)).json as {pod: Pod}).pod)
    }
    const r = await sim.call('GET', '/v1.0/pods?region_name=RegionOne')
    expect(r.status).toBe(200)
    expect(r.json).toEqual({pods: created})
  })

  it('GET /pods/{id} equals the list entry', async () => {
    await create({region_name: 'CentralRegion'})
    await create({region_name: 'RegionOne', az_name: 'az1', pod_az_name: 'paz1', dc_name: 'dc1'})
    const list = (await sim.call('GET', '/v1.0/pods')).json as {pods: Pod[]}
    for (const pod of list.pods) {
      const r = await sim.call('GET', `/v1.0/pods/${pod.pod_id}`)
      expect(r.status).toBe(200)
      expect(r.json).toEqual({pod})
    }
  })

  it('an unknown pod, and /pods/detail, → 404 (shape B) Pod not found', async () => {
    for (const id of ['8ab3e4f2-0000-4000-8000-000000000000', 'detail']) {
      const r = await sim.call('GET', `/v1.0/pods/${id}`)
      expect(r.status).toBe(404)
      expect(r.json).toEqual(abortJson(404, 'Not Found', 'Pod not found'))
    }
  })

  it('delete → 200 {} and the row is gone; the central pod can be deleted too', async () => {
    const top = ((await create({region_name: 'CentralRegion'})).json as {pod: Pod}).pod
    const r = await sim.call('DELETE', `/v1.0/pods/${top.pod_id}`)
    expect(r.status).toBe(200)
    expect(r.json).toEqual({})
    expect((await sim.call('GET', '/v1.0/pods')).json).toEqual({pods: []})
    expect((await sim.call('GET', `/v1.0/pods/${top.pod_id}`)).status).toBe(404)
    // With the top pod gone a new one may be created.
    expect((await create({region_name: 'NewCentral'})).status).toBe(200)
  })

  it('delete of an unknown pod → 404 (shape C) Pod not found', async () => {
    expectText(await sim.call('DELETE', '/v1.0/pods/nope'), 404, 'Pod not found')
  })

  it('a database failure on delete → 500 (shape C); on list → 500 (shape B)', async () => {
    const pod = ((await create({region_name: 'CentralRegion'})).json as {pod: Pod}).pod
    sim.srv.state.failNext('pod.delete')
    expectText(await sim.call('DELETE', `/v1.0/pods/${pod.pod_id}`), 500, 'Failed to delete pod')
    sim.srv.state.failNext('pod.list')
    const r = await sim.call('GET', '/v1.0/pods')
    expect(r.status).toBe(500)
    expect(r.json).toEqual(abortJson(500, 'Internal Server Error', 'Failed to list pods'))
    expect((await sim.call('GET', '/v1.0/pods')).json).toEqual({pods: [pod]})
  })

  it('a pod that routings reference cannot be deleted (the MySQL foreign key) → 500 Failed to delete pod; once they are gone it can', async () => {
    const pod = ((await create({region_name: 'RegionOne', az_name: 'az1'})).json as {pod: Pod}).pod
    const routing = {top_id: 't', bottom_id: 'b', pod_id: pod.pod_id, project_id: 'p', resource_type: 'network'}
    const made = await sim.call('POST', '/v1.0/routings', {body: {routing}})
    expect(made.status).toBe(200)
    expectText(await sim.call('DELETE', `/v1.0/pods/${pod.pod_id}`), 500, 'Failed to delete pod')
    expect((await sim.call('GET', `/v1.0/pods/${pod.pod_id}`)).status).toBe(200)
    expect((await sim.call('DELETE', `/v1.0/routings/${(made.json as {routing: {id: number}}).routing.id}`)).status).toBe(204)
    expect((await sim.call('DELETE', `/v1.0/pods/${pod.pod_id}`)).status).toBe(200)
  })

  it('non-admin: create, show, list and delete → 401 (shape B)', async () => {
    const pod = ((await create({region_name: 'CentralRegion'})).json as {pod: Pod}).pod
    const cases: Array<[string, string, string, unknown]> = [
      ['POST', '/v1.0/pods', 'Unauthorized to create pods', {pod: {region_name: 'R', az_name: 'az'}}],
      ['GET', `/v1.0/pods/${pod.pod_id}`, 'Unauthorized to show pods', undefined],
      ['GET', '/v1.0/pods', 'Unauthorized to list pods', undefined],
      ['DELETE', `/v1.0/pods/${pod.pod_id}`, 'Unauthorized to delete pods', undefined],
    ]
    for (const [method, path, message, body] of cases) {
      const r = await sim.call(method, path, {token: 'member', body})
      expect(r.status).toBe(401)
      expect(r.json).toEqual(abortJson(401, 'Unauthorized', message))
      // keystonemiddleware marks Tricircle's own 401 as it does its own.
      expect(r.headers.get('www-authenticate')).toBe('Keystone uri="http://127.0.0.1:5000"')
    }
    expect((await sim.call('GET', '/v1.0/pods')).json).toEqual({pods: [pod]})
  })
})
