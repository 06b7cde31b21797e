import type {ImageSearchResult, Registry, ZunAvailabilityZone, ZunHost, ZunImage, ZunService, ZunServiceState} from '../clients/zun/index.js'
import type {Fmt, ListView, ShowView} from './common.js'

import {pythonStr} from '../output/python.js'

/**
 * What python-zunclient's admin commands print (images, hosts, services, availability zones,
 * quotas, quota classes, registries). zunclient hands cliff plain values, so a table cell holds
 * Python's `str()` of a list or dict (`[]`, `{'a': 'b'}`, `['runc']`), not osc-lib's formatted
 * columns; JSON and YAML keep the real structures.
 */

/** cliff's plain cell: Python's `str()`. */
const pyStr: Fmt = (v) => pythonStr(v)

const isStructured = (v: unknown): boolean => v !== null && typeof v === 'object'

/**
 * Table formatters for the columns that hold a list or a dict somewhere (only those: a formatted
 * column loses cliff's right alignment of numbers).
 */
function humanFor(headers: string[], rows: unknown[][]): Record<string, Fmt> {
  const human: Record<string, Fmt> = {}
  headers.forEach((h, i) => {
    if (rows.some((r) => isStructured(r[i]))) human[h] = pyStr
  })
  return human
}

/** osc-lib `get_item_properties`: the header lower-cased with spaces as `_`; a missing attribute is `''`. */
function itemProperties(o: Record<string, unknown>, headers: readonly string[]): unknown[] {
  return headers.map((h) => {
    const key = h.toLowerCase().replaceAll(' ', '_')
    return key in o ? o[key] : ''
  })
}

function listView(headers: readonly string[], items: ReadonlyArray<Record<string, unknown>>): ListView {
  const rows = items.map((o) => itemProperties(o, headers))
  return {headers: [...headers], rows, human: humanFor([...headers], rows)}
}

/** A ShowOne of every key of the response, in the server's order (`resource._info.keys()`). */
export function responseShowView(o: Record<string, unknown> | null | undefined): ShowView {
  const obj = o ?? {}
  const fields = Object.keys(obj)
  return {fields, values: fields.map((f) => obj[f]), human: Object.fromEntries(fields.map((f) => [f, pyStr]))}
}

/** A ShowOne of the keys sorted by name (`zip(*sorted(d.items()))`): registry create/show/update. */
export function sortedShowView(o: Record<string, unknown> | null | undefined): ShowView {
  const obj = o ?? {}
  const fields = Object.keys(obj).sort()
  return {fields, values: fields.map((f) => obj[f]), human: Object.fromEntries(fields.map((f) => [f, pyStr]))}
}

/** A ShowOne of fixed columns read from a dict (osc-lib `get_dict_properties`). */
function dictShowView(o: Record<string, unknown> | null | undefined, columns: readonly string[]): ShowView {
  const values = itemProperties(o ?? {}, columns)
  return {fields: [...columns], values, human: Object.fromEntries(columns.map((c) => [c, pyStr]))}
}

// --- images ---
export const IMAGE_LIST_HEADERS = ['uuid', 'image_id', 'repo', 'tag', 'size'] as const
export const imageListView = (images: ZunImage[]): ListView => listView(IMAGE_LIST_HEADERS, images)
export const imageShowView = (image: ZunImage): ShowView => responseShowView(image)

/** Read from the lower-case keys, so Docker Hub hits (`name`, `metadata`) leave ID, Tags, Status and Size empty. */
export const IMAGE_SEARCH_HEADERS = ['ID', 'Name', 'Tags', 'Status', 'Size', 'Metadata'] as const
export const imageSearchView = (hits: ImageSearchResult[]): ListView => listView(IMAGE_SEARCH_HEADERS, hits)

// --- hosts ---
export const HOST_LIST_HEADERS = ['uuid', 'hostname', 'mem_total', 'cpus', 'disk_total'] as const
export const hostListView = (hosts: ZunHost[]): ListView => listView(HOST_LIST_HEADERS, hosts)
/** Every key the server sent, `links` included (zunclient 4.5's `_host_columns`). */
export const hostShowView = (host: ZunHost): ShowView => responseShowView(host)

// --- services ---
export const SERVICE_LIST_HEADERS = [
  'Id',
  'Host',
  'Binary',
  'State',
  'Disabled',
  'Disabled Reason',
  'Updated At',
  'Availability Zone',
] as const
export const serviceListView = (services: ZunService[]): ListView => listView(SERVICE_LIST_HEADERS, services)

export const SERVICE_STATE_FIELDS = ['Host', 'Binary', 'Disabled', 'Disabled Reason'] as const
export const SERVICE_FORCED_DOWN_FIELDS = ['Host', 'Binary', 'Forced_down'] as const
/** `service enable` / `service disable`. */
export const serviceStateView = (s: ZunServiceState): ShowView => dictShowView(s, SERVICE_STATE_FIELDS)
/** `service forcedown`. */
export const serviceForcedDownView = (s: ZunServiceState): ShowView => dictShowView(s, SERVICE_FORCED_DOWN_FIELDS)

// --- availability zones ---
export const AVAILABILITY_ZONE_HEADERS = ['availability_zone'] as const
export const availabilityZoneListView = (zones: ZunAvailabilityZone[]): ListView => listView(AVAILABILITY_ZONE_HEADERS, zones)

// --- quotas and quota classes: every key, in the server's order ---
export const quotaShowView = (q: Record<string, unknown>): ShowView => responseShowView(q)

// --- registries ---
export const REGISTRY_LIST_HEADERS = ['uuid', 'name', 'domain', 'username', 'password'] as const
export const registryListView = (registries: Registry[]): ListView => listView(REGISTRY_LIST_HEADERS, registries)
export const registryShowView = (r: Registry): ShowView => sortedShowView(r)
