import {type Api, drain, reply, type ZunCtx} from '../api.js'
import {errors} from '../errors.js'
import {boolParam} from '../params.js'
import {enforce} from '../policy.js'
import type {ServiceRecord, ZunState} from '../backend/state.js'
import {formatStored} from '../time.js'

/**
 * `/v1/services` (admin only; tempest checks a member gets 403) and `/v1/availability_zones`
 * (zun-api.md §3.18–§3.19). The emulated zun-compute reports every 10 seconds.
 */

const REPORT_INTERVAL_MS = 10_000

function lastReport(s: ServiceRecord, now: number): number {
  return s.createdAt + Math.floor((now - s.createdAt) / REPORT_INTERVAL_MS) * REPORT_INTERVAL_MS
}

function serviceView(s: ServiceRecord, now: number): Record<string, unknown> {
  const seen = lastReport(s, now)
  return {
    id: s.id,
    host: s.host,
    binary: s.binary,
    state: s.forcedDown ? 'down' : 'up',
    disabled: s.disabled,
    disabled_reason: s.disabledReason,
    forced_down: s.forcedDown,
    report_count: Math.floor((seen - s.createdAt) / REPORT_INTERVAL_MS),
    availability_zone: s.availabilityZone,
    created_at: formatStored(s.createdAt),
    updated_at: formatStored(Math.max(seen, s.updatedAt ?? 0)),
    last_seen_up: s.forcedDown ? formatStored(s.updatedAt ?? s.createdAt) : formatStored(seen),
  }
}

function hostAndBinary(ctx: ZunCtx): {host: string; binary: string} {
  const host = ctx.query.get('host')
  const binary = ctx.query.get('binary')
  for (const [name, value] of [['host', host], ['binary', binary]] as const) {
    if (!value) throw errors.schema(`Invalid input for query parameters '${name}'. '${name}' is a required property`)
  }
  return {host: host as string, binary: binary as string}
}

function findService(state: ZunState, host: string, binary: string): ServiceRecord {
  const s = state.services.find((x) => x.host === host && x.binary === binary)
  if (!s) throw errors.zunServiceNotFound(binary, host)
  return s
}

export function registerServiceRoutes(api: Api, state: ZunState): void {
  api.route('GET', '/services', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'zun-service:get_all')
    return reply(200, {services: state.services.map((s) => serviceView(s, ctx.now))})
  })
  api.route('DELETE', '/services', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'zun-service:delete')
    const {host, binary} = hostAndBinary(ctx)
    const s = findService(state, host, binary)
    state.services.splice(state.services.indexOf(s), 1)
    return reply(200, null)
  })
  api.route('PUT', '/services/:action', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'zun-service:update')
    const {host, binary} = hostAndBinary(ctx)
    const action = ctx.params.action
    if (!['enable', 'disable', 'force_down'].includes(action)) {
      throw errors.invalidValue(`Invalid service action: ${action}. Valid actions are enable, disable and force_down.`)
    }
    const s = findService(state, host, binary)
    s.updatedAt = ctx.now
    if (action === 'force_down') {
      if (!ctx.query.has('forced_down')) {
        throw errors.schema("Invalid input for query parameters 'forced_down'. 'forced_down' is a required property")
      }
      s.forcedDown = boolParam(ctx.query, 'forced_down')
      return reply(200, {service: {host: s.host, binary: s.binary, forced_down: s.forcedDown}})
    }
    s.disabled = action === 'disable'
    s.disabledReason = s.disabled ? (ctx.query.get('disabled_reason') ?? null) : null
    return reply(200, {
      service: {host: s.host, binary: s.binary, disabled: s.disabled, disabled_reason: s.disabledReason},
    })
  })
  api.route('GET', '/availability_zones', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'availability_zones:get_all')
    const zones = [...new Set(state.services.map((s) => s.availabilityZone))]
    return reply(200, {availability_zones: zones.map((z) => ({availability_zone: z}))})
  })
}
