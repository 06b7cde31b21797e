import {Transport} from '../../../../src/http/transport.js'
import {ServiceClient} from '../../../../src/http/service-client.js'
import type {FakeServer} from '../../../fakes/server.js'

export const TOKEN = 'tok-admin'
export const RID = 'req-6a0c7f8e-5b1d-4c2e-9f3a-7d6e5c4b3a21'

/** A Tricircle client bound to a fake server's `/v1.0`, as the catalog entry would give it. */
export function tricircleClient(fake: FakeServer): ServiceClient {
  const transport = new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl-test'})
  const auth = {token: async () => TOKEN, refresh: async () => TOKEN}
  return new ServiceClient(transport, 'Tricircle', 'tricircle', 'CentralRegion', `${fake.url}/v1.0`, auth)
}

/** What python-tricircleclient's server answers with, and what every request must carry. */
export const JSON_ACCEPT = {accept: 'application/json'}
