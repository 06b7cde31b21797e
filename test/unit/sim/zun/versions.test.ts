import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {firstError, type Harness, startHarness} from './helpers.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  expect(h.unexpected).toEqual([])
  await h.close()
})

describe('version discovery (zun-api.md §2.3)', () => {
  it('GET / is public, lists v1 1.1–1.40 as CURRENT, and has no OpenStack-API-* headers', async () => {
    const r = await h.call('GET', '/', {token: null, version: '1.1'})
    expect(r.status).toBe(200)
    const href = `${h.server.url}/v1/`
    const v1 = {id: 'v1', links: [{href, rel: 'self'}], status: 'CURRENT', max_version: '1.40', min_version: '1.1'}
    expect(r.json).toEqual({
      name: 'OpenStack Zun API',
      description: 'Zun is an OpenStack project which aims to provide containers service.',
      versions: [v1],
      default_version: v1,
    })
    expect(r.headers.get('openstack-api-version')).toBeNull()
    expect(r.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/)
  })

  it('GET /v1 is public and carries the version headers (1.1 without a header)', async () => {
    const r = await h.call('GET', '/v1', {token: null, version: null})
    expect(r.status).toBe(200)
    expect(r.headers.get('openstack-api-version')).toBe('container 1.1')
    expect(r.headers.get('openstack-api-minimum-version')).toBe('container 1.1')
    expect(r.headers.get('openstack-api-maximum-version')).toBe('container 1.40')
    expect(r.headers.get('vary')).toBe('OpenStack-API-Version')
    expect(r.json.id).toBe('v1')
    expect(r.json.media_types).toEqual([{base: 'application/json', type: 'application/vnd.openstack.zun.v1+json'}])
    expect(r.json.containers).toEqual([
      {href: `${h.server.url}/v1/containers/`, rel: 'self'},
      {href: `${h.server.url}/containers/`, rel: 'bookmark'},
    ])
    for (const k of ['services', 'images', 'networks', 'hosts', 'capsules', 'availability_zones', 'quotas', 'quota_classes', 'registries']) {
      expect(r.json[k]).toHaveLength(2)
    }
    expect((await h.call('GET', '/v1/', {token: null})).status).toBe(200)
  })
})

describe('microversion header (§2.2)', () => {
  it('echoes the requested version; no header means 1.1; latest means 1.40', async () => {
    expect((await h.call('GET', '/v1/containers', {version: '1.17'})).headers.get('openstack-api-version')).toBe('container 1.17')
    expect((await h.call('GET', '/v1/containers', {version: null})).headers.get('openstack-api-version')).toBe('container 1.1')
    const latest = await h.call('GET', '/v1/containers', {version: 'latest'})
    expect(latest.headers.get('openstack-api-version')).toBe('container 1.40')
    expect(latest.json).toEqual({containers: [], next: null})
  })

  it('refuses a header naming several services (Zun splits the whole value into two words): 406', async () => {
    const r = await h.call('GET', '/v1/containers', {version: null, headers: {'OpenStack-API-Version': 'compute 2.1, container 1.12'}})
    expect(r.status).toBe(406)
    expect(firstError(r)).toMatchObject({code: 'container.', title: 'Not Acceptable', detail: 'Invalid service type for OpenStack-API-Version header'})
    expect(r.headers.get('openstack-api-version')).toBeNull()
  })

  it('answers 406 for a wrong service word, a missing space or a bad number', async () => {
    for (const [value, detail] of [
      ['volume 1.2', 'Invalid service type for OpenStack-API-Version header'],
      ['container1.2', 'Invalid service type for OpenStack-API-Version header'],
      ['container 1', 'Invalid value for OpenStack-API-Version header'],
      ['container 1.x', 'Invalid value for OpenStack-API-Version header'],
    ]) {
      const r = await h.call('GET', '/v1/containers', {version: null, headers: {'OpenStack-API-Version': value}})
      expect(r.status, value).toBe(406)
      expect(firstError(r)).toMatchObject({code: 'container.', status: 406, title: 'Not Acceptable', detail})
    }
  })

  it('answers 1.41 as the real Zed server did: 500 with an empty text/plain body (§10)', async () => {
    const r = await h.call('GET', '/v1/containers', {version: '1.41'})
    expect(r.status).toBe(500)
    expect(r.text).toBe('')
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/)
    expect((await h.call('GET', '/v1/containers', {version: '1.0'})).status).toBe(500)
  })

  it("answers 406 'Requested microversion is unsupported' in the documented mode (§2.2)", async () => {
    await h.close()
    h = await startHarness({outOfRangeVersion: '406'})
    const r = await h.call('GET', '/v1/containers', {version: '1.41'})
    expect(r.status).toBe(406)
    expect(firstError(r)).toEqual({
      request_id: '',
      code: 'container.',
      status: 406,
      title: 'Requested microversion is unsupported',
      detail:
        'Version 1.41 was requested but the minor version is not supported by this service. The supported version range is: [container 1.1, container 1.40].',
      links: [],
    })
    const major = await h.call('GET', '/v1/containers', {version: '2.0'})
    expect(firstError(major).detail).toMatch(/^Mutually exclusive versions requested\. Version 2\.0 requested/)
  })

  it('answers 406 for an API outside its version window, without the version headers (pecan raises it)', async () => {
    const c = await h.container({name: 'web'}, {run: true})
    const sg = await h.call('POST', `/v1/containers/${c.uuid}/add_security_group?name=default`)
    expect(sg.status).toBe(406)
    for (const name of ['openstack-api-version', 'openstack-api-minimum-version', 'openstack-api-maximum-version', 'vary']) {
      expect(sg.headers.get(name), name).toBeNull()
    }
    expect(sg.headers.get('x-openstack-request-id')).toMatch(/^req-/)
    expect(firstError(sg)).toMatchObject({
      code: 'container.',
      title: 'Not Acceptable',
      detail: 'Version 1.40 was requested but the requested API is not supported for this version.',
    })
    expect((await h.call('GET', '/v1/hosts', {token: 'admin', version: '1.3'})).status).toBe(406)
    expect((await h.call('GET', '/v1/hosts', {token: 'admin', version: '1.4'})).status).toBe(200)
    expect((await h.call('GET', `/v1/containers/${c.uuid}/network_list`, {version: '1.12'})).status).toBe(406)
    expect((await h.call('POST', `/v1/containers/${c.uuid}/rename?name=web2`, {version: '1.14'})).status).toBe(406)
    const renamed = await h.call('POST', `/v1/containers/${c.uuid}/rename?name=web2`, {version: '1.13'})
    expect(renamed.status).toBe(200)
    expect(renamed.json.name).toBe('web2')
  })
})

describe('authentication and routing (§7, §10)', () => {
  it('answers a missing or bad token with keystonemiddleware 401, outside the errors[] format', async () => {
    for (const token of [null, 'nope'] as const) {
      const r = await h.call('GET', '/v1/containers', {token: token as null})
      expect(r.status).toBe(401)
      expect(r.json).toEqual({
        error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'},
      })
      expect(r.headers.get('www-authenticate')).toBe('Keystone uri="http://127.0.0.1:5000"')
      expect(r.headers.get('openstack-api-version')).toBeNull()
      expect(r.headers.get('x-openstack-request-id')).toMatch(/^req-/)
    }
  })

  it('answers 503 when the token cannot be validated (Keystone unreachable)', async () => {
    await h.close()
    h = await startHarness({
      auth: {
        validate: async () => {
          throw new Error('connect ECONNREFUSED')
        },
      },
      onError: () => undefined,
    })
    const r = await h.call('GET', '/v1/containers')
    expect(r.status).toBe(503)
    expect(r.json.error.code).toBe(503)
  })

  it('gives pecan 404/405 bodies in the errors[] format', async () => {
    const nf = await h.call('GET', '/v1/nothing-here')
    expect(nf.status).toBe(404)
    expect(firstError(nf)).toMatchObject({code: 'container.', status: 404, title: 'Not Found'})
    const na = await h.call('GET', '/v1/networks')
    expect(na.status).toBe(405)
    expect(firstError(na)).toMatchObject({code: 'container.', status: 405, title: 'Method Not Allowed'})
    expect((await h.call('GET', '/v2/containers')).status).toBe(404)
  })

  it("tolerates tempest's double slashes and trailing slashes", async () => {
    const c = await h.container({name: 'web'})
    expect((await h.call('GET', '/v1/containers/')).json.containers).toHaveLength(1)
    expect((await h.call('GET', `/v1/containers//${c.uuid}`)).json.uuid).toBe(c.uuid)
    expect((await h.call('GET', `/v1/containers/${c.uuid}/`)).status).toBe(200)
  })

  it('puts a request id on every response, and a fresh one each time', async () => {
    const a = await h.call('GET', '/v1/containers')
    const b = await h.call('GET', '/v1/containers/missing')
    expect(a.headers.get('x-openstack-request-id')).toMatch(/^req-/)
    expect(b.headers.get('x-openstack-request-id')).toMatch(/^req-/)
    expect(a.headers.get('x-openstack-request-id')).not.toBe(b.headers.get('x-openstack-request-id'))
    expect(b.headers.get('openstack-api-version')).toBe('container 1.40')
  })
})

describe('startZunServer', () => {
  it('rejects a busy port with an error naming host:port', async () => {
    const port = Number(new URL(h.server.url).port)
    await expect(startHarness({port})).rejects.toThrow(`127.0.0.1:${port}`)
  })

  it('gives the catalog-style endpoint ending in /v1', () => {
    expect(h.server.endpoint).toBe(`${h.server.url}/v1`)
    expect(h.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })
})
