import {afterEach, describe, expect, it} from 'vitest'

import {
  deleteQuota,
  deleteService,
  disableService,
  enableService,
  forceDownService,
  getDefaultQuota,
  getQuota,
  getQuotaClass,
  listAvailabilityZones,
  listServices,
  quotaUpdateBody,
  updateQuota,
  updateQuotaClass,
} from '../../../../src/clients/zun/index.js'
import {ZUN_ADMIN_HINT} from '../../../../src/clients/zun/common.js'
import {ApiError, UsageError} from '../../../../src/core/errors.js'
import {fakeServerPool} from '../../../fakes/server.js'
import {JSON_CT, RAW_CT, RID, TOKEN, zunError, zunTestClient} from './admin-helpers.js'

const SERVICE = {
  id: 1,
  host: 'node1',
  binary: 'zun-compute',
  state: 'up',
  disabled: false,
  disabled_reason: null,
  forced_down: false,
  report_count: 3,
  availability_zone: 'nova',
  created_at: '2026-11-23 05:00:00',
  updated_at: null,
  last_seen_up: null,
}
const QUOTA = {containers: 40, memory: 51200, cpu: 20, disk: 100}

describe('zun services: requests as in osc-http-trace.txt', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('service list: GET /v1/services (no trailing slash)', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/services', token: TOKEN, headers: JSON_CT, reply: {json: {services: [SERVICE]}}})
    const {c, sent} = zunTestClient(s)
    expect(await listServices(c)).toEqual([SERVICE])
    expect(sent).toEqual(['GET /v1/services'])
  })

  it('service delete: DELETE /v1/services?host=…&binary=… as a raw request', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'DELETE', path: '/v1/services', query: {host: 'node1', binary: 'zun-compute'}, token: TOKEN, headers: RAW_CT, reply: {json: null}})
    const {c, sent} = zunTestClient(s)
    await expect(deleteService(c, 'node1', 'zun-compute')).resolves.toBeUndefined()
    expect(sent).toEqual(['DELETE /v1/services?host=node1&binary=zun-compute'])
  })

  it('enable / disable / force_down: PUT with the parameters in the query string and an empty body (Content-Length: 0)', async () => {
    const s = await fakes.start('zun')
    const put = {token: TOKEN, headers: {...JSON_CT, 'content-length': '0'}}
    s.on({method: 'PUT', path: '/v1/services/enable', query: {host: 'node1', binary: 'zun-compute'}, ...put, reply: {json: {service: {host: 'node1', binary: 'zun-compute', disabled: false, disabled_reason: null}}}})
    s.on({
      method: 'PUT',
      path: '/v1/services/disable',
      query: {host: 'node1', binary: 'zun-compute', disabled_reason: 'maint now'},
      ...put,
      reply: {json: {service: {host: 'node1', binary: 'zun-compute', disabled: true, disabled_reason: 'maint now'}}},
    })
    s.on({method: 'PUT', path: '/v1/services/disable', query: {host: 'node1', binary: 'zun-compute'}, ...put, reply: {json: {service: {host: 'node1', binary: 'zun-compute', disabled: true, disabled_reason: null}}}})
    s.on({
      method: 'PUT',
      path: '/v1/services/force_down',
      query: {host: 'node1', binary: 'zun-compute', forced_down: 'True'},
      ...put,
      reply: {json: {service: {host: 'node1', binary: 'zun-compute', forced_down: true}}},
    })
    s.on({
      method: 'PUT',
      path: '/v1/services/force_down',
      query: {host: 'node1', binary: 'zun-compute', forced_down: 'False'},
      ...put,
      reply: {json: {service: {host: 'node1', binary: 'zun-compute', forced_down: false}}},
    })
    const {c, sent} = zunTestClient(s)
    expect(await enableService(c, 'node1', 'zun-compute')).toEqual({host: 'node1', binary: 'zun-compute', disabled: false, disabled_reason: null})
    expect((await disableService(c, 'node1', 'zun-compute', 'maint now')).disabled_reason).toBe('maint now')
    expect((await disableService(c, 'node1', 'zun-compute')).disabled).toBe(true)
    expect((await forceDownService(c, 'node1', 'zun-compute', true)).forced_down).toBe(true)
    expect((await forceDownService(c, 'node1', 'zun-compute', false)).forced_down).toBe(false)
    expect(sent).toEqual([
      'PUT /v1/services/enable?host=node1&binary=zun-compute',
      // urlencode: a space is "+"
      'PUT /v1/services/disable?host=node1&binary=zun-compute&disabled_reason=maint+now',
      'PUT /v1/services/disable?host=node1&binary=zun-compute',
      'PUT /v1/services/force_down?host=node1&binary=zun-compute&forced_down=True',
      'PUT /v1/services/force_down?host=node1&binary=zun-compute&forced_down=False',
    ])
    for (const r of s.received) expect(r.text).toBe('')
  })

  it("a non-admin's 403 reads as the server's policy message, with the admin hint", async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/services', token: TOKEN, reply: zunError(403, 'policy-not-authorized', "Policy doesn't allow zun-service:get_all to be performed.")})
    const {c} = zunTestClient(s)
    const err = (await listServices(c).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.exitCode).toBe(1)
    expect(err.message).toBe(`Zun 403: Policy doesn't allow zun-service:get_all to be performed. (request ${RID})`)
    expect(err.actions).toEqual([ZUN_ADMIN_HINT])
  })

  it('an unknown service is a 404; an empty host or binary is refused before anything is sent', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'PUT', path: '/v1/services/enable', query: {host: 'node1', binary: 'nope'}, token: TOKEN, reply: zunError(404, 'zun-service-not-found', 'Zun service nope on host node1 could not be found.')})
    const {c} = zunTestClient(s)
    await expect(enableService(c, 'node1', 'nope')).rejects.toThrow(`Zun 404: Zun service nope on host node1 could not be found. (request ${RID})`)
    await expect(deleteService(c, '', 'zun-compute')).rejects.toThrow('The host must not be empty.')
    await expect(forceDownService(c, 'node1', ' ', true)).rejects.toThrow('The binary must not be empty.')
    expect(s.received).toHaveLength(1)
  })
})

describe('zun availability zones', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('GET /v1/availability_zones', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/availability_zones', token: TOKEN, headers: JSON_CT, reply: {json: {availability_zones: [{availability_zone: 'nova'}]}}})
    const {c} = zunTestClient(s)
    expect(await listAvailabilityZones(c)).toEqual([{availability_zone: 'nova'}])
  })
})

describe('zun quotas and quota classes: requests as in osc-http-trace.txt', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('quota get: GET /v1/quotas/{p}, with ?usages=True only when asked', async () => {
    const s = await fakes.start('zun')
    const usage = {containers: {limit: 40, in_use: 5}, memory: {limit: 51200, in_use: 512}, cpu: {limit: 20, in_use: 1}, disk: {limit: 100, in_use: 0}}
    s.on({method: 'GET', path: '/v1/quotas/p1', token: TOKEN, headers: JSON_CT, reply: {json: QUOTA}})
    s.on({method: 'GET', path: '/v1/quotas/p1', query: {usages: 'True'}, token: TOKEN, headers: JSON_CT, reply: {json: usage}})
    const {c, sent} = zunTestClient(s)
    expect(await getQuota(c, 'p1')).toEqual(QUOTA)
    expect(await getQuota(c, 'p1', true)).toEqual(usage)
    expect(sent).toEqual(['GET /v1/quotas/p1', 'GET /v1/quotas/p1?usages=True'])
  })

  it('quota default: GET /v1/quotas/{p}/defaults; quota delete: DELETE /v1/quotas/{p} (raw)', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/quotas/p1/defaults', token: TOKEN, headers: JSON_CT, reply: {json: QUOTA}})
    s.on({method: 'DELETE', path: '/v1/quotas/p1', token: TOKEN, headers: RAW_CT, reply: {json: null}})
    const {c} = zunTestClient(s)
    expect(await getDefaultQuota(c, 'p1')).toEqual(QUOTA)
    await expect(deleteQuota(c, 'p1')).resolves.toBeUndefined()
  })

  it('quota update: PUT /v1/quotas/{p} with the given limits as strings, in the order cpu, memory, containers, disk', async () => {
    const s = await fakes.start('zun')
    const updated = {containers: 10, memory: 2048, cpu: 4, disk: 20}
    s.on({method: 'PUT', path: '/v1/quotas/p1', token: TOKEN, headers: JSON_CT, json: {cpu: '4', memory: '2048', containers: '10', disk: '20'}, reply: {json: updated}})
    const {c} = zunTestClient(s)
    expect(await updateQuota(c, 'p1', {containers: '10', memory: '2048', cpu: '4', disk: '20'})).toEqual(updated)
    // the exact bytes of the trace (key order included), modulo Python's ", " separators
    expect(s.calls('PUT', '/v1/quotas/p1')[0].text).toBe('{"cpu":"4","memory":"2048","containers":"10","disk":"20"}')
  })

  it('quota class get / update: /v1/quota_classes/{name}; update sends only what was given', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/quota_classes/default', token: TOKEN, headers: JSON_CT, reply: {json: QUOTA}})
    s.on({method: 'PUT', path: '/v1/quota_classes/default', token: TOKEN, headers: JSON_CT, json: {containers: '10'}, reply: {json: {...QUOTA, containers: 10}}})
    const {c} = zunTestClient(s)
    expect(await getQuotaClass(c, 'default')).toEqual(QUOTA)
    expect((await updateQuotaClass(c, 'default', {containers: 10})).containers).toBe(10)
  })

  it('bad limits and an empty project are refused before anything is sent', async () => {
    const s = await fakes.start('zun')
    const {c} = zunTestClient(s)
    await expect(updateQuota(c, 'p1', {memory: 'abc'})).rejects.toThrow('--memory abc: expected a whole number, or -1 for unlimited')
    await expect(updateQuota(c, 'p1', {cpu: '-2'})).rejects.toThrow(UsageError)
    await expect(updateQuotaClass(c, 'default', {disk: '1.5'})).rejects.toThrow(UsageError)
    await expect(getQuota(c, '')).rejects.toThrow('The project ID must not be empty.')
    await expect(deleteQuota(c, ' ')).rejects.toThrow(UsageError)
    expect(s.received).toEqual([])
  })

  it('quotaUpdateBody: -1 (unlimited) is allowed, unset keys are left out, an empty update is {}', () => {
    expect(quotaUpdateBody({memory: -1, disk: 0})).toEqual({memory: '-1', disk: '0'})
    expect(Object.keys(quotaUpdateBody({disk: 1, containers: 2, memory: 3, cpu: 4}))).toEqual(['cpu', 'memory', 'containers', 'disk'])
    expect(quotaUpdateBody({})).toEqual({})
  })

  it('quota update by a non-admin: the 403 carries the admin hint', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'PUT', path: '/v1/quotas/p1', token: TOKEN, json: {containers: '1'}, reply: zunError(403, 'policy-not-authorized', "Policy doesn't allow quota:update to be performed.")})
    const {c} = zunTestClient(s)
    const err = (await updateQuota(c, 'p1', {containers: 1}).catch((e: unknown) => e)) as ApiError
    expect(err.status).toBe(403)
    expect(err.actions).toEqual([ZUN_ADMIN_HINT])
  })
})
