import {pyFloat} from '../../common/python.js'
import {type Api, drain, pecanKwargs, queryMixed, reply} from '../api.js'
import {deleteProjectQuotas, setClassQuotas, setProjectQuotas} from '../backend/admin.js'
import {validateOrThrow} from '../jsonschema.js'
import {quotaUpdate} from '../schemas.js'
import {enforce} from '../policy.js'
import {QUOTA_KEYS, type QuotaSet, type ZunState} from '../backend/state.js'

/**
 * `/v1/quotas/{project}` and `/v1/quota_classes/{name}` (zun-api.md §3.20). Limits are
 * `containers, memory, cpu, disk`; -1 means unlimited; create and update are checked against them.
 */

/** PUT: the schema on the query string and on the keyword arguments; values become integers. */
function parseQuota(kwargs: Record<string, unknown>): Partial<QuotaSet> {
  validateOrThrow(quotaUpdate, kwargs, 'body')
  const out: Partial<QuotaSet> = {}
  for (const [k, v] of Object.entries(kwargs)) out[k as keyof QuotaSet] = Number(v)
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
    // Zun takes any value of `usages` that is not empty as a yes (`usages=False` too).
    if (ctx.query.get('usages')) {
      const used = state.quotaUsage(ctx.params.project)
      // The usage comes from SQL sums: memory, disk and cpu are floats (`4864.0`), containers a count.
      const inUse = (k: (typeof QUOTA_KEYS)[number]) => (k === 'containers' ? used[k] : pyFloat(used[k]))
      return reply(200, Object.fromEntries(QUOTA_KEYS.map((k) => [k, {limit: limits[k], in_use: inUse(k)}])))
    }
    return reply(200, limits)
  })
  api.route('GET', '/quotas/:project/defaults', (ctx) => {
    drain(ctx)
    enforce(ctx.caller, 'quota:get_default', ctx.params.project)
    return reply(200, ordered(state.classQuotas('default')))
  })
  api.route('PUT', '/quotas/:project', async (ctx) => {
    validateOrThrow(quotaUpdate, queryMixed(ctx), 'query')
    const patch = parseQuota(await pecanKwargs(ctx))
    enforce(ctx.caller, 'quota:update', ctx.params.project)
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
    validateOrThrow(quotaUpdate, queryMixed(ctx), 'query')
    const patch = parseQuota(await pecanKwargs(ctx))
    enforce(ctx.caller, 'quota_class:update')
    setClassQuotas(state, ctx.params.name, patch)
    return reply(200, ordered(state.classQuotas(ctx.params.name)))
  })
}
