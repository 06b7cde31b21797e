import {pyFloat} from '../common/python.js'
import {atLeast, type Version} from './microversion.js'
import type {ActionRecord, ContainerRecord} from './backend/model.js'
import {can, type Caller} from './policy.js'
import {statusDetail} from './backend/status-machine.js'
import {formatActionTime, formatFresh, formatStored} from './time.js'

/**
 * How records are shown, per microversion and caller (zun-api.md §3.1, §3.16, §3.17, §10).
 *
 * `fresh` is the POST (create/run) form: the object as the API holds it in memory before it was
 * read back, so unset dict/list fields are `null` and `created_at` has microseconds. Everything
 * else is the database form: unset dicts are `{}`, unset lists `[]`, times in whole seconds.
 */
export interface ViewOpts {
  hostUrl: string
  version: Version
  caller: Caller
  now: number
  fresh?: boolean
  /** False in lists: zun renders their items without a URL, so without `links`. */
  links?: boolean
}

export function links(hostUrl: string, resource: string, id: string): Array<{href: string; rel: string}> {
  return [
    {href: `${hostUrl}/v1/${resource}/${id}`, rel: 'self'},
    {href: `${hostUrl}/${resource}/${id}`, rel: 'bookmark'},
  ]
}

export function addressesOf(c: ContainerRecord): Record<string, Array<Record<string, unknown>>> {
  const out: Record<string, Array<Record<string, unknown>>> = {}
  for (const a of c.attachments) {
    const list = (out[a.networkId] ??= [])
    for (const ip of a.ips) {
      list.push({addr: ip.addr, version: ip.version, port: a.portId, subnet_id: ip.subnetId, preserve_on_delete: a.preserveOnDelete})
    }
  }
  return out
}

/** Keys visible only to callers allowed `container:get_one:<key>` (admins by default). */
const POLICY_KEYS = new Set(['image_pull_policy', 'host', 'runtime', 'privileged'])

export function containerView(c: ContainerRecord, o: ViewOpts): Record<string, unknown> {
  const fresh = Boolean(o.fresh)
  const dict = <T>(v: T | null): T | Record<string, never> | null => (v === null ? (fresh ? null : {}) : v)
  const list = <T>(v: T[] | null): T[] | null => (v === null ? (fresh ? null : []) : v)
  const addresses = c.networked ? addressesOf(c) : null
  const all: Array<[string, unknown]> = [
    ['uuid', c.uuid],
    ['links', o.links === false ? undefined : links(o.hostUrl, 'containers', c.uuid)],
    ['user_id', c.userId],
    ['project_id', c.projectId],
    ['name', c.name],
    ['image', c.image],
    ['command', list(c.command)],
    ['status', c.status],
    ['status_reason', c.statusReason],
    ['task_state', c.taskState],
    ['cpu', c.cpu === null ? null : pyFloat(c.cpu)],
    ['memory', c.memory],
    ['environment', dict(c.environment)],
    ['workdir', c.workdir],
    ['ports', list(c.ports)],
    ['hostname', c.hostname],
    ['labels', dict(c.labels)],
    ['addresses', dict(addresses)],
    ['image_pull_policy', c.imagePullPolicy],
    ['host', c.host],
    ['restart_policy', dict(c.restartPolicy)],
    ['status_detail', fresh ? null : statusDetail(c, o.now)],
    ['interactive', c.interactive],
    ['tty', c.tty],
    ['image_driver', c.imageDriver],
    ['security_groups', list(c.securityGroups)],
    ['auto_remove', c.autoRemove],
    ['runtime', c.runtime],
    ['disk', c.disk],
    ['auto_heal', c.autoHeal],
    ['privileged', c.privileged],
    ['healthcheck', dict(c.healthcheck)],
    ['cpu_policy', c.cpuPolicy],
    ['registry_id', c.registryId],
    ['entrypoint', list(c.entrypoint)],
    ['created_at', fresh ? formatFresh(c.createdAt) : formatStored(c.createdAt)],
    ['updated_at', fresh || c.updatedAt === null ? null : formatStored(c.updatedAt)],
  ]
  const out: Record<string, unknown> = {}
  for (const [k, v] of all) {
    if (v === undefined) continue
    if (POLICY_KEYS.has(k) && !can(o.caller, `container:get_one:${k}`, c.projectId)) continue
    out[k] = v
  }
  return out
}

/** `GET …/network_list`: one entry per port from 1.18, one per fixed IP for 1.13–1.17. */
export function networkListView(c: ContainerRecord, version: Version): {networks: Array<Record<string, unknown>>} {
  if (atLeast(version, 18)) {
    return {
      networks: c.attachments.map((a) => ({
        net_id: a.networkId,
        port_id: a.portId,
        fixed_ips: a.ips.map((ip) => ({ip_address: ip.addr, version: ip.version, subnet_id: ip.subnetId})),
      })),
    }
  }
  return {
    networks: c.attachments.flatMap((a) =>
      a.ips.map((ip) => ({net_id: a.networkId, subnet_id: ip.subnetId, port_id: a.portId, version: ip.version, ip_address: ip.addr})),
    ),
  }
}

/** A container action; `finish_time` exists from 1.33 and is null until the clock reaches it. */
export function actionView(a: ActionRecord, o: ViewOpts, withEvents: boolean): Record<string, unknown> {
  const finished = a.finishMs !== null && a.finishMs <= o.now
  const out: Record<string, unknown> = {
    action: a.action,
    container_uuid: a.containerUuid,
    message: finished ? a.message : null,
    project_id: a.projectId,
    request_id: a.requestId,
    start_time: formatActionTime(a.startMs),
  }
  if (atLeast(o.version, 33)) out.finish_time = finished ? formatActionTime(a.finishMs as number) : null
  out.user_id = a.userId
  if (withEvents) {
    const traceback = can(o.caller, 'container:action:events:traceback')
    out.events = a.events.map((e) => {
      const done = e.finishMs !== null && e.finishMs <= o.now
      const ev: Record<string, unknown> = {
        event: e.event,
        start_time: formatActionTime(e.startMs),
        finish_time: done ? formatActionTime(e.finishMs as number) : null,
        result: done ? e.result : null,
      }
      if (traceback) ev.traceback = done ? e.traceback : null
      return ev
    })
  }
  return out
}
