import {type Api, drain, pecanKwargs, queryMixed, type Reply, reply, type ZunCtx} from '../api.js'
import {deleteService, findService, setServiceDisabled, setServiceForcedDown} from '../backend/admin.js'
import {errors, serverError} from '../errors.js'
import {type Schema, validateOrThrow} from '../jsonschema.js'
import {queryServiceDisable, queryServiceEnable, queryServiceForceDown} from '../schemas.js'
import {parseExtendedBool} from '../params.js'
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

/** `body['host']`, `body['binary']`…: a key the request lacks is an unhandled KeyError (500). */
function field(kwargs: Record<string, unknown>, key: string): string {
  if (!Object.hasOwn(kwargs, key)) throw serverError()
  return String(kwargs[key])
}

/**
 * enable / disable / force_down: the query schema, the policy of the action, then host and binary
 * from the keyword arguments (query string or JSON body).
 */
function serviceAction(state: ZunState, action: 'enable' | 'disable' | 'force_down', schema: Schema) {
  return async (ctx: ZunCtx): Promise<Reply> => {
    validateOrThrow(schema, queryMixed(ctx), 'query')
    const kwargs = await pecanKwargs(ctx)
    enforce(ctx.caller, `zun-service:${action}`)
    if (action === 'force_down') {
      const raw = field(kwargs, 'forced_down')
      const forcedDown = parseExtendedBool(raw)
      if (forcedDown === undefined) throw errors.invalidValue(`Valid forced_down values are: ${BOOLS}`)
      const s = findService(state, field(kwargs, 'host'), field(kwargs, 'binary'))
      setServiceForcedDown(s, forcedDown, ctx.now)
      return reply(200, {service: {host: s.host, binary: s.binary, forced_down: forcedDown}})
    }
    const reason = action === 'disable' && typeof kwargs.disabled_reason === 'string' ? kwargs.disabled_reason : null
    const s = findService(state, field(kwargs, 'host'), field(kwargs, 'binary'))
    setServiceDisabled(s, action === 'disable', reason, ctx.now)
    return reply(200, {service: {host: s.host, binary: s.binary, disabled: s.disabled, disabled_reason: s.disabledReason}})
  }
}

const BOOLS = '1, t, true, on, y, yes, 0, f, false, off, n, no'

export function registerServiceRoutes(api: Api, state: ZunState): void {
  api.route('GET', '/services', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'zun-service:get_all')
    return reply(200, {services: state.services.map((s) => serviceView(s, ctx.now))})
  })
  api.route('DELETE', '/services', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'zun-service:delete')
    const host = ctx.query.get('host')
    const binary = ctx.query.get('binary')
    for (const [name, value] of [['host', host], ['binary', binary]] as const) {
      if (!value) throw errors.schema(`Invalid input for query parameters '${name}'. '${name}' is a required property`)
    }
    deleteService(state, findService(state, host as string, binary as string))
    return reply(200, null)
  })
  api.route('PUT', '/services/enable', serviceAction(state, 'enable', queryServiceEnable))
  api.route('PUT', '/services/disable', serviceAction(state, 'disable', queryServiceDisable))
  api.route('PUT', '/services/force_down', serviceAction(state, 'force_down', queryServiceForceDown))
  // Any other action: pecan's RestController answers 405 with the methods the collection has.
  api.route('PUT', '/services/:action', () => {
    throw errors.methodNotAllowed('PUT', 'DELETE, GET')
  })
  api.route('GET', '/availability_zones', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'availability_zones:get_all')
    const zones = [...new Set(state.services.map((s) => s.availabilityZone))]
    return reply(200, {availability_zones: zones.map((z) => ({availability_zone: z}))})
  })
}
