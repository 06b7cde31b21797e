import {afterEach, describe, expect, it} from 'vitest'

import {createRegistry, deleteRegistry, getRegistry, listRegistries, registryUpdateBody, updateRegistry} from '../../../../src/clients/zun/index.js'
import {ZUN_ADMIN_HINT} from '../../../../src/clients/zun/common.js'
import {ApiError, UsageError} from '../../../../src/core/errors.js'
import {fakeServerPool} from '../../../fakes/server.js'
import {JSON_CT, RAW_CT, RID, TOKEN, zunError, zunTestClient} from './admin-helpers.js'

const REG = {uuid: 'r1', links: [], name: 'reg', domain: 'd', username: 'u', password: '***', user_id: 'u1', project_id: 'p1'}

describe('zun registries: requests as in osc-http-trace.txt', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('registry create: POST /v1/registries {"registry": {name, domain, username, password}} → 201 {"registry"}', async () => {
    const s = await fakes.start('zun')
    s.on({
      method: 'POST',
      path: '/v1/registries',
      token: TOKEN,
      headers: JSON_CT,
      json: {registry: {name: 'reg', domain: 'docker.io', username: 'u', password: 'pw'}},
      reply: {status: 201, json: {registry: REG}},
    })
    const {c} = zunTestClient(s)
    expect(await createRegistry(c, {name: 'reg', domain: 'docker.io', username: 'u', password: 'pw'})).toEqual(REG)
    expect(s.calls('POST', '/v1/registries')[0].text).toBe('{"registry":{"name":"reg","domain":"docker.io","username":"u","password":"pw"}}')
  })

  it('registry create with --domain only sends the domain', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'POST', path: '/v1/registries', token: TOKEN, json: {registry: {domain: 'quay.io'}}, reply: {status: 201, json: {registry: {...REG, domain: 'quay.io'}}}})
    const {c} = zunTestClient(s)
    expect((await createRegistry(c, {domain: 'quay.io'})).domain).toBe('quay.io')
  })

  it('registry list: GET /v1/registries; filters after the paging keys, as zunclient orders them (domain before name)', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/registries', token: TOKEN, headers: JSON_CT, reply: {json: {registries: [REG], next: null}}})
    s.on({method: 'GET', path: '/v1/registries', query: {domain: 'd', name: 'reg'}, token: TOKEN, reply: {json: {registries: [REG], next: null}}})
    s.on({
      method: 'GET',
      path: '/v1/registries',
      query: {all_projects: '1', marker: 'r0', sort_key: 'name', sort_dir: 'asc', project_id: 'p1', user_id: 'u1', username: 'u'},
      token: TOKEN,
      reply: {json: {registries: [], next: null}},
    })
    const {c, sent} = zunTestClient(s)
    expect(await listRegistries(c)).toEqual([REG])
    expect(await listRegistries(c, {name: 'reg', domain: 'd'})).toEqual([REG])
    expect(await listRegistries(c, {allProjects: true, marker: 'r0', sortKey: 'name', sortDir: 'asc', projectId: 'p1', userId: 'u1', username: 'u'})).toEqual([])
    expect(sent).toEqual([
      'GET /v1/registries',
      'GET /v1/registries?domain=d&name=reg',
      'GET /v1/registries?all_projects=1&marker=r0&sort_key=name&sort_dir=asc&project_id=p1&user_id=u1&username=u',
    ])
  })

  it('registry list --limit keeps the filters, on the first page and on the pages the next link leads to (zunclient drops them)', async () => {
    const s = await fakes.start('zun')
    const r2 = {...REG, uuid: 'r2'}
    s.on({
      method: 'GET',
      path: '/v1/registries',
      query: {all_projects: '1', limit: '2', name: 'reg'},
      token: TOKEN,
      // the server's link keeps only its paging keys
      reply: {json: {registries: [REG], next: 'http://127.0.0.1:9517/v1/registries?sort_key=id&sort_dir=asc&limit=2&marker=r1'}},
    })
    s.on({
      method: 'GET',
      path: '/v1/registries',
      query: {sort_key: 'id', sort_dir: 'asc', limit: '2', marker: 'r1', all_projects: '1', name: 'reg'},
      token: TOKEN,
      reply: {json: {registries: [r2], next: null}},
    })
    const {c, sent} = zunTestClient(s)
    expect(await listRegistries(c, {allProjects: true, limit: 2, name: 'reg'})).toEqual([REG, r2])
    expect(sent).toEqual([
      'GET /v1/registries?all_projects=1&limit=2&name=reg',
      'GET /v1/registries?sort_key=id&sort_dir=asc&limit=2&marker=r1&all_projects=1&name=reg',
    ])
  })

  it('a next link that repeats or an empty page ends the walk', async () => {
    const s = await fakes.start('zun')
    const loop = 'http://127.0.0.1:9517/v1/registries?limit=5&marker=r1'
    s.on({method: 'GET', path: '/v1/registries', query: {limit: '5'}, token: TOKEN, reply: {json: {registries: [REG], next: loop}}})
    s.on({method: 'GET', path: '/v1/registries', query: {limit: '5', marker: 'r1'}, token: TOKEN, reply: {json: {registries: [{...REG, uuid: 'r2'}], next: loop}}})
    const {c} = zunTestClient(s)
    expect((await listRegistries(c, {limit: 5})).map((r) => r.uuid)).toEqual(['r1', 'r2'])
  })

  it('registry show / update / delete: /v1/registries/{id or name}; update is a PATCH of the given keys', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/registries/reg', token: TOKEN, headers: JSON_CT, reply: {json: {registry: REG}}})
    s.on({method: 'PATCH', path: '/v1/registries/reg', token: TOKEN, headers: JSON_CT, json: {registry: {password: 'pw2'}}, reply: {json: {registry: REG}}})
    s.on({method: 'DELETE', path: '/v1/registries/reg', token: TOKEN, headers: RAW_CT, reply: {status: 204}})
    const {c} = zunTestClient(s)
    expect(await getRegistry(c, 'reg')).toEqual(REG)
    expect(await updateRegistry(c, 'reg', {password: 'pw2'})).toEqual(REG)
    await expect(deleteRegistry(c, 'reg')).resolves.toBeUndefined()
  })

  it('registry update with nothing to change: "You must update at least one property", nothing sent', async () => {
    const s = await fakes.start('zun')
    const {c} = zunTestClient(s)
    const err = (await updateRegistry(c, 'reg', {}).catch((e: unknown) => e)) as UsageError
    expect(err).toBeInstanceOf(UsageError)
    expect(err.message).toBe('You must update at least one property')
    expect(err.exitCode).toBe(2)
    expect(s.received).toEqual([])
    expect(Object.keys(registryUpdateBody({name: 'n', domain: 'd', password: 'p', username: 'u'}).registry)).toEqual(['username', 'password', 'domain', 'name'])
  })

  it('an unknown registry is a 404 (no admin hint); --all-projects by a non-admin gets the hint', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/registries/nope', token: TOKEN, reply: zunError(404, 'registry-not-found', 'Registry nope could not be found.')})
    s.on({method: 'GET', path: '/v1/registries', query: {all_projects: '1'}, token: TOKEN, reply: zunError(403, 'policy-not-authorized', "Policy doesn't allow registry:get_all_all_projects to be performed.")})
    const {c} = zunTestClient(s)
    const nf = (await getRegistry(c, 'nope').catch((e: unknown) => e)) as ApiError
    expect(nf.message).toBe(`Zun 404: Registry nope could not be found. (request ${RID})`)
    expect(nf.actions).toEqual([])
    const forbidden = (await listRegistries(c, {allProjects: true}).catch((e: unknown) => e)) as ApiError
    expect(forbidden.actions).toEqual([ZUN_ADMIN_HINT])
  })
})
