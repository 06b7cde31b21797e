import type {FakeServer} from './server.js'

import {ServiceClient} from '../../src/http/service-client.js'
import {Transport} from '../../src/http/transport.js'

export const FAKE_TOKEN = 'tok-fake'

/**
 * A service client bound to a fake server, as the session would build it from the catalog:
 * `basePath` is the versioned part of the endpoint (`/v2.0`, `/v2`, `/v1`), the token is
 * FAKE_TOKEN, no retries. `sent` collects each request line (`GET /v2/lbaas/…?…`) from the
 * transport's --debug lines.
 */
export function fakeClient(fake: FakeServer, opts: {service: string; type: string; basePath: string; region?: string}): ServiceClient & {sent: string[]} {
  const sent: string[] = []
  const transport = new Transport({
    requestTimeoutMs: 5000,
    retries: 0,
    insecure: false,
    userAgent: 'mrctl-test',
    debug: (line) => {
      const m = /^REQ: curl -g -i -X (\S+) (\S+)/.exec(line)
      if (m) sent.push(`${m[1]} ${m[2].slice(fake.url.length)}`)
    },
  })
  const auth = {token: async () => FAKE_TOKEN, refresh: async () => FAKE_TOKEN}
  const c = new ServiceClient(transport, opts.service, opts.type, opts.region ?? 'RegionOne', `${fake.url}${opts.basePath}`, auth)
  return Object.assign(c, {sent})
}
