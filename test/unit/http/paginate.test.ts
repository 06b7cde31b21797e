import {afterEach, describe, expect, it} from 'vitest'

import {listAll, paging} from '../../../src/http/paginate.js'
import {ServiceClient} from '../../../src/http/service-client.js'
import {Transport} from '../../../src/http/transport.js'
import {type FakeServer, fakeServerPool} from '../../fakes/server.js'

const TOKEN = 'tok-pages'
const fakes = fakeServerPool()
afterEach(() => fakes.verifyAndClose())

function client(fake: FakeServer, basePath: string): ServiceClient {
  const transport = new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl-test'})
  return new ServiceClient(transport, 'Test', 'test', 'RegionOne', `${fake.url}${basePath}`, {token: async () => TOKEN, refresh: async () => TOKEN})
}

describe('paging.links (Neutron, Octavia)', () => {
  it('follows every complete next href, and a link seen before ends the walk', async () => {
    const s = await fakes.start('neutron')
    const next = (marker: string) => [{rel: 'next', href: `${s.url}/v2.0/networks?limit=1&marker=${marker}`}]
    s.on({method: 'GET', path: '/v2.0/networks', query: {name: 'n'}, token: TOKEN, reply: {json: {networks: [{id: 'a'}], networks_links: next('a')}}})
    s.on({
      method: 'GET',
      path: '/v2.0/networks',
      query: {limit: '1', marker: 'a'},
      token: TOKEN,
      reply: {json: {networks: [{id: 'b'}], networks_links: [{rel: 'previous', href: 'x'}, ...next('a')]}},
    })
    const got = await listAll<{id: string}>(client(s, '/v2.0'), paging.links, '/networks', {key: 'networks', query: {name: 'n'}})
    expect(got.map((n) => n.id)).toEqual(['a', 'b'])
  })
})

describe('paging.glanceNext (Glance)', () => {
  it('reads next relative to the endpoint root, without the version', async () => {
    const s = await fakes.start('glance')
    s.on({method: 'GET', path: '/image/v2/images', query: {owner: 'p'}, token: TOKEN, reply: {json: {images: [{id: 'a'}], next: '/v2/images?marker=a&owner=p'}}})
    s.on({method: 'GET', path: '/image/v2/images', query: {marker: 'a', owner: 'p'}, token: TOKEN, reply: {json: {images: [{id: 'b'}]}}})
    const got = await listAll<{id: string}>(client(s, '/image/v2'), paging.glanceNext, '/images', {key: 'images', query: {owner: 'p'}})
    expect(got.map((i) => i.id)).toEqual(['a', 'b'])
  })
})

describe('paging.zunNext (Zun)', () => {
  it('follows next as the server gives it, sends the filters it dropped again, and stops at the limit', async () => {
    const s = await fakes.start('zun')
    const headers = {'content-type': 'application/json'}
    s.on({
      method: 'GET',
      path: '/v1/images/',
      query: {limit: '3', name: 'web'},
      token: TOKEN,
      headers,
      reply: {json: {images: [{id: 'a'}, {id: 'b'}], next: 'http://elsewhere:9517/v1/images/?limit=3&marker=b'}},
    })
    s.on({
      method: 'GET',
      path: '/v1/images/',
      query: {limit: '3', marker: 'b', name: 'web'},
      token: TOKEN,
      headers,
      reply: {json: {images: [{id: 'c'}, {id: 'd'}], next: 'http://elsewhere:9517/v1/images/?limit=3&marker=d'}},
    })
    const got = await listAll<{id: string}>(client(s, '/v1'), paging.zunNext, '/images/', {
      key: 'images',
      query: {limit: 3, name: 'web'},
      limit: 3,
      headers: {'Content-Type': 'application/json'},
    })
    expect(got.map((i) => i.id)).toEqual(['a', 'b', 'c'])
  })

  it('an empty page ends the walk, whatever its link says', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/hosts', token: TOKEN, reply: {json: {hosts: [{id: 'a'}], next: `${s.url}/v1/hosts?marker=a`}}})
    s.on({method: 'GET', path: '/v1/hosts', query: {marker: 'a'}, token: TOKEN, reply: {json: {hosts: [], next: `${s.url}/v1/hosts?marker=z`}}})
    const got = await listAll<{id: string}>(client(s, '/v1'), paging.zunNext, '/hosts', {key: 'hosts'})
    expect(got.map((i) => i.id)).toEqual(['a'])
  })
})

describe('paging.marker (Tricircle)', () => {
  it("reads the link's marker and limit, sends the filters again in sorted order, and skips ids seen before", async () => {
    const s = await fakes.start('tricircle')
    const links = (marker: string) => [{rel: 'next', href: `/v1.0/jobs?limit=2&marker=${marker}`}]
    s.on({method: 'GET', path: '/v1.0/jobs', query: {status: 'NEW', type: 'router'}, token: TOKEN, reply: {json: {jobs: [{id: 'j1'}, {id: 'j2'}], jobs_links: links('j2')}}})
    s.on({
      method: 'GET',
      path: '/v1.0/jobs',
      query: {limit: '2', marker: 'j2', status: 'NEW', type: 'router'},
      token: TOKEN,
      reply: {json: {jobs: [{id: 'j2'}, {id: 'j3'}], jobs_links: links('j3')}},
    })
    // Nothing new on this page (a timestamp tie): the walk ends here.
    s.on({method: 'GET', path: '/v1.0/jobs', query: {limit: '2', marker: 'j3', status: 'NEW', type: 'router'}, token: TOKEN, reply: {json: {jobs: [{id: 'j3'}], jobs_links: links('j4')}}})
    const c = client(s, '/v1.0')
    const got = await listAll<{id: string}>(c, paging.marker, '/jobs', {key: 'jobs', query: {type: 'router', status: 'NEW'}})
    expect(got.map((j) => j.id)).toEqual(['j1', 'j2', 'j3'])
    expect(s.received.map((r) => r.path)).toHaveLength(3)
  })

  it('onePage: one request, as python-tricircleclient does with --limit', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'GET', path: '/v1.0/pods', query: {limit: '1'}, token: TOKEN, reply: {json: {pods: [{id: 'p1'}], pods_links: [{rel: 'next', href: '/v1.0/pods?limit=1&marker=p1'}]}}})
    const got = await listAll<{id: string}>(client(s, '/v1.0'), paging.marker, '/pods', {key: 'pods', query: {limit: 1, marker: undefined}, onePage: true})
    expect(got.map((p) => p.id)).toEqual(['p1'])
  })
})
