import type {ServiceClient} from '../../../../src/http/service-client.js'
import type {FakeServer} from '../../../fakes/server.js'

import {fakeClient} from '../../../fakes/client.js'

export const TOKEN = 'tok-zun'
export const RID = 'req-0b5f7a3c-1d2e-4f60-8a9b-c0d1e2f3a4b5'
export const UUID = 'b0694d40-70af-4488-b104-10f66b593347'

/**
 * A Zun client bound to a fake server's `/v1` at microversion 1.<minor>, as zunClient() builds it.
 * `urls` collects every URL sent, byte for byte (from the transport's debug lines), so tests can
 * compare them with python-zunclient's recorded requests, query order and encoding included.
 */
export function zun(fake: FakeServer, minor = 40): ServiceClient & {urls: string[]} {
  const microversion = {header: 'OpenStack-API-Version', service: 'container', version: `1.${minor}`}
  return fakeClient(fake, {service: 'Zun', type: 'container', basePath: '/v1', token: TOKEN, microversion})
}

/** The headers every Zun call carries at 1.<minor>. */
export function ver(minor = 40): Record<string, string> {
  return {'openstack-api-version': `container 1.${minor}`}
}

/** zunclient's json_request: Content-Type application/json on every call, body or not. */
export function jsonCall(minor = 40): Record<string, string> {
  return {...ver(minor), 'content-type': 'application/json'}
}

/** A container as the server returns it (GET form). */
export function container(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uuid: UUID,
    links: [],
    user_id: 'u1',
    project_id: 'p1',
    name: 'web',
    image: 'cirros',
    command: ['sleep', '3600'],
    status: 'Running',
    status_reason: null,
    task_state: null,
    cpu: 1.0,
    memory: '512',
    environment: {},
    workdir: null,
    ports: [80],
    hostname: null,
    labels: {},
    addresses: {
      '2ede1821-1334-4e8b-b731-d3a82b41f42f': [
        {addr: '172.24.4.3', version: 4, port: 'p1', subnet_id: 's1', preserve_on_delete: false},
      ],
    },
    status_detail: 'Up 5 mins',
    created_at: '2024-01-01 00:00:00',
    updated_at: null,
    ...over,
  }
}
