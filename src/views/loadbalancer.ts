import type {Listener} from '../clients/octavia/listeners.js'
import type {LoadBalancer, LoadBalancerStats} from '../clients/octavia/loadbalancers.js'
import type {Member} from '../clients/octavia/members.js'
import type {Pool} from '../clients/octavia/pools.js'
import type {ListView, ShowView} from './common.js'

import {pythonStr} from '../output/python.js'
import {withRegion} from './common.js'

/**
 * What python-octaviaclient shows. Its columns and rows are fixed tuples
 * (`octaviaclient/osc/v2/constants.py`), its headers are lower-case field names, and its
 * formatters are plain functions applied before cliff sees the data, so they hold in *every*
 * format, JSON included: a list of `{id}` refs becomes the IDs joined by newlines (`""` when
 * empty), a list of strings is joined by newlines, a dict becomes `k=v` lines (null when empty).
 * A field the API did not send is `""` (osc-lib's get_dict_properties); a null is never formatted.
 * No value is a cliff FormattableColumn, so a table cell is Python's str() of the value: an
 * unformatted list shows as `[]` or `[{'subnet_id': '…'}]`, not as OSC core's "a, b".
 */

export const LOAD_BALANCER_ROWS = [
  'admin_state_up', 'availability_zone', 'created_at', 'description', 'flavor_id', 'id', 'listeners', 'name',
  'operating_status', 'pools', 'project_id', 'provider', 'provisioning_status', 'updated_at', 'vip_address',
  'vip_network_id', 'vip_port_id', 'vip_qos_policy_id', 'vip_subnet_id', 'tags', 'additional_vips',
]
export const LOAD_BALANCER_COLUMNS = ['id', 'name', 'project_id', 'vip_address', 'provisioning_status', 'operating_status', 'provider']
export const LOAD_BALANCER_STATS_ROWS = ['active_connections', 'bytes_in', 'bytes_out', 'request_errors', 'total_connections']

export const LISTENER_ROWS = [
  'admin_state_up', 'connection_limit', 'created_at', 'default_pool_id', 'default_tls_container_ref', 'description', 'id',
  'insert_headers', 'l7policies', 'loadbalancers', 'name', 'operating_status', 'project_id', 'protocol', 'protocol_port',
  'provisioning_status', 'sni_container_refs', 'timeout_client_data', 'timeout_member_connect', 'timeout_member_data',
  'timeout_tcp_inspect', 'updated_at', 'client_ca_tls_container_ref', 'client_authentication', 'client_crl_container_ref',
  'allowed_cidrs', 'tls_ciphers', 'tls_versions', 'alpn_protocols', 'tags',
]
export const LISTENER_COLUMNS = ['id', 'default_pool_id', 'name', 'project_id', 'protocol', 'protocol_port', 'admin_state_up']

export const POOL_ROWS = [
  'admin_state_up', 'created_at', 'description', 'healthmonitor_id', 'id', 'lb_algorithm', 'listeners', 'loadbalancers',
  'members', 'name', 'operating_status', 'project_id', 'protocol', 'provisioning_status', 'session_persistence', 'updated_at',
  'tls_container_ref', 'ca_tls_container_ref', 'crl_container_ref', 'tls_enabled', 'tls_ciphers', 'tls_versions', 'tags',
  'alpn_protocols',
]
export const POOL_COLUMNS = ['id', 'name', 'project_id', 'provisioning_status', 'protocol', 'lb_algorithm', 'admin_state_up']

export const MEMBER_ROWS = [
  'address', 'admin_state_up', 'created_at', 'id', 'name', 'operating_status', 'project_id', 'protocol_port',
  'provisioning_status', 'subnet_id', 'updated_at', 'weight', 'monitor_port', 'monitor_address', 'backup', 'tags',
]
export const MEMBER_COLUMNS = ['id', 'name', 'project_id', 'provisioning_status', 'address', 'protocol_port', 'operating_status', 'weight']

type Formatter = (value: unknown) => unknown

/** octaviaclient's format_list: `[{id}, …]` → the IDs, one per line. */
const formatList: Formatter = (v) => (Array.isArray(v) ? v.map((i) => String((i as {id?: unknown})?.id ?? '')).join('\n') : v)
/** format_list_flat: `['a', 'b']` → "a\nb". */
const formatListFlat: Formatter = (v) => (Array.isArray(v) ? v.map((i) => pythonStr(i)).join('\n') : v)
/** format_hash: `{k: v}` → "k=v" lines, or null for an empty dict. */
const formatHash: Formatter = (v) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v
  const entries = Object.entries(v as Record<string, unknown>)
  return entries.length ? entries.map(([k, x]) => `${k}=${pythonStr(x)}`).join('\n') : null
}

/** osc-lib's get_dict_properties. */
function dictProperties(item: Record<string, unknown>, fields: string[], formatters: Record<string, Formatter> = {}): unknown[] {
  return fields.map((f) => {
    let data = f in item ? item[f] : ''
    const fmt = formatters[f]
    if (fmt && data !== null && data !== undefined) data = fmt(data)
    return data === undefined ? '' : data
  })
}

function showView(item: Record<string, unknown>, fields: string[], formatters: Record<string, Formatter> = {}): ShowView {
  return {fields, values: dictProperties(item, fields, formatters), human: Object.fromEntries(fields.map((f) => [f, pythonStr]))}
}

const LB_FORMATTERS = {listeners: formatList, pools: formatList, l7policies: formatList, tags: formatListFlat}
const LISTENER_FORMATTERS = {
  loadbalancers: formatList,
  pools: formatList,
  l7policies: formatList,
  insert_headers: formatHash,
  allowed_cidrs: formatListFlat,
  tags: formatListFlat,
}
const POOL_FORMATTERS = {
  loadbalancers: formatList,
  members: formatList,
  listeners: formatList,
  session_persistence: formatHash,
  tags: formatListFlat,
}
const MEMBER_FORMATTERS = {tags: formatListFlat}

export function loadBalancerShowView(lb: LoadBalancer): ShowView {
  return showView(lb, LOAD_BALANCER_ROWS, LB_FORMATTERS)
}

export function loadBalancerStatsView(stats: LoadBalancerStats): ShowView {
  return showView(stats, LOAD_BALANCER_STATS_ROWS)
}

export function listenerShowView(l: Listener): ShowView {
  return showView(l, LISTENER_ROWS, LISTENER_FORMATTERS)
}

export function poolShowView(p: Pool): ShowView {
  return showView(p, POOL_ROWS, POOL_FORMATTERS)
}

export function memberShowView(m: Member): ShowView {
  return showView(m, MEMBER_ROWS, MEMBER_FORMATTERS)
}

/** The same fields as a plain object: what `--json` returns from `set` (which prints nothing). */
export function asObject(view: ShowView): Record<string, unknown> {
  return Object.fromEntries(view.fields.map((f, i) => [f, view.values[i]]))
}

function listView<T extends Record<string, unknown>>(
  items: Array<{region: string; item: T}>,
  columns: string[],
  regionColumn: boolean,
  formatters: Record<string, Formatter> = {},
): ListView {
  return withRegion(items, regionColumn, columns, (x) => dictProperties(x, columns, formatters))
}

export function loadBalancerListView(items: Array<{region: string; item: LoadBalancer}>, opts: {regionColumn?: boolean} = {}): ListView {
  return listView(items, LOAD_BALANCER_COLUMNS, Boolean(opts.regionColumn))
}

export function listenerListView(items: Array<{region: string; item: Listener}>, opts: {regionColumn?: boolean} = {}): ListView {
  return listView(items, LISTENER_COLUMNS, Boolean(opts.regionColumn), {loadbalancers: formatList})
}

export function poolListView(items: Array<{region: string; item: Pool}>, opts: {regionColumn?: boolean} = {}): ListView {
  return listView(items, POOL_COLUMNS, Boolean(opts.regionColumn), {loadbalancers: formatList, members: formatList, listeners: formatList})
}

export function memberListView(items: Array<{region: string; item: Member}>, opts: {regionColumn?: boolean} = {}): ListView {
  return listView(items, MEMBER_COLUMNS, Boolean(opts.regionColumn))
}
