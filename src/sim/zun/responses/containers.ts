import {type Api, drain, jsonBody, type Reply, reply, requireJsonContentType, type ZunCtx} from '../api.js'
import {createContainer, deleteContainer, isSortKey, LIST_FILTERS, type ListFilter, listContainers, updateContainer} from '../backend/containers.js'
import {checkImageReference} from '../backend/images.js'
import type {ContainerRecord} from '../backend/model.js'
import type {OpContext, ZunState} from '../backend/state.js'
import {Status, validateState} from '../backend/status-machine.js'
import {errors} from '../errors.js'
import {atLeast, formatVersion} from '../microversion.js'
import {boolParam, checkQueryKeys, isAllProjects, parseLimit} from '../params.js'
import {enforce} from '../policy.js'
import {containerView} from '../views.js'
import {validateCreateBody, validatePatchBody} from './container-schema.js'

/**
 * Container CRUD handlers: create/run, list, show, delete, PATCH (zun-api.md §3.1–§3.4, §3.11,
 * §4.5). Each parses and checks the request as zun-api's controller does (schema, policy, the
 * container's status), calls the backend operation, and renders the answer.
 */

export function viewOpts(ctx: ZunCtx, fresh = false) {
  return {hostUrl: ctx.hostUrl, version: ctx.version, caller: ctx.caller, now: ctx.now, fresh}
}

/** What the backend needs to know about the request. */
export function opOf(ctx: ZunCtx): OpContext {
  return {caller: ctx.caller, requestId: ctx.requestId, now: ctx.now}
}

async function create(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  requireJsonContentType(ctx)
  checkQueryKeys(ctx.query, ['run'])
  const run = boolParam(ctx.query, 'run')
  const spec = validateCreateBody(await jsonBody(ctx), ctx.version)
  const caller = ctx.caller
  enforce(caller, 'container:create')
  if (spec.runtime !== undefined) enforce(caller, 'container:create:runtime')
  if (spec.imagePullPolicy !== undefined) enforce(caller, 'container:create:image_pull_policy')
  if (spec.privileged) enforce(caller, 'container:create:privileged')
  if (spec.host !== undefined) {
    enforce(caller, 'container:create:requested_destination')
    if (!state.hostExists(spec.host)) throw errors.invalidValue(`The requested host ${spec.host} does not exist.`)
  }
  checkImageReference(spec.image, spec.imageDriver ?? 'docker')
  const c = await createContainer(state, spec, {...opOf(ctx), version: ctx.version, run})
  return reply(202, containerView(c, viewOpts(ctx, true)), {Location: `${ctx.hostUrl}/v1/containers/${c.uuid}`})
}

function list(state: ZunState, ctx: ZunCtx): Reply {
  const q = ctx.query
  const caller = ctx.caller
  const all = isAllProjects(q)
  if (all) enforce(caller, 'container:get_all_all_projects')
  enforce(caller, 'container:get_all')
  const limit = parseLimit(q.get('limit'))
  const dir = q.get('sort_dir') ?? 'asc'
  if (dir !== 'asc' && dir !== 'desc') throw errors.invalidValue(`Invalid sort direction: ${dir}. Acceptable values are 'asc' or 'desc'`)
  const sortKey = q.get('sort_key') ?? 'id'
  const filters: Array<[ListFilter, string]> = []
  for (const key of LIST_FILTERS) {
    const value = q.get(key)
    if (value === null) continue
    enforce(caller, `container:get_one:${key}`)
    filters.push([key, key === 'auto_remove' ? String(boolParam(q, key)) : value])
  }
  checkQueryKeys(q, ['all_projects', 'limit', 'marker', 'sort_key', 'sort_dir', ...LIST_FILTERS])
  if (!isSortKey(sortKey)) throw errors.invalidValue(`Invalid sort_key: ${sortKey}`)
  const page = listContainers(state, {caller, allProjects: all, filters, sortKey, sortDir: dir, marker: q.get('marker'), limit})
  const next =
    page.length > 0 && page.length === limit
      ? `${ctx.hostUrl}/v1/containers?sort_key=${sortKey}&sort_dir=${dir}&limit=${limit}&marker=${page[page.length - 1].uuid}`
      : null
  return reply(200, {containers: page.map((c) => containerView(c, viewOpts(ctx))), next})
}

/** `api_utils.get_resource('Container', …)` then the policy check on it. */
export function getContainerForRequest(state: ZunState, ctx: ZunCtx, policy?: string): ContainerRecord {
  const all = ctx.query.has('all_projects') ? isAllProjects(ctx.query) : false
  const c = state.findContainer(ctx.params.id, ctx.caller, all)
  if (policy) enforce(ctx.caller, policy, c.projectId)
  return c
}

function show(state: ZunState, ctx: ZunCtx): Reply {
  checkQueryKeys(ctx.query, ['all_projects'])
  if (isAllProjects(ctx.query)) enforce(ctx.caller, 'container:get_one_all_projects')
  const c = getContainerForRequest(state, ctx, 'container:get_one')
  return reply(200, containerView(c, viewOpts(ctx)))
}

async function remove(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  drain(ctx)
  const q = ctx.query
  checkQueryKeys(q, ['force', 'stop', 'all_projects'])
  const all = isAllProjects(q)
  if (all) enforce(ctx.caller, 'container:delete_all_projects')
  const force = boolParam(q, 'force')
  const stop = boolParam(q, 'stop')
  // The CLI always sends force=False&stop=False; only a true value needs the newer version.
  if (force && !atLeast(ctx.version, 7)) throw errors.invalidParamInVersion('force', formatVersion(ctx.version), '1.7')
  if (stop && !atLeast(ctx.version, 12)) throw errors.invalidParamInVersion('stop', formatVersion(ctx.version), '1.12')
  const c = state.findContainer(ctx.params.id, ctx.caller, all)
  enforce(ctx.caller, 'container:delete', c.projectId)
  // With stop=True a Running container is stopped first (10 s timeout), then deleted.
  let stopFirstMs = 0
  if (stop) {
    validateState(c, 'delete_after_stop')
    if (c.status === Status.Running) {
      enforce(ctx.caller, 'container:stop', c.projectId)
      stopFirstMs = state.config.transitions.stop
    }
  } else if (force) {
    enforce(ctx.caller, 'container:delete_force', c.projectId)
    validateState(c, 'delete_force')
  } else {
    validateState(c, 'delete')
  }
  // Before 1.10 delete was synchronous.
  await deleteContainer(state, c, {...opOf(ctx), synchronous: !atLeast(ctx.version, 10), stopFirstMs})
  return reply(204)
}

async function patch(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const c = getContainerForRequest(state, ctx, 'container:update')
  validateState(c, 'update')
  updateContainer(state, c, validatePatchBody(await jsonBody(ctx), ctx.version), opOf(ctx))
  return reply(200, containerView(c, viewOpts(ctx)))
}

export function registerContainerRoutes(api: Api, state: ZunState): void {
  api.route('POST', '/containers', (ctx) => create(state, ctx))
  api.route('GET', '/containers', (ctx) => list(state, ctx))
  api.route('GET', '/containers/:id', (ctx) => show(state, ctx))
  api.route('DELETE', '/containers/:id', (ctx) => remove(state, ctx))
  api.route('PATCH', '/containers/:id', (ctx) => patch(state, ctx))
}
