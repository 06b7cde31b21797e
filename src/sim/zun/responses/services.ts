import {type Api, drain, reply, type ZunCtx} from '../api.js'
import {deleteService, findService, setServiceDisabled, setServiceForcedDown} from '../backend/admin.js'
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
    deleteService(state, findService(state, host, binary))
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
    if (action === 'force_down') {
      if (!ctx.query.has('forced_down')) {
        throw errors.schema("Invalid input for query parameters 'forced_down'. 'forced_down' is a required property")
      }
      setServiceForcedDown(s, boolParam(ctx.query, 'forced_down'), ctx.now)
      return reply(200, {service: {host: s.host, binary: s.binary, forced_down: s.forcedDown}})
    }
    setServiceDisabled(s, action === 'disable', ctx.query.get('disabled_reason') ?? null, ctx.now)
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
