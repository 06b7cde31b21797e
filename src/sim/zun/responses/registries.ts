import {type Api, drain, jsonBody, reply, requireJsonContentType, type ZunCtx} from '../api.js'
import {checkAdditional} from './container-schema.js'
import {createRegistry, deleteRegistry, findRegistry, updateRegistry} from '../backend/admin.js'
import {errors} from '../errors.js'
import {checkQueryKeys, fieldError, isAllProjects, parseLimit, pyRepr} from '../params.js'
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

function parseBody(body: unknown, create: boolean): Partial<Record<(typeof FIELDS)[number], string>> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) fieldError('', body, `${pyRepr(body)} is not of type 'object'`)
  const outer = body as Record<string, unknown>
  checkAdditional(outer, ['registry'])
  const inner = outer.registry
  if (inner === undefined) throw errors.schema("'registry' is a required property")
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) fieldError('registry', inner, `${pyRepr(inner)} is not of type 'object'`)
  const r = inner as Record<string, unknown>
  checkAdditional(r, FIELDS)
  if (create && r.domain === undefined) fieldError('registry', r, "'domain' is a required property")
  const out: Partial<Record<(typeof FIELDS)[number], string>> = {}
  for (const k of FIELDS) {
    if (r[k] === undefined) continue
    if (typeof r[k] !== 'string') fieldError(`registry/${k}`, r[k], `${pyRepr(r[k])} is not of type 'string'`)
    const v = r[k] as string
    if (k === 'domain' && v.length < 1) fieldError('registry/domain', v, `${pyRepr(v)} is too short`)
    if (v.length > 255) fieldError(`registry/${k}`, v, `${pyRepr(v)} is too long`)
    out[k] = v
  }
  if (!create && Object.keys(out).length === 0) throw errors.invalidValue('Request body is empty: at least one property is required.')
  return out
}

function find(state: ZunState, ctx: ZunCtx): RegistryRecord {
  return findRegistry(state, ctx.params.id, ctx.caller)
}

export function registerRegistryRoutes(api: Api, state: ZunState): void {
  api.route('POST', '/registries', async (ctx) => {
    requireJsonContentType(ctx)
    const fields = parseBody(await jsonBody(ctx), true)
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
    const r = find(state, ctx)
    enforce(ctx.caller, 'registry:update', r.projectId)
    const fields = parseBody(await jsonBody(ctx), false)
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
