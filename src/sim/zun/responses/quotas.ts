import {type Api, drain, jsonBody, reply} from '../api.js'
import {deleteProjectQuotas, setClassQuotas, setProjectQuotas} from '../backend/admin.js'
import {errors} from '../errors.js'
import {fieldError, pyRepr} from '../params.js'
import {enforce} from '../policy.js'
import {QUOTA_KEYS, type QuotaSet, type ZunState} from '../backend/state.js'

/**
 * `/v1/quotas/{project}` and `/v1/quota_classes/{name}` (zun-api.md §3.20). Limits are
 * `containers, memory, cpu, disk`; -1 means unlimited; create and update are checked against them.
 */

function parseQuotaBody(body: unknown): Partial<QuotaSet> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) fieldError('', body, `${pyRepr(body)} is not of type 'object'`)
  const out: Partial<QuotaSet> = {}
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (!(QUOTA_KEYS as readonly string[]).includes(k)) {
      throw errors.schema(`Additional properties are not allowed ('${k}' was unexpected)`)
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN
    if (!Number.isInteger(n)) fieldError(k, v, `${pyRepr(v)} is not of type 'integer', 'string'`)
    if (n < -1) fieldError(k, v, `${n} is less than the minimum of -1`)
    out[k as keyof QuotaSet] = n
  }
  return out
}

function ordered(q: QuotaSet): QuotaSet {
  return {containers: q.containers, memory: q.memory, cpu: q.cpu, disk: q.disk}
}

export function registerQuotaRoutes(api: Api, state: ZunState): void {
  api.route('GET', '/quotas/:project', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'quota:get', ctx.params.project)
    const limits = ordered(state.quotaLimits(ctx.params.project))
    const usages = ctx.query.get('usages')
    if (usages !== null && ['true', '1', 'yes', 'on', 't', 'y'].includes(usages.toLowerCase())) {
      const used = state.quotaUsage(ctx.params.project)
      return reply(
        200,
        Object.fromEntries(QUOTA_KEYS.map((k) => [k, {limit: limits[k], in_use: used[k]}])),
      )
    }
    return reply(200, limits)
  })
  api.route('GET', '/quotas/:project/defaults', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'quota:get_default', ctx.params.project)
    return reply(200, ordered(state.classQuotas('default')))
  })
  api.route('PUT', '/quotas/:project', async (ctx) => {
    enforce(ctx.caller, 'quota:update')
    const patch = parseQuotaBody(await jsonBody(ctx))
    setProjectQuotas(state, ctx.params.project, patch)
    return reply(200, ordered(state.quotaLimits(ctx.params.project)))
  })
  api.route('DELETE', '/quotas/:project', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'quota:delete')
    deleteProjectQuotas(state, ctx.params.project)
    return reply(200, null)
  })
  api.route('GET', '/quota_classes/:name', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'quota_class:get')
    return reply(200, ordered(state.classQuotas(ctx.params.name)))
  })
  api.route('PUT', '/quota_classes/:name', async (ctx) => {
    enforce(ctx.caller, 'quota_class:update')
    const patch = parseQuotaBody(await jsonBody(ctx))
    setClassQuotas(state, ctx.params.name, patch)
    return reply(200, ordered(state.classQuotas(ctx.params.name)))
  })
}
