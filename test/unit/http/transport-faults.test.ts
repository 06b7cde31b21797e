// The transport against servers that misbehave in the ways real ones do: a private CA, a body
// that stalls or is cut, a 503 that asks to come back in an hour, a DELETE whose first answer
// was lost. Each test names the defect of issue 8 it pins.
import http from 'node:http'
import {type AddressInfo} from 'node:net'

import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ApiError, ConnectionError} from '../../../src/core/errors.js'
import {Transport, type TransportOptions} from '../../../src/http/transport.js'
import {fakeServerPool} from '../../fakes/server.js'
import {makeTestPki, type TestPki} from '../../fakes/tls.js'
import {mrctlRejection as rejection} from '../../fakes/rejection.js'

const fakes = fakeServerPool()
afterEach(() => fakes.verifyAndClose())

let pki: TestPki
let pkiDir: string
beforeAll(() => {
  pkiDir = mkdtempSync(join(tmpdir(), 'mrctl-pki-'))
  pki = makeTestPki(pkiDir)
})
afterAll(() => rmSync(pkiDir, {recursive: true, force: true}))

function transport(over: Partial<TransportOptions> = {}): Transport {
  return new Transport({requestTimeoutMs: 5000, retries: 2, insecure: false, userAgent: 'mrctl/9.9.9-test', ...over})
}


const NETWORKS = {networks: [{id: 'n1', name: 'net1'}]}

describe('TLS (issue 8: --insecure and --os-cacert broke every request)', () => {
  async function tlsNeutron() {
    const s = await fakes.start('neutron-tls', {tls: {key: pki.key, cert: pki.cert}})
    return s
  }

  it('refuses a certificate from an unknown CA by default, naming the problem and both ways out', async () => {
    const s = await tlsNeutron()
    const err = await rejection(transport({retries: 0}).request({method: 'GET', url: `${s.url}/v2.0/networks`, service: 'Neutron'}))
    expect(err).toBeInstanceOf(ConnectionError)
    expect(err.message).toMatch(new RegExp(`^Neutron: the TLS certificate of ${s.url.replace(/\./g, '\\.')} cannot be verified \\(.*(certificate|SELF_SIGNED|UNABLE_TO).*\\)$`, 'i'))
    const hints = err.actions.join('\n')
    expect(hints).toContain('--os-cacert')
    expect(hints).toContain('--insecure')
  })

  it('accepts it with the CA file (--os-cacert, OS_CACERT or cacert: in clouds.yaml)', async () => {
    const s = await tlsNeutron()
    s.on({method: 'GET', path: '/v2.0/networks', token: 'tok', reply: {json: NETWORKS}})
    const res = await transport({cacert: pki.caFile}).request({method: 'GET', url: `${s.url}/v2.0/networks`, service: 'Neutron', headers: {'X-Auth-Token': 'tok'}})
    expect(res.data).toEqual(NETWORKS)
  })

  it('sends a JSON body through the CA-verified path too', async () => {
    const s = await tlsNeutron()
    s.on({method: 'POST', path: '/v2.0/networks', token: 'tok', json: {network: {name: 'x'}}, reply: {status: 201, json: {network: {id: 'n2'}}}})
    const res = await transport({cacert: pki.caFile}).request({
      method: 'POST',
      url: `${s.url}/v2.0/networks`,
      service: 'Neutron',
      headers: {'X-Auth-Token': 'tok'},
      json: {network: {name: 'x'}},
    })
    expect(res).toMatchObject({status: 201, data: {network: {id: 'n2'}}})
  })

  it('refuses it with a CA that did not sign it', async () => {
    const s = await tlsNeutron()
    const err = await rejection(transport({cacert: pki.otherCaFile, retries: 0}).request({method: 'GET', url: `${s.url}/v2.0/networks`, service: 'Neutron'}))
    expect(err).toBeInstanceOf(ConnectionError)
    expect(err.message).toContain('cannot be verified')
  })

  it('accepts it with --insecure (verify: false)', async () => {
    const s = await tlsNeutron()
    s.on({method: 'GET', path: '/v2.0/networks', token: null, reply: {json: NETWORKS}})
    const res = await transport({insecure: true}).request({method: 'GET', url: `${s.url}/v2.0/networks`, service: 'Neutron'})
    expect(res.data).toEqual(NETWORKS)
  })

  it('--insecure against a plain http endpoint still works', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'GET', path: '/v2.0/networks', token: null, query: {name: 'a b'}, reply: {json: NETWORKS}})
    const res = await transport({insecure: true}).request({method: 'GET', url: `${s.url}/v2.0/networks?name=a+b`, service: 'Neutron'})
    expect(res.data).toEqual(NETWORKS)
  })

  it('an unreadable CA file is an error naming the file', async () => {
    const s = await fakes.start('neutron')
    const err = await rejection(transport({cacert: join(pkiDir, 'nope.pem')}).request({method: 'GET', url: `${s.url}/v2.0/networks`, service: 'Neutron'}))
    expect(err.message).toContain(`cannot read the CA file ${join(pkiDir, 'nope.pem')}`)
  })
})

describe('every wait is bounded (issue 8: a stalled body hung forever)', () => {
  it('a body that stalls after the headers fails within the timeout', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'GET', path: '/v2.0/networks', token: null, reply: {json: NETWORKS, fault: 'stall'}})
    const started = performance.now()
    const err = await rejection(transport({requestTimeoutMs: 300}).request({method: 'GET', url: `${s.url}/v2.0/networks`, service: 'Neutron'}))
    expect(performance.now() - started).toBeLessThan(3000)
    expect(err).toBeInstanceOf(ConnectionError)
    expect(err.message).toBe(`Neutron: ${s.url} did not finish its answer within 0.3 s`)
    expect(err.actions.join(' ')).toContain('--http-timeout')
    // a timeout is not retried: the budget is spent
    expect(s.calls('GET', '/v2.0/networks')).toHaveLength(1)
  })

  it('no answer at all within the timeout names --http-timeout (not --timeout)', async () => {
    const s = await fakes.start('octavia')
    s.on({method: 'GET', path: '/v2/lbaas/loadbalancers', token: null, reply: {hang: true, json: {}}})
    const err = await rejection(transport({requestTimeoutMs: 200}).request({method: 'GET', url: `${s.url}/v2/lbaas/loadbalancers`, service: 'Octavia'}))
    expect(err.message).toBe(`Octavia: cannot reach ${s.url} (no answer within 0.2 s)`)
    expect(err.actions).toEqual(['raise the limit with --http-timeout SECONDS'])
  })

  it('a body cut short by the server is an error, not a hang nor a half answer', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'POST', path: '/v2.0/networks', token: null, json: {network: {}}, reply: {status: 201, json: NETWORKS, fault: 'close'}})
    const err = await rejection(transport({requestTimeoutMs: 2000}).request({method: 'POST', url: `${s.url}/v2.0/networks`, service: 'Neutron', json: {network: {}}}))
    expect(err).toBeInstanceOf(ConnectionError)
    expect(err.message).toMatch(new RegExp(`^Neutron: ${s.url.replace(/\./g, '\\.')} closed the connection before the answer was complete`))
  })

  it('a streamed download that stalls fails after the idle timeout', async () => {
    const s = await fakes.start('glance')
    s.on({method: 'GET', path: '/v2/images/i/file', token: null, reply: {text: 'x'.repeat(100_000), contentType: 'application/octet-stream', fault: 'stall'}})
    const res = await transport({requestTimeoutMs: 300}).request({method: 'GET', url: `${s.url}/v2/images/i/file`, service: 'Glance', stream: true})
    const started = performance.now()
    const reader = res.stream!.getReader()
    let bytes = 0
    const err = await rejection(
      (async () => {
        for (;;) {
          const {done, value} = await reader.read()
          if (done) return
          bytes += value.byteLength
        }
      })(),
    )
    expect(bytes).toBe(50_000)
    expect(performance.now() - started).toBeLessThan(3000)
    expect(err.message).toBe(`Glance: no data from ${s.url} for 0.3 s during the download`)
  })

  it('a streamed download slower in total than the timeout, but never idle that long, completes', async () => {
    // 8 chunks 100 ms apart: 800 ms in all against a 300 ms idle timeout
    const server = http.createServer((_req, res) => {
      res.writeHead(200, {'Content-Type': 'application/octet-stream'})
      let n = 0
      const t = setInterval(() => {
        res.write(Buffer.alloc(1000, n))
        if (++n === 8) {
          clearInterval(t)
          res.end()
        }
      }, 100)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/images/i/file`
      const res = await transport({requestTimeoutMs: 300}).request({method: 'GET', url, service: 'Glance', stream: true})
      const body = Buffer.from(await new Response(res.stream).arrayBuffer())
      expect(body.length).toBe(8000)
    } finally {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  })

  it('an ordinary answer slower than the timeout fails even though its headers came in time', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, {'Content-Type': 'application/json'})
      res.write('{"networks": [')
      const t = setInterval(() => res.write(' '), 50)
      res.on('close', () => clearInterval(t))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2.0/networks`
      const started = performance.now()
      const err = await rejection(transport({requestTimeoutMs: 400}).request({method: 'GET', url, service: 'Neutron'}))
      expect(performance.now() - started).toBeLessThan(3000)
      expect(err.message).toContain('did not finish its answer within 0.4 s')
    } finally {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})

describe('Retry-After (issue 8: obeyed without limit)', () => {
  it('a Retry-After longer than the time left is not slept: the 503 is reported at once, with the reason', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'GET', path: '/v2.0/networks', token: null, reply: {status: 503, headers: {'Retry-After': '3600'}, json: {message: 'maintenance'}}})
    const lines: string[] = []
    const waits: Array<[number, string]> = []
    const started = performance.now()
    const err = await rejection(
      transport({requestTimeoutMs: 3000, debug: (l) => lines.push(l), onRetryWait: (sec, why) => waits.push([sec, why])}).request({
        method: 'GET',
        url: `${s.url}/v2.0/networks`,
        service: 'Neutron',
      }),
    )
    expect(performance.now() - started).toBeLessThan(2000)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe('Neutron 503: maintenance')
    expect(err.actions).toEqual(['Neutron asked to retry after 3600 s, more than the 3 s left of --http-timeout: try again later, or raise --http-timeout'])
    expect(lines.some((l) => /^RETRY-AFTER 3600 s .*not retrying/.test(l))).toBe(true)
    expect(waits).toEqual([])
  })

  it('a short Retry-After is waited, said under --debug and to the onRetryWait listener, then retried', async () => {
    const s = await fakes.start('neutron')
    s.on({
      method: 'GET',
      path: '/v2.0/networks',
      token: null,
      reply: [{status: 503, headers: {'Retry-After': '1'}, text: 'busy'}, {json: NETWORKS}],
    })
    const lines: string[] = []
    const waits: Array<[number, string]> = []
    const started = performance.now()
    const res = await transport({requestTimeoutMs: 5000, debug: (l) => lines.push(l), onRetryWait: (sec, why) => waits.push([sec, why])}).request({
      method: 'GET',
      url: `${s.url}/v2.0/networks`,
      service: 'Neutron',
    })
    expect(res.data).toEqual(NETWORKS)
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)
    expect(waits).toEqual([[1, 'Neutron answered 503 with Retry-After: 1']])
    expect(lines.some((l) => l.startsWith('RETRY 1 in 1 s: GET') && l.includes('Retry-After: 1'))).toBe(true)
  })

  it('the whole call, retries and waits included, ends within --http-timeout', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'GET', path: '/v2.0/networks', token: null, times: 2, reply: {status: 503, headers: {'Retry-After': '1'}, text: 'busy'}})
    const started = performance.now()
    const err = await rejection(transport({requestTimeoutMs: 1500, retries: 5}).request({method: 'GET', url: `${s.url}/v2.0/networks`, service: 'Neutron'}))
    expect(performance.now() - started).toBeLessThan(2500)
    expect(err).toBeInstanceOf(ApiError)
    // the first retry fit in the budget; the second would not have
    expect(s.calls('GET', '/v2.0/networks').length).toBe(2)
  })
})

describe('DELETE retried (issue 8: a 404 on the retry was reported as a failure)', () => {
  it('a DELETE that got 503 and then 404 on the retry is done', async () => {
    const s = await fakes.start('neutron')
    s.on({
      method: 'DELETE',
      path: '/v2.0/networks/n1',
      token: null,
      reply: [{status: 503, text: ''}, {status: 404, json: {NeutronError: {message: 'Network n1 could not be found.'}}}],
    })
    const lines: string[] = []
    const res = await transport({debug: (l) => lines.push(l)}).request({method: 'DELETE', url: `${s.url}/v2.0/networks/n1`, service: 'Neutron'})
    expect(res.status).toBe(404)
    expect(lines.some((l) => l.includes('404 on a retried DELETE'))).toBe(true)
  })

  it('a DELETE whose first answer is 404 is still NotFound', async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'DELETE', path: '/v2.0/networks/n1', token: null, reply: {status: 404, json: {NeutronError: {message: 'Network n1 could not be found.'}}}})
    const err = await rejection(transport().request({method: 'DELETE', url: `${s.url}/v2.0/networks/n1`, service: 'Neutron'}))
    expect(err).toMatchObject({status: 404})
  })
})
