import {pyJsonDumps} from '../output/json.js'
import {pythonStr} from '../output/python.js'
import {formatDict, formatList, formatListOfDicts} from '../output/table.js'

/** A table-only display formatter (OSC's FormattableColumn.human_readable). */
export type Fmt = (value: unknown) => string

/** A list as the output layer takes it: headers, rows of raw values, table-only display formatters. */
export interface ListView {
  headers: string[]
  rows: unknown[][]
  human?: Record<string, Fmt>
}

/** One object as the output layer takes it: field names, raw values, table-only formatters. */
export interface ShowView {
  fields: string[]
  values: unknown[]
  human: Record<string, Fmt>
}

/**
 * OSC's RoutesColumn (router `routes`) and HostRoutesColumn (subnet `host_routes`): `nexthop` shown
 * as `gateway` (the key of `--route` and `--host-route`), one dict per line.
 */
export const routesColumn: Fmt = (v) =>
  Array.isArray(v)
    ? formatListOfDicts(
        v.map((r: Record<string, unknown>) => {
          const {nexthop, ...rest} = r
          return nexthop === undefined ? r : {...rest, gateway: nexthop}
        }),
      )
    : raw(v)

/** OSC's AdminStateColumn: true → UP, false → DOWN (table only). */
export const adminState: Fmt = (v) => (v ? 'UP' : 'DOWN')

/** OSC's RouterExternalColumn: true → External, false → Internal (table only). */
export const routerExternal: Fmt = (v) => (v ? 'External' : 'Internal')

/** A value with no OSC formatter: cliff prints Python's `str()` of it (lists as `['a']`). */
export const raw: Fmt = (v) => pythonStr(v)

/** osc-lib ListColumn: sorted, joined with ", "; None stays "None". */
export const listColumn: Fmt = (v) => (Array.isArray(v) ? formatList(v) : pythonStr(v))

/** osc-lib ListDictColumn: one `k='v', …` line per dict; None stays "None". */
export const listDictColumn: Fmt = (v) => (Array.isArray(v) ? formatListOfDicts(v) : pythonStr(v))

/** osc-lib DictColumn: `k='v', …` with sorted keys. */
export const dictColumn: Fmt = (v) => (v && typeof v === 'object' ? formatDict(v) : pythonStr(v))

/** OSC's RouterInfoColumn: `json.dumps` of the value (None → "null"). */
export const jsonColumn: Fmt = (v) => pyJsonDumps(v ?? null)

/** Prepends a Region column when a list spans several regions. */
export function withRegion<T>(
  items: Array<{region: string; item: T}>,
  regionColumn: boolean,
  headers: string[],
  row: (item: T) => unknown[],
): {headers: string[]; rows: unknown[][]} {
  if (!regionColumn) return {headers, rows: items.map(({item}) => row(item))}
  return {headers: ['Region', ...headers], rows: items.map(({region, item}) => [region, ...row(item)])}
}

/**
 * A list over several regions from a view of one region's items: each region's rows (in region
 * order) with a Region column in front. With one region the view is the region's own.
 */
export function regionalListView<T>(items: Array<{region: string; item: T}>, multi: boolean, view: (items: T[]) => ListView): ListView {
  if (!multi) return view(items.map(({item}) => item))
  const regions = [...new Set(items.map((i) => i.region))]
  const first = view([])
  const rows = regions.flatMap((region) =>
    view(items.filter((i) => i.region === region).map(({item}) => item)).rows.map((row) => [region, ...row]),
  )
  return {headers: ['Region', ...first.headers], rows, human: first.human}
}

/**
 * One field of a show view: its display name (the openstacksdk attribute name after OSC's
 * column map), where the value comes from on the wire (default: the same name), and its
 * table formatter (default: `raw`).
 */
export interface ShowColumn {
  name: string
  from?: string | ((obj: Record<string, unknown>) => unknown)
  human?: Fmt
  /** What openstacksdk shows when Neutron leaves the field out (its `Body(default=…)`); else None. */
  absent?: unknown
}

/**
 * `openstack … show`: every field of the SDK resource, sorted by name, including those the API
 * left out (as None, or the SDK's default), which is what `get_osc_show_columns_for_sdk_resource`
 * prints.
 */
export function showView(obj: Record<string, unknown>, columns: ShowColumn[]): ShowView {
  const sorted = [...columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const human: Record<string, Fmt> = {}
  const values = sorted.map((col) => {
    human[col.name] = col.human ?? raw
    const v = typeof col.from === 'function' ? col.from(obj) : obj[col.from ?? col.name]
    return v === undefined ? structuredClone(col.absent ?? null) : v
  })
  return {fields: sorted.map((c) => c.name), values, human}
}
