import {afterEach, describe, expect, it} from 'vitest'

import {deleteImage, getHost, getImage, listHosts, listImages, pullImage, searchImages} from '../../../../src/clients/zun/index.js'
import {ZUN_ADMIN_HINT} from '../../../../src/clients/zun/common.js'
import {ApiError, UsageError} from '../../../../src/core/errors.js'
import {fakeServerPool} from '../../../fakes/server.js'
import {JSON_CT, RAW_CT, RID, TOKEN, zunError, zunTestClient} from './admin-helpers.js'

const IMAGE = {
  uuid: '0d5e6b8a-5c3e-4a59-9d33-2f1d8c7b9e10',
  image_id: 'sha',
  repo: 'cirros',
  tag: 'latest',
  size: '1',
  project_id: 'p1',
  image_pull_policy: null,
  host: 'node1',
}
const HOST = {uuid: 'h1', links: [], hostname: 'node1', mem_total: 1, cpus: 2, disk_total: 3}

describe('zun images: requests as in osc-http-trace.txt', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('image list: GET /v1/images/ (trailing slash), one call without --limit', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/images/', token: TOKEN, headers: JSON_CT, reply: {json: {images: [IMAGE], next: null}}})
    const {c, sent} = zunTestClient(s)
    expect(await listImages(c)).toEqual([IMAGE])
    expect(sent).toEqual(['GET /v1/images/'])
  })

  it('image list --limit 2 --sort-key repo: ?limit=2&sort_key=repo, in common_filters order', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/images/', query: {limit: '2', sort_key: 'repo'}, token: TOKEN, headers: JSON_CT, reply: {json: {images: [IMAGE], next: null}}})
    const {c, sent} = zunTestClient(s)
    expect(await listImages(c, {limit: 2, sortKey: 'repo'})).toEqual([IMAGE])
    expect(sent).toEqual(['GET /v1/images/?limit=2&sort_key=repo'])
  })

  it('image list: limit, marker, sort_key, sort_dir order; the next link is followed (scheme and host dropped) until the limit', async () => {
    const s = await fakes.start('zun')
    const two = {...IMAGE, uuid: 'i2'}
    const three = {...IMAGE, uuid: 'i3'}
    s.on({
      method: 'GET',
      path: '/v1/images/',
      query: {limit: '3', marker: 'i0', sort_key: 'repo', sort_dir: 'desc'},
      token: TOKEN,
      reply: {json: {images: [IMAGE, two], next: 'http://zun.example:9517/v1/images/?limit=3&sort_key=repo&sort_dir=desc&marker=i2'}},
    })
    s.on({
      method: 'GET',
      path: '/v1/images/',
      query: {limit: '3', sort_key: 'repo', sort_dir: 'desc', marker: 'i2'},
      token: TOKEN,
      headers: JSON_CT,
      reply: {json: {images: [three, {...IMAGE, uuid: 'i4'}], next: null}},
    })
    const {c, sent} = zunTestClient(s)
    const got = await listImages(c, {limit: 3, marker: 'i0', sortKey: 'repo', sortDir: 'desc'})
    expect(got.map((i) => i.uuid)).toEqual([IMAGE.uuid, 'i2', 'i3'])
    expect(sent).toEqual([
      'GET /v1/images/?limit=3&marker=i0&sort_key=repo&sort_dir=desc',
      'GET /v1/images/?limit=3&sort_key=repo&sort_dir=desc&marker=i2',
    ])
  })

  it('a limit below 1 is refused before anything is sent', async () => {
    const s = await fakes.start('zun')
    const {c} = zunTestClient(s)
    await expect(listImages(c, {limit: 0})).rejects.toThrow(UsageError)
    expect(s.received).toEqual([])
  })

  it('image pull: POST /v1/images/ {"repo", "host"} with Content-Type application/json → the 202 image', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'POST', path: '/v1/images/', token: TOKEN, headers: JSON_CT, json: {repo: 'cirros', host: 'node1'}, reply: {status: 202, json: IMAGE}})
    const {c, sent} = zunTestClient(s)
    expect(await pullImage(c, {repo: 'cirros', host: 'node1'})).toEqual(IMAGE)
    expect(sent).toEqual(['POST /v1/images/'])
    expect(s.calls('POST', '/v1/images/')[0].text).toBe('{"repo":"cirros","host":"node1"}')
  })

  it('image search: ?exact_match=False by default; image_driver first when given; the bare array is returned', async () => {
    const s = await fakes.start('zun')
    const hit = {name: 'cirros', description: 'd', is_automated: false, metadata: {is_official: false, star_count: 44}}
    s.on({method: 'GET', path: '/v1/images/cirros/search', query: {exact_match: 'False'}, token: TOKEN, headers: JSON_CT, reply: {json: [hit]}})
    s.on({method: 'GET', path: '/v1/images/cirros/search', query: {image_driver: 'docker', exact_match: 'True'}, token: TOKEN, reply: {json: []}})
    const {c, sent} = zunTestClient(s)
    expect(await searchImages(c, 'cirros')).toEqual([hit])
    expect(await searchImages(c, 'cirros', {imageDriver: 'docker', exactMatch: true})).toEqual([])
    expect(sent).toEqual(['GET /v1/images/cirros/search?exact_match=False', 'GET /v1/images/cirros/search?image_driver=docker&exact_match=True'])
  })

  it('image show and delete: GET / DELETE /v1/images/{uuid}; DELETE is a raw request (application/octet-stream, no body)', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: `/v1/images/${IMAGE.uuid}`, token: TOKEN, headers: JSON_CT, reply: {json: IMAGE}})
    s.on({method: 'DELETE', path: `/v1/images/${IMAGE.uuid}`, token: TOKEN, headers: RAW_CT, reply: {json: null}})
    const {c} = zunTestClient(s)
    expect(await getImage(c, IMAGE.uuid)).toEqual(IMAGE)
    await expect(deleteImage(c, IMAGE.uuid)).resolves.toBeUndefined()
  })

  it('an unknown image is the server’s 404, read from errors[0].detail with the request id', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'DELETE', path: '/v1/images/nope', token: TOKEN, reply: zunError(404, 'image-not-found', 'Image nope could not be found.')})
    const {c} = zunTestClient(s)
    const err = (await deleteImage(c, 'nope').catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe(`Zun 404: Image nope could not be found. (request ${RID})`)
    expect(err.actions).toEqual([])
  })

  it('a policy 403 on an admin-only API carries the admin hint', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/images/', token: TOKEN, reply: zunError(403, 'policy-not-authorized', "Policy doesn't allow image:get_all to be performed.")})
    const {c} = zunTestClient(s)
    const err = (await listImages(c).catch((e: unknown) => e)) as ApiError
    expect(err.message).toBe(`Zun 403: Policy doesn't allow image:get_all to be performed. (request ${RID})`)
    expect(err.actions).toEqual([ZUN_ADMIN_HINT])
  })

  it('identifiers are path-encoded, and an empty one is refused before anything is sent', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/images/a%2Fb', token: TOKEN, reply: {json: IMAGE}})
    const {c, sent} = zunTestClient(s)
    await getImage(c, 'a/b')
    expect(sent).toEqual(['GET /v1/images/a%2Fb'])
    await expect(getImage(c, '')).rejects.toThrow('The image UUID must not be empty.')
    await expect(deleteImage(c, ' ')).rejects.toThrow(UsageError)
    await expect(searchImages(c, '')).rejects.toThrow('The image name must not be empty.')
    expect(s.received).toHaveLength(1)
  })
})

describe('zun hosts: requests as in osc-http-trace.txt', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('host list: GET /v1/hosts/; host show: GET /v1/hosts/{name or uuid}', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/hosts/', token: TOKEN, headers: JSON_CT, reply: {json: {hosts: [HOST], next: null}}})
    s.on({method: 'GET', path: '/v1/hosts/node1', token: TOKEN, headers: JSON_CT, reply: {json: HOST}})
    const {c, sent} = zunTestClient(s)
    expect(await listHosts(c)).toEqual([HOST])
    expect(await getHost(c, 'node1')).toEqual(HOST)
    expect(sent).toEqual(['GET /v1/hosts/', 'GET /v1/hosts/node1'])
  })

  it('host list paging options go in common_filters order', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/hosts/', query: {limit: '1', marker: 'h0', sort_key: 'hostname', sort_dir: 'asc'}, token: TOKEN, reply: {json: {hosts: [HOST], next: null}}})
    const {c, sent} = zunTestClient(s)
    expect(await listHosts(c, {limit: 1, marker: 'h0', sortKey: 'hostname', sortDir: 'asc'})).toEqual([HOST])
    expect(sent).toEqual(['GET /v1/hosts/?limit=1&marker=h0&sort_key=hostname&sort_dir=asc'])
  })

  it('an unknown host is a 404; a pinned old microversion is sent as pinned', async () => {
    const s = await fakes.start('zun')
    s.on({
      method: 'GET',
      path: '/v1/hosts/node9',
      token: TOKEN,
      headers: {'openstack-api-version': 'container 1.3'},
      reply: zunError(404, 'compute-host-not-found', 'Compute host node9 could not be found.'),
    })
    const {c} = zunTestClient(s, 'container 1.3')
    await expect(getHost(c, 'node9')).rejects.toThrow(`Zun 404: Compute host node9 could not be found. (request ${RID})`)
  })
})
