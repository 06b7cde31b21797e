/**
 * Zun API microversions: `OpenStack-API-Version: container 1.N` (zun-api.md §2).
 *
 * - No header means 1.1.
 * - `container latest` means 1.40.
 * - A value that does not split into two words, or whose first word is not `container`, gives 406
 *   "Invalid service type for OpenStack-API-Version header"; a version that is not `<int>.<int>`
 *   gives 406 "Invalid value for OpenStack-API-Version header".
 * - A parsable version outside [1.1, 1.40] is "unsupported": see `OutOfRangeMode`.
 */

export const MIN_VERSION: Version = {major: 1, minor: 1}
export const MAX_VERSION: Version = {major: 1, minor: 40}
export const HEADER = 'OpenStack-API-Version'
export const SERVICE = 'container'

export interface Version {
  major: number
  minor: number
}

export function formatVersion(v: Version): string {
  return `${v.major}.${v.minor}`
}

export function compareVersions(a: Version, b: Version): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor
}

/** `atLeast(v, 20)` is `v >= 1.20`. */
export function atLeast(v: Version, minor: number): boolean {
  return compareVersions(v, {major: 1, minor}) >= 0
}

/**
 * How a parsable but unsupported version (1.41, 1.0, 2.1) is answered:
 * - `zed-500` (default): what a real zun-api (Zed) answered in zun-api.md §10, a 500 with an empty
 *   `text/plain` body (a server bug in its 406 path).
 * - `406`: what the server code means to do (§2.2), a 406 in the `errors[]` format with title
 *   "Requested microversion is unsupported".
 */
export type OutOfRangeMode = 'zed-500' | '406'

export type ParsedVersion =
  | {ok: true; version: Version}
  | {ok: false; kind: 'invalid'; detail: string}
  | {ok: false; kind: 'unsupported'; detail: string; requested: Version}

export function parseVersionHeader(raw: string | string[] | undefined): ParsedVersion {
  // Several headers arrive joined with ", ", which Zun then fails to split into two words.
  const value = Array.isArray(raw) ? raw.join(', ') : raw
  if (value === undefined) return {ok: true, version: MIN_VERSION}
  // Zun splits the whole value on whitespace: "compute 2.1, container 1.12" is not two words,
  // so a header naming several services is refused (406), unlike Nova's.
  const words = value.split(/\s+/).filter(Boolean)
  if (words.length !== 2) return {ok: false, kind: 'invalid', detail: `Invalid service type for ${HEADER} header`}
  if (words[1].toLowerCase() === 'latest') return {ok: true, version: MAX_VERSION}
  if (words[0] !== SERVICE) {
    return {ok: false, kind: 'invalid', detail: `Invalid service type for ${HEADER} header`}
  }
  const m = /^(\d+)\.(\d+)$/.exec(words[1])
  if (!m) return {ok: false, kind: 'invalid', detail: `Invalid value for ${HEADER} header`}
  const version = {major: Number(m[1]), minor: Number(m[2])}
  const range = `[${SERVICE} ${formatVersion(MIN_VERSION)}, ${SERVICE} ${formatVersion(MAX_VERSION)}]`
  if (version.major !== MIN_VERSION.major) {
    return {
      ok: false,
      kind: 'unsupported',
      requested: version,
      detail: `Mutually exclusive versions requested. Version ${formatVersion(version)} requested but not supported by this service. The supported version range is: ${range}.`,
    }
  }
  if (compareVersions(version, MIN_VERSION) < 0 || compareVersions(version, MAX_VERSION) > 0) {
    return {
      ok: false,
      kind: 'unsupported',
      requested: version,
      detail: `Version ${formatVersion(version)} was requested but the minor version is not supported by this service. The supported version range is: ${range}.`,
    }
  }
  return {ok: true, version}
}

/** The headers every `/v1` response carries once the version is known. */
export function versionHeaders(v: Version): Record<string, string> {
  return {
    [HEADER]: `${SERVICE} ${formatVersion(v)}`,
    'OpenStack-API-Minimum-Version': `${SERVICE} ${formatVersion(MIN_VERSION)}`,
    'OpenStack-API-Maximum-Version': `${SERVICE} ${formatVersion(MAX_VERSION)}`,
    Vary: HEADER,
  }
}

/** A version window `[min, max]` in minors of 1.x; `max` undefined means open-ended. */
export interface VersionWindow {
  min?: number
  max?: number
}

export function inWindow(v: Version, w: VersionWindow): boolean {
  if (w.min !== undefined && !atLeast(v, w.min)) return false
  if (w.max !== undefined && compareVersions(v, {major: 1, minor: w.max}) > 0) return false
  return true
}
