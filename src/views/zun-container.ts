import type {ContainerAction, ContainerNetwork, TopResult} from '../clients/zun/actions.js'
import type {Container} from '../clients/zun/containers.js'
import type {Fmt, ListView, ShowView} from './common.js'

import {pyFloatRepr} from '../output/python.js'
import {raw} from './common.js'

/**
 * What python-zunclient's OSC commands print. Unlike the core OSC commands, zunclient shows the
 * response's own keys in the response's order (`container._info.keys()`), and every cell is
 * Python's `str()` of the value (`['sleep', '3600']`, `{}`, `None`) — so every column uses `raw`.
 */

/** Zun's cpu is a float: Python prints 1.0 where JSON (and JS) only say 1. */
const float: Fmt = (v) => (typeof v === 'number' ? pyFloatRepr(v) : raw(v))

function humanFor(fields: string[], floats: string[] = []): Record<string, Fmt> {
  return Object.fromEntries(fields.map((f) => [f, floats.includes(f) ? float : raw]))
}

/** zunclient's `format_container_addresses`: the IPs joined with ", " ('' when there are none). */
export function flattenAddresses(addresses: unknown): {addresses: string; networks: string} {
  const ips: string[] = []
  const nets: string[] = []
  if (addresses && typeof addresses === 'object' && !Array.isArray(addresses)) {
    for (const [net, list] of Object.entries(addresses as Record<string, unknown>)) {
      if (Array.isArray(list)) for (const a of list) ips.push(String((a as {addr?: unknown}).addr))
      nets.push(net)
    }
  }
  return {addresses: ips.join(', '), networks: nets.join(', ')}
}

/**
 * `appcontainer show`: every key, `addresses` flattened to its IPs and a `networks` row (the
 * network ids) added at the end. `create`, `run` and `set` print the raw object (`flatten: false`).
 */
export function containerShowView(c: Container, opts: {flatten: boolean}): ShowView {
  const obj: Record<string, unknown> = {...c}
  if (opts.flatten) {
    const flat = flattenAddresses(c.addresses)
    obj.addresses = flat.addresses
    obj.networks = flat.networks
  }
  const fields = Object.keys(obj)
  return {fields, values: fields.map((f) => obj[f] ?? null), human: humanFor(fields, ['cpu'])}
}

const LIST_COLUMNS = ['uuid', 'name', 'image', 'status', 'task_state', 'addresses', 'ports']

/** `appcontainer list`: uuid, name, image, status, task_state, addresses (IPs), ports. */
export function containerListView(items: Container[]): ListView {
  return {
    headers: LIST_COLUMNS,
    rows: items.map((c) => [c.uuid, c.name, c.image, c.status, c.task_state ?? null, flattenAddresses(c.addresses).addresses, c.ports ?? null]),
    human: humanFor(LIST_COLUMNS),
  }
}

/** `appcontainer network list`: net_id, port_id, fixed_ips (the addresses joined with ","). */
export function containerNetworkListView(networks: ContainerNetwork[]): ListView {
  const headers = ['net_id', 'port_id', 'fixed_ips']
  return {
    headers,
    rows: networks.map((n) => [
      n.net_id,
      n.port_id,
      Array.isArray(n.fixed_ips) ? n.fixed_ips.map((f) => f.ip_address).join(',') : (n.ip_address ?? null),
    ]),
    human: humanFor(headers),
  }
}

const ACTION_COLUMNS = ['user_id', 'container_uuid', 'request_id', 'action', 'message', 'start_time']

/** `appcontainer action list`. */
export function containerActionListView(actions: ContainerAction[]): ListView {
  return {
    headers: ACTION_COLUMNS,
    rows: actions.map((a) => ACTION_COLUMNS.map((k) => a[k] ?? null)),
    human: humanFor(ACTION_COLUMNS),
  }
}

/** `appcontainer action show`: every key in the server's order, `events` included. */
export function containerActionShowView(a: ContainerAction): ShowView {
  const fields = Object.keys(a)
  return {fields, values: fields.map((f) => a[f] ?? null), human: humanFor(fields)}
}

/** `appcontainer stats`: the keys Zun returns (`CONTAINER`, `CPU %`, `MEM USAGE(MiB)`…). */
export function containerStatsView(stats: Record<string, unknown>): ShowView {
  const fields = Object.keys(stats)
  return {fields, values: fields.map((f) => stats[f] ?? null), human: humanFor(fields, ['CPU %', 'MEM %'])}
}

/**
 * `appcontainer top`: a table with the ps titles as headers and one row per process
 * (zunclient's py2-only `print("%-20s") % titles` fails on Python 3 and prints nothing useful).
 */
export function containerTopView(top: TopResult): ListView {
  const headers = top.Titles ?? []
  return {headers, rows: (top.Processes ?? []).map((p) => headers.map((_, i) => p[i] ?? null)), human: humanFor(headers)}
}

/** The lines zunclient prints for each container of a multi-container command. */
export interface ItemMessages {
  accepted: (ref: string) => string
  failed: (ref: string, error: string) => string
}

export const CONTAINER_ITEM_MESSAGES = {
  delete: {
    accepted: (c) => `Request to delete container ${c} has been accepted.`,
    failed: (c, e) => `Delete for container ${c} failed: ${e}`,
  },
  start: {accepted: (c) => `Request to start container ${c} has been accepted`, failed: (c, e) => `Start for container ${c} failed: ${e}`},
  stop: {accepted: (c) => `Request to stop container ${c} has been accepted.`, failed: (c, e) => `Stop for container ${c} failed: ${e}`},
  restart: {
    accepted: (c) => `Request to restart container ${c} has been accepted`,
    failed: (c, e) => `Restart for container ${c} failed: ${e}`,
  },
  pause: {accepted: (c) => `Request to pause container ${c} has been accepted`, failed: (c, e) => `Pause for container ${c} failed: ${e}`},
  unpause: {
    accepted: (c) => `Request to unpause container ${c} has been accepted`,
    failed: (c, e) => `unpause for container ${c} failed: ${e}`,
  },
  kill: {
    accepted: (c) => `Request to send kill signal to container ${c} has been accepted`,
    failed: (c, e) => `kill signal for container ${c} failed: ${e}`,
  },
  rebuild: {
    accepted: (c) => `Request to rebuild container ${c} has been accepted`,
    failed: (c, e) => `rebuild container ${c} failed: ${e}`,
  },
} satisfies Record<string, ItemMessages>
