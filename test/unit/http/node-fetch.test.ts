import type {AddressInfo} from 'node:net'

import http from 'node:http'
import {gzipSync} from 'node:zlib'

import {afterEach, describe, expect, it} from 'vitest'

import {nodeFetch, ResponseHeaders} from '../../../src/http/node-fetch.js'
import {Transport} from '../../../src/http/transport.js'
import {fakeServerPool} from '../../fakes/server.js'

const fakes = fakeServerPool()
const raw: http.Server[] = []
afterEach(async () => {
  await fakes.verifyAndClose()
  for (const s of raw.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

/** A loopback server for what FakeServer cannot send (a gzip body, a body that stops); handlers check what they get. */
async function rawServer(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<string> {
  const s = http.createServer(handle)
  raw.push(s)
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`
}

const get = (headers: Record<string, string> = {}) => ({method: 'GET', headers})

describe('nodeFetch (fetch over node:http)', () => {
  it('follows a redirect to the same origin, keeping the method and headers', async () => {
    const s = await fakes.start('glance')
    s.on({method: 'GET', path: '/v2/images', token: 'tok', reply: {status: 302, headers: {location: '/v2/images/'}}})
    s.on({method: 'GET', path: '/v2/images/', token: 'tok', reply: {json: {images: []}}})
    const res = await nodeFetch()(`${s.url}/v2/images`, get({'X-Auth-Token': 'tok'}))
    expect(res.status).toBe(200)
    expect(JSON.parse(await res.text())).toEqual({images: []})
  })

  it('turns a 303 after a POST into a GET without the body, and drops Authorization for another origin', async () => {
    const a = await fakes.start('a')
    const b = await fakes.start('b')
    b.on({method: 'GET', path: '/done', token: 'tok', reply: {json: {ok: true}}})
    a.on({method: 'POST', path: '/start', token: 'tok', json: {go: 1}, reply: {status: 303, headers: {location: `${b.url}/done`}}})
    const res = await nodeFetch()(`${a.url}/start`, {
      method: 'POST',
      headers: {'X-Auth-Token': 'tok', Authorization: 'Basic c2VjcmV0', 'Content-Type': 'application/json'},
      body: JSON.stringify({go: 1}),
    })
    expect(res.status).toBe(200)
    const [done] = b.calls('GET', '/done')
    expect(done.headers.authorization).toBeUndefined()
    expect(done.headers['content-type']).toBeUndefined()
    expect(done.text).toBe('')
  })

  it('gives up after 20 redirects, as fetch does', async () => {
    const s = await fakes.start('loop')
    s.on({method: 'GET', path: '/again', token: null, times: 21, reply: () => ({status: 307, headers: {location: '/again'}})})
    const error = await nodeFetch()(`${s.url}/again`, get()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toBe('fetch failed')
    expect(((error as Error).cause as Error).message).toBe('redirect count exceeded')
  })

  it('sends Content-Length 0 for a POST without a body, as fetch does', async () => {
    const s = await fakes.start('octavia')
    s.on({method: 'POST', path: '/v2/lbaas/loadbalancers/lb1/failover', token: 'tok', headers: {'content-length': '0'}, reply: {status: 202, text: ''}})
    const res = await nodeFetch()(`${s.url}/v2/lbaas/loadbalancers/lb1/failover`, {method: 'POST', headers: {'X-Auth-Token': 'tok'}})
    expect(res.status).toBe(202)
    expect(await res.text()).toBe('')
  })

  it('asks for gzip and decodes a gzip answer, read whole or as a stream', async () => {
    const body = JSON.stringify({networks: Array.from({length: 200}, (_, i) => ({id: `net-${i}`}))})
    const url = await rawServer((req, res) => {
      if (req.headers['accept-encoding'] !== 'gzip, deflate') return res.writeHead(400).end(`accept-encoding: ${req.headers['accept-encoding']}`)
      res.writeHead(200, {'content-type': 'application/json', 'content-encoding': 'gzip'}).end(gzipSync(body))
    })
    const fetch = nodeFetch()
    expect(await (await fetch(`${url}/v2.0/networks`, get())).text()).toBe(body)
    const chunks: Uint8Array[] = []
    for await (const c of (await fetch(`${url}/v2.0/networks`, get())).body!) chunks.push(c)
    expect(Buffer.concat(chunks).toString('utf8')).toBe(body)
  })

  it('fails as fetch does when nothing listens: TypeError "fetch failed", the socket error as its cause', async () => {
    const url = await rawServer(() => undefined)
    raw[0].close()
    await new Promise((r) => setImmediate(r))
    const error = await nodeFetch()(`${url}/`, get()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED')
  })

  it('stops reading an answer when the signal aborts, with its reason', async () => {
    const url = await rawServer((req, res) => {
      res.writeHead(200, {'content-type': 'application/octet-stream'})
      res.write('first half')
    })
    const abort = new AbortController()
    const res = await nodeFetch()(`${url}/v2/images/i1/file`, {...get(), signal: abort.signal})
    const reader = res.body!.getReader()
    expect(Buffer.from((await reader.read()).value!).toString()).toBe('first half')
    const reason = new Error('interrupted')
    abort.abort(reason)
    await expect(reader.read()).rejects.toBe(reason)
  })
})

describe('ResponseHeaders', () => {
  it('reads as fetch’s Headers: any case, in name order, repeated values joined', () => {
    const h = new ResponseHeaders({'x-openstack-request-id': 'req-1', 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2']})
    expect(h.get('X-OpenStack-Request-ID')).toBe('req-1')
    expect(h.get('retry-after')).toBeNull()
    expect(h.has('Content-Type')).toBe(true)
    const seen: string[] = []
    h.forEach((v, k) => seen.push(`${k}=${v}`))
    expect(seen).toEqual(['content-type=application/json', 'set-cookie=a=1, b=2', 'x-openstack-request-id=req-1'])
  })
})

describe('Transport over nodeFetch', () => {
  it('a download is handed over as a stream, read as the caller reads', async () => {
    const url = await rawServer((req, res) => {
      if (req.headers['x-auth-token'] !== 'tok') return res.writeHead(401).end()
      res.writeHead(200, {'content-type': 'application/octet-stream', 'content-length': '6'}).end('abcdef')
    })
    const t = new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl/test'})
    const res = await t.request({method: 'GET', url: `${url}/v2/images/i1/file`, service: 'Glance', headers: {'X-Auth-Token': 'tok'}, stream: true})
    expect(res.headers.get('content-length')).toBe('6')
    expect(await new Response(res.stream).text()).toBe('abcdef')
  })
})
