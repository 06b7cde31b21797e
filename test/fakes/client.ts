import type {FakeServer} from './server.js'

import {type Microversion, ServiceClient} from '../../src/http/service-client.js'
import {Transport} from '../../src/http/transport.js'

export const FAKE_TOKEN = 'tok-fake'

/**
 * A service client bound to a fake server, as the session would build it from the catalog:
 * `basePath` is the versioned part of the endpoint (`/v2.0`, `/v2`, `/v1`), the token is
 * FAKE_TOKEN, no retries. `sent` collects each request line (`GET /v2/lbaas/…?…`) from the
 * transport's --debug lines, and `urls` the same without the method.
 */
export function fakeClient(
  fake: FakeServer,
  opts: {service: string; type: string; basePath: string; region?: string; token?: string; microversion?: Microversion},
): ServiceClient & {sent: string[]; urls: string[]} {
  const sent: string[] = []
  const urls: string[] = []
  const transport = new Transport({
    requestTimeoutMs: 5000,
    retries: 0,
    insecure: false,
    userAgent: 'mrctl-test',
    debug: (line) => {
      const m = /^REQ: curl -g -i -X (\S+) (\S+)/.exec(line)
      if (!m) return
      const url = m[2].replace(fake.url, '')
      sent.push(`${m[1]} ${url}`)
      urls.push(url)
    },
  })
  const token = opts.token ?? FAKE_TOKEN
  const auth = {token: async () => token, refresh: async () => token}
  const c = new ServiceClient(transport, opts.service, opts.type, opts.region ?? 'RegionOne', `${fake.url}${opts.basePath}`, auth, opts.microversion)
  return Object.assign(c, {sent, urls})
}
