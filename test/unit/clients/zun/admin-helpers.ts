import type {ServiceClient} from '../../../../src/http/service-client.js'
import type {FakeServer} from '../../../fakes/server.js'

import {fakeClient} from '../../../fakes/client.js'

export const TOKEN = 'tok-zun-admin'
export const RID = 'req-3f2a9c1e-7b4d-4e8f-a6c5-1d2e3f4a5b6c'
/** What zunClient puts on every request after negotiating with a 1.40 server (zun-api.md §0.2). */
export const VERSION = {'openstack-api-version': 'container 1.40'}
/** zunclient's json_request headers (on GETs and body-less PUTs too). */
export const JSON_CT = {'content-type': 'application/json', accept: 'application/json', ...VERSION}
/** zunclient's raw_request for DELETE. */
export const RAW_CT = {'content-type': 'application/octet-stream', ...VERSION}

export interface RecordingClient {
  c: ServiceClient
  /** "METHOD url" of every request sent, with the query exactly as sent (order and encoding). */
  sent: string[]
}

/**
 * A Zun client bound to a fake server's `/v1` (the catalog's endpoint), with the microversion
 * header zunClient adds. The transport's debug lines give the exact URLs, so the query order of
 * the trace can be asserted too (the fake server parses queries into objects).
 */
export function zunTestClient(fake: FakeServer, version = 'container 1.40'): RecordingClient {
  const [service, v] = version.split(' ')
  const c = fakeClient(fake, {service: 'Zun', type: 'container', basePath: '/v1', token: TOKEN, microversion: {header: 'OpenStack-API-Version', service, version: v}})
  return {c, sent: c.sent}
}

/** A Zun error body as the server's ParsableErrorMiddleware writes it (zun-api.md §7). */
export function zunError(status: number, code: string, detail: string) {
  return {
    status,
    headers: {'X-Openstack-Request-Id': RID},
    json: {errors: [{request_id: '', code: `container.${code}`, status, title: detail, detail, links: []}]},
  }
}
