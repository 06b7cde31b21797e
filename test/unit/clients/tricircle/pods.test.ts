import {afterEach, describe, expect, it} from 'vitest'

import {ApiError, UsageError} from '../../../../src/core/errors.js'
import {createPod, deletePod, getPod, listPods} from '../../../../src/clients/tricircle/index.js'
import {fakeServerPool} from '../../../fakes/server.js'
import {JSON_ACCEPT, RID, TOKEN, tricircleClient} from './helpers.js'

const POD = {pod_id: '81bb1e4a-7c63-4f5d-9f0b-3b1f0e5d2c11', region_name: 'RegionOne', pod_az_name: '', dc_name: '', az_name: 'az1'}

describe('tricircle pods: requests', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('create: the central pod sends region_name only', async () => {
    const s = await fakes.start('tricircle')
    const top = {...POD, region_name: 'CentralRegion', az_name: ''}
    s.on({method: 'POST', path: '/v1.0/pods', token: TOKEN, headers: JSON_ACCEPT, json: {pod: {region_name: 'CentralRegion'}}, reply: {json: {pod: top}}})
    expect(await createPod(tricircleClient(s), {region_name: 'CentralRegion'})).toEqual(top)
  })

  it('create: optional keys are sent when given and left out when empty', async () => {
    const s = await fakes.start('tricircle')
    s.on({
      method: 'POST',
      path: '/v1.0/pods',
      token: TOKEN,
      json: {pod: {region_name: 'RegionTwo', az_name: 'az2', dc_name: 'dc2'}},
      reply: {json: {pod: {...POD, region_name: 'RegionTwo', az_name: 'az2', dc_name: 'dc2'}}},
    })
    const pod = await createPod(tricircleClient(s), {region_name: 'RegionTwo', az_name: 'az2', pod_az_name: '', dc_name: 'dc2'})
    expect(pod.dc_name).toBe('dc2')
  })

  it('list, show and delete use /pods and /pods/{id} without a trailing slash', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'GET', path: '/v1.0/pods', token: TOKEN, headers: JSON_ACCEPT, reply: {json: {pods: [POD]}}})
      .on({method: 'GET', path: `/v1.0/pods/${POD.pod_id}`, token: TOKEN, reply: {json: {pod: POD}}})
      .on({method: 'DELETE', path: `/v1.0/pods/${POD.pod_id}`, token: TOKEN, reply: {json: {}}})
    const c = tricircleClient(s)
    expect(await listPods(c)).toEqual([POD])
    expect(await getPod(c, POD.pod_id)).toEqual(POD)
    await expect(deletePod(c, POD.pod_id)).resolves.toBeUndefined()
  })

  it('an empty id is refused before anything is sent (the server would answer /pods/ with an empty 500)', async () => {
    const s = await fakes.start('tricircle')
    const c = tricircleClient(s)
    await expect(getPod(c, '')).rejects.toThrow(UsageError)
    await expect(deletePod(c, '  ')).rejects.toThrow('The pod ID must not be empty.')
    expect(s.received).toEqual([])
  })

  it("a non-admin's 401 (shape B) carries the admin-role hint", async () => {
    const s = await fakes.start('tricircle')
    // keystonemiddleware adds WWW-Authenticate to Tricircle's own 401 as well (as the real server
    // sends it); the token was fine, so no new login and no retry.
    s.on({
      method: 'GET',
      path: '/v1.0/pods',
      token: TOKEN,
      times: 1,
      reply: {
        status: 401,
        json: {code: 401, title: 'Unauthorized', description: 'Unauthorized to list pods'},
        headers: {'X-Openstack-Request-Id': RID, 'WWW-Authenticate': 'Keystone uri="http://127.0.0.1:5000"'},
      },
    })
    const err = (await listPods(tricircleClient(s)).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe(`Tricircle 401: Unauthorized to list pods (request ${RID})`)
    expect(err.actions).toEqual(['the Tricircle admin API needs a token with the admin role: use an admin cloud or profile (--os-cloud)'])
  })

  it('shape C text errors are read as text', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'POST', path: '/v1.0/pods', token: TOKEN, json: {pod: {region_name: 'Again'}}, reply: {status: 409, text: 'Top region already exists', contentType: 'text/html; charset=UTF-8'}})
    await expect(createPod(tricircleClient(s), {region_name: 'Again'})).rejects.toThrow(/^Tricircle 409: Top region already exists$/)
  })
})

describe('tricircle pods: a delete the server refuses with its bare 500', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())
  const FAILED = {status: 500, contentType: 'text/html; charset=UTF-8', text: 'Failed to delete pod'}

  it('routings that use the pod are listed (filtered by pod_id) and named in the hint', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'DELETE', path: `/v1.0/pods/${POD.pod_id}`, token: TOKEN, reply: FAILED}).on({
      method: 'GET',
      path: '/v1.0/routings',
      query: {pod_id: POD.pod_id},
      token: TOKEN,
      reply: {json: {routings: [{id: 7}, {id: 9}]}},
    })
    const err = (await deletePod(tricircleClient(s), POD.pod_id).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe('Tricircle 500: Failed to delete pod')
    expect(err.actions).toEqual([`2 resource routing(s) still use pod ${POD.pod_id}; delete them first: mrctl multiregion networking routing delete 7 9`])
  })

  it('no routing of this project: the hint says other projects may hold some', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'DELETE', path: `/v1.0/pods/${POD.pod_id}`, token: TOKEN, reply: FAILED}).on({
      method: 'GET',
      path: '/v1.0/routings',
      query: {pod_id: POD.pod_id},
      token: TOKEN,
      reply: {json: {routings: []}},
    })
    const err = (await deletePod(tricircleClient(s), POD.pod_id).catch((e: unknown) => e)) as ApiError
    expect(err.actions).toEqual([
      `no resource routing of this project uses pod ${POD.pod_id}; routings of other projects may (the list shows only the token's project)`,
    ])
  })
})
