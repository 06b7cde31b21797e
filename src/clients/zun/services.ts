import type {ServiceClient} from '../../http/service-client.js'
import type {ZunQuery} from './common.js'

import {UsageError} from '../../core/errors.js'
import {adminOnly, pyBool, ZUN_JSON_HEADERS, zunDelete, zunGet} from './common.js'

// --- types: a Zun service (zun-compute…) as the API returns it (admin only) ---
export interface ZunService {
  id: number
  host: string
  binary: string
  /** `up` or `down` */
  state: string
  disabled: boolean
  disabled_reason: string | null
  forced_down?: boolean
  report_count?: number
  availability_zone?: string | null
  created_at?: string | null
  updated_at?: string | null
  last_seen_up?: string | null
  [key: string]: unknown
}

/** What enable/disable (`disabled`, `disabled_reason`) and force_down (`forced_down`) answer, under `service`. */
export interface ZunServiceState {
  host: string
  binary: string
  disabled?: boolean
  disabled_reason?: string | null
  forced_down?: boolean
  [key: string]: unknown
}

// --- paths and query ---
const root = () => '/services'
const action = (name: 'enable' | 'disable' | 'force_down') => `/services/${name}`

/** `host` then `binary`, as zunclient builds them; an empty one would be refused by the server anyway. */
function hostAndBinary(host: string, binary: string): ZunQuery {
  if (host.trim() === '') throw new UsageError('The host must not be empty.')
  if (binary.trim() === '') throw new UsageError('The binary must not be empty.')
  return {host, binary}
}

async function serviceAction(c: ServiceClient, name: 'enable' | 'disable' | 'force_down', query: ZunQuery): Promise<ZunServiceState> {
  // zunclient puts the parameters in the query string and sends no body (Content-Length: 0).
  const res = await adminOnly(c.request('PUT', action(name), {query, headers: {...ZUN_JSON_HEADERS}}))
  return ((res.data ?? {}) as {service?: ZunServiceState}).service ?? ({} as ZunServiceState)
}

// --- verbs ---
export async function listServices(c: ServiceClient): Promise<ZunService[]> {
  const body = await adminOnly(zunGet<{services?: ZunService[]}>(c, root()))
  return body?.services ?? []
}

/** `DELETE /v1/services?host=…&binary=…` → 200 `null`, or 404 `container.zun-service-not-found`. */
export async function deleteService(c: ServiceClient, host: string, binary: string): Promise<void> {
  const query = hostAndBinary(host, binary)
  return adminOnly(zunDelete(c, root(), query))
}

export async function enableService(c: ServiceClient, host: string, binary: string): Promise<ZunServiceState> {
  return serviceAction(c, 'enable', hostAndBinary(host, binary))
}

export async function disableService(c: ServiceClient, host: string, binary: string, reason?: string): Promise<ZunServiceState> {
  return serviceAction(c, 'disable', {...hostAndBinary(host, binary), disabled_reason: reason})
}

/** `forced_down=True` forces the service down; `False` (`--unset`) lifts it. */
export async function forceDownService(c: ServiceClient, host: string, binary: string, forcedDown: boolean): Promise<ZunServiceState> {
  return serviceAction(c, 'force_down', {...hostAndBinary(host, binary), forced_down: pyBool(forcedDown)})
}
