import {type Api, drain, reply} from '../api.js'
import {errors} from '../errors.js'
import {pyFloat} from '../../common/python.js'
import {atLeast, type Version} from '../microversion.js'
import {checkQueryKeys, parseLimit} from '../params.js'
import {enforce} from '../policy.js'
import type {ZunState} from '../backend/state.js'
import {links} from '../views.js'

/** `/v1/hosts` (1.4+, admin): the emulated compute node (zun-api.md §3.18). */

function hostView(state: ZunState, hostUrl: string, version: Version): Record<string, unknown> {
  const h = state.hostInfo
  const mine = [...state.containers.values()].filter((c) => c.host === h.hostname)
  const out: Record<string, unknown> = {
    uuid: h.uuid,
    links: links(hostUrl, 'hosts', h.uuid),
    hostname: h.hostname,
    mem_total: h.memTotal,
    cpus: h.cpus,
    total_containers: mine.length,
    architecture: h.architecture,
    os_type: h.osType,
    os: h.os,
    kernel_version: h.kernelVersion,
    labels: h.labels,
    mem_used: mine.reduce((n, c) => n + Number(c.memory), 0),
    cpu_used: pyFloat(mine.reduce((n, c) => n + (c.cpu ?? 0), 0)),
    disk_used: mine.reduce((n, c) => n + c.disk, 0),
    disk_total: h.diskTotal,
    disk_quota_supported: h.diskQuotaSupported,
    runtimes: h.runtimes,
  }
  if (atLeast(version, 29)) out.enable_cpu_pinning = h.enableCpuPinning
  return out
}

export function registerHostRoutes(api: Api, state: ZunState): void {
  api.route(
    'GET',
    '/hosts',
    (ctx) => {
      drain(ctx)
      enforce(ctx.caller, 'host:get_all')
      checkQueryKeys(ctx.query, ['limit', 'marker', 'sort_key', 'sort_dir'])
      const limit = parseLimit(ctx.query.get('limit'))
      const marker = ctx.query.get('marker')
      const all = [hostView(state, ctx.hostUrl, ctx.version)]
      const hosts = marker ? all.slice(all.findIndex((h) => h.uuid === marker) + 1) : all
      return reply(200, {hosts: hosts.slice(0, limit), next: null})
    },
    {min: 4},
  )
  api.route(
    'GET',
    '/hosts/:id',
    (ctx) => {
      drain(ctx)
      enforce(ctx.caller, 'host:get')
      const h = state.hostInfo
      if (ctx.params.id !== h.uuid && ctx.params.id !== h.hostname) throw errors.computeNodeNotFound(ctx.params.id)
      return reply(200, hostView(state, ctx.hostUrl, ctx.version))
    },
    {min: 4},
  )
}
