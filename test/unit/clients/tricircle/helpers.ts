import type {ServiceClient} from '../../../../src/http/service-client.js'
import type {FakeServer} from '../../../fakes/server.js'

import {fakeClient} from '../../../fakes/client.js'

export const TOKEN = 'tok-admin'
export const RID = 'req-6a0c7f8e-5b1d-4c2e-9f3a-7d6e5c4b3a21'

/** A Tricircle client bound to a fake server's `/v1.0`, as the catalog entry would give it. */
export function tricircleClient(fake: FakeServer): ServiceClient {
  return fakeClient(fake, {service: 'Tricircle', type: 'tricircle', basePath: '/v1.0', region: 'CentralRegion', token: TOKEN})
}

/** What python-tricircleclient's server answers with, and what every request must carry. */
export const JSON_ACCEPT = {accept: 'application/json'}
