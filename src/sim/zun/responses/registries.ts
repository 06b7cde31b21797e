import {type Api, drain, pecanKwargs, reply, requireJsonContentType, type ZunCtx} from '../api.js'
import {createRegistry, deleteRegistry, findRegistry, updateRegistry} from '../backend/admin.js'
import {errors} from '../errors.js'
import {validateOrThrow} from '../jsonschema.js'
import {checkQueryKeys, isAllProjects, parseLimit} from '../params.js'
import {registryCreate, registryUpdate} from '../schemas.js'
import {enforce} from '../policy.js'
import type {RegistryRecord, ZunState} from '../backend/state.js'
import {links} from '../views.js'

/**
 * `/v1/registries` (zun-api.md §3.21): private registries for `--registry`. Bodies are wrapped
 * in `{"registry": {…}}`; the password is always shown as `***`.
 */

const FIELDS = ['name', 'domain', 'username', 'password'] as const
const FILTERS = ['name', 'domain', 'project_id', 'user_id', 'username'] as const

function view(r: RegistryRecord, hostUrl: string): Record<string, unknown> {
  return {
    uuid: r.uuid,
    links: links(hostUrl, 'registries', r.uuid),
    name: r.name,
    domain: r.domain,
    username: r.username,
    password: '***',
    user_id: r.userId,
    project_id: r.projectId,
  }
}

/** The body schema (`{"registry": {…}}`, `domain` required to create), then the fields. */
function parseBody(body: Record<string, unknown>, create: boolean): Partial<Record<(typeof FIELDS)[number], string>> {
  validateOrThrow(create ? registryCreate : registryUpdate, body, 'body')
  const r = body.registry as Record<string, string>
  const out: Partial<Record<(typeof FIELDS)[number], string>> = {}
  for (const k of FIELDS) if (r[k] !== undefined) out[k] = r[k]
  return out
}

function find(state: ZunState, ctx: ZunCtx): RegistryRecord {
  return findRegistry(state, ctx.params.id, ctx.caller)
}

export function registerRegistryRoutes(api: Api, state: ZunState): void {
  api.route('POST', '/registries', async (ctx) => {
    requireJsonContentType(ctx)
    const fields = parseBody(await pecanKwargs(ctx), true)
    enforce(ctx.caller, 'registry:create')
    const r = createRegistry(state, {...fields, domain: fields.domain as string}, ctx.caller)
    return reply(201, {registry: view(r, ctx.hostUrl)}, {Location: `${ctx.hostUrl}/v1/registries/${r.uuid}`})
  })
  api.route('GET', '/registries', (ctx) => {
    drain(ctx)
    const q = ctx.query
    const all = isAllProjects(q)
    if (all) enforce(ctx.caller, 'registry:get_all_all_projects')
    enforce(ctx.caller, 'registry:get_all')
    checkQueryKeys(q, ['all_projects', 'limit', 'marker', 'sort_key', 'sort_dir', ...FILTERS])
    const limit = parseLimit(q.get('limit'))
    const dir = q.get('sort_dir') ?? 'asc'
    if (dir !== 'asc' && dir !== 'desc') throw errors.invalidValue(`Invalid sort direction: ${dir}. Acceptable values are 'asc' or 'desc'`)
    const sortKey = q.get('sort_key') ?? 'id'
    const key = (r: RegistryRecord): string | number =>
      sortKey === 'id' ? r.seq : String((r as unknown as Record<string, unknown>)[sortKey === 'project_id' ? 'projectId' : sortKey === 'user_id' ? 'userId' : sortKey] ?? '')
    let list = [...state.registries.values()]
      .filter((r) => all || r.projectId === ctx.caller.projectId)
      .filter((r) =>
        FILTERS.every((f) => {
          const want = q.get(f)
          if (want === null) return true
          const have = f === 'project_id' ? r.projectId : f === 'user_id' ? r.userId : r[f]
          return have === want
        }),
      )
      .sort((a, b) => {
        const x = key(a)
        const y = key(b)
        return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
      })
    if (dir === 'desc') list.reverse()
    const marker = q.get('marker')
    if (marker) {
      const at = list.findIndex((r) => r.uuid === marker)
      if (at < 0) throw errors.registryNotFound(marker)
      list = list.slice(at + 1)
    }
    const page = list.slice(0, limit)
    const next =
      page.length > 0 && page.length === limit
        ? `${ctx.hostUrl}/v1/registries?sort_key=${sortKey}&sort_dir=${dir}&limit=${limit}&marker=${page[page.length - 1].uuid}`
        : null
    return reply(200, {registries: page.map((r) => view(r, ctx.hostUrl)), next})
  })
  api.route('GET', '/registries/:id', (ctx) => {
    drain(ctx)
    const r = find(state, ctx)
    enforce(ctx.caller, 'registry:get_one', r.projectId)
    return reply(200, {registry: view(r, ctx.hostUrl)})
  })
  api.route('PATCH', '/registries/:id', async (ctx) => {
    const fields = parseBody(await pecanKwargs(ctx), false)
    const r = find(state, ctx)
    enforce(ctx.caller, 'registry:update', r.projectId)
    updateRegistry(r, fields)
    return reply(200, {registry: view(r, ctx.hostUrl)})
  })
  api.route('DELETE', '/registries/:id', (ctx) => {
    drain(ctx)
    const r = find(state, ctx)
    enforce(ctx.caller, 'registry:delete', r.projectId)
    deleteRegistry(state, r)
    return reply(204)
  })
}
