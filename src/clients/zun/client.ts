import type {Session} from '../../auth/session.js'
import type {ServiceClient} from '../../http/service-client.js'

import {UsageError} from '../../core/errors.js'

/** The microversions this client speaks (python-zunclient's range). */
export const ZUN_MIN_MINOR = 1
export const ZUN_MAX_MINOR = 40
/** The catalog type is `container`; the microversion header's service word is `container` too, but they are separate things. */
export const ZUN_SERVICE_TYPE = 'container'
export const ZUN_SERVICE_WORD = 'container'
export const ZUN_HEADER = 'OpenStack-API-Version'

interface VersionsDocument {
  versions?: Array<{id?: string; status?: string; max_version?: string; min_version?: string}>
}

/** `1`, `1.latest` → negotiate (undefined); `1.N` → N; anything else is a usage error. */
export function parsePinnedVersion(value: string | undefined): number | undefined {
  if (value === undefined || value === '' || value === '1' || value === '1.latest' || value === 'latest') return undefined
  const m = /^1\.(\d+)$/.exec(value)
  const minor = m ? Number(m[1]) : Number.NaN
  if (!(minor >= ZUN_MIN_MINOR && minor <= ZUN_MAX_MINOR)) {
    throw new UsageError(`--os-container-api-version ${value} is not a version this client supports`, [
      `use 1, 1.latest or 1.${ZUN_MIN_MINOR}…1.${ZUN_MAX_MINOR}`,
    ])
  }
  return minor
}

/** The server root: the endpoint with everything from `/v1` on stripped (as zunclient does). */
export function rootUrl(endpoint: string): string {
  const i = endpoint.search(/\/v1(\/|$)/)
  return i >= 0 ? endpoint.slice(0, i) : endpoint
}

/** `GET /` (public), the CURRENT version's max_version, capped at ours; 1.1 when the server gives none. */
export async function negotiateMinor(c: ServiceClient): Promise<number> {
  const doc = await c.get<VersionsDocument>(`${rootUrl(c.baseUrl)}/`, undefined, {[ZUN_HEADER]: `${ZUN_SERVICE_WORD} 1.1`})
  const current = doc?.versions?.find((v) => v.status === 'CURRENT')
  const max = Number(/^1\.(\d+)$/.exec(current?.max_version ?? '')?.[1] ?? ZUN_MIN_MINOR)
  const min = Number(/^1\.(\d+)$/.exec(current?.min_version ?? '')?.[1] ?? ZUN_MIN_MINOR)
  if (min > ZUN_MAX_MINOR) throw new UsageError(`the Zun server is too new: it needs 1.${min} or later, this client speaks up to 1.${ZUN_MAX_MINOR}`)
  return Math.min(max, ZUN_MAX_MINOR)
}

/** A Zun client for one region, speaking the pinned (or negotiated) microversion on every request. */
export async function zunClient(session: Session, region?: string, pinned?: string): Promise<ServiceClient> {
  const base = await session.client(ZUN_SERVICE_TYPE, region)
  const minor = parsePinnedVersion(pinned) ?? (await negotiateMinor(base))
  return withZunMinor(base, minor)
}

/** `c` speaking Zun API 1.<minor>. */
export function withZunMinor(c: ServiceClient, minor: number): ServiceClient {
  return c.withMicroversion({header: ZUN_HEADER, service: ZUN_SERVICE_WORD, version: `1.${minor}`})
}

/** The minor version a Zun client speaks: 1.<minor> (1.1, the server's default, when none is set). */
export function zunMinor(c: ServiceClient): number {
  const m = /^1\.(\d+)$/.exec(c.microversion?.version ?? '')
  return m ? Number(m[1]) : ZUN_MIN_MINOR
}
