import {type Api, drain, pecanKwargs, queryMixed, type Reply, reply, requireJsonContentType, type ZunCtx} from '../api.js'
import {findRegistry} from '../backend/admin.js'
import {checkQuota, createContainer, deleteContainer, isSortKey, LIST_FILTERS, type ListFilter, listContainers, updateContainer} from '../backend/containers.js'
import {resolveNets, resolveSecurityGroups} from '../backend/networking.js'
import type {ContainerRecord} from '../backend/model.js'
import type {OpContext, ZunState} from '../backend/state.js'
import {Status, validateState} from '../backend/status-machine.js'
import {errors} from '../errors.js'
import {validateOrThrow} from '../jsonschema.js'
import {atLeast} from '../microversion.js'
import {boolParam, checkQueryKeys, isAllProjects, parseLimit} from '../params.js'
import {enforce} from '../policy.js'
import {containerView} from '../views.js'
import {queryCreate, queryDelete} from '../schemas.js'
import {checkFieldVersion, createSchema, parsePatchBody, toCreateSpec} from './container-schema.js'

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

/**
 * `ContainersController.post` and `_do_post`, step by step in the real order: content type,
 * query and body schemas, policy, security groups (Neutron), quota (of what was asked: the
 * defaults are filled in later), the version and policy of each field, networks (Neutron), then
 * the backend (requested host, scheduling, compute).
 */
async function create(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  requireJsonContentType(ctx)
  validateOrThrow(queryCreate, queryMixed(ctx), 'query')
  const run = boolParam(ctx.query, 'run')
  const body = await pecanKwargs(ctx, ['run'])
  validateOrThrow(createSchema(ctx.version), body, 'body')
  const spec = toCreateSpec(body, ctx.version)
  const caller = ctx.caller
  const v = ctx.version
  enforce(caller, 'container:create')
  const securityGroups = spec.securityGroups ? await resolveSecurityGroups(state, caller, spec.securityGroups) : undefined
  checkQuota(state, caller.projectId, {containers: 1, cpu: spec.cpu ?? 0, memory: Number(spec.memory ?? 0), disk: spec.disk ?? 0})
  if (body.auto_remove !== undefined && body.auto_remove !== null) checkFieldVersion('auto_remove', 3, v)
  if (spec.runtime !== undefined) {
    checkFieldVersion('runtime', 5, v)
    enforce(caller, 'container:create:runtime')
  }
  if (spec.hostname !== undefined) checkFieldVersion('hostname', 9, v)
  const requested = await resolveNets(state, caller, spec.nets)
  if (spec.healthcheck) checkFieldVersion('healthcheck', 22, v)
  if (spec.mounts.length) checkFieldVersion('mounts', 11, v)
  if (spec.privileged !== undefined) {
    checkFieldVersion('privileged', 21, v)
    enforce(caller, 'container:create:privileged')
  }
  if (spec.imagePullPolicy) enforce(caller, 'container:create:image_pull_policy')
  if (spec.exposedPorts) checkFieldVersion('exposed_ports', 24, v)
  let registryId: string | null = null
  if (spec.registry) {
    checkFieldVersion('registry', 31, v)
    registryId = findRegistry(state, spec.registry, caller).uuid
  }
  if (spec.host) enforce(caller, 'container:create:requested_destination')
  const c = await createContainer(state, spec, {...opOf(ctx), version: v, run, requested, securityGroups, registryId})
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
  if (!isSortKey(sortKey)) throw errors.invalidParameterValue(`The sort_key value "${sortKey}" is an invalid field for sorting`)
  const page = listContainers(state, {caller, allProjects: all, filters, sortKey, sortDir: dir, marker: q.get('marker'), limit})
  const next =
    page.length > 0 && page.length === limit
      ? `${ctx.hostUrl}/v1/containers?sort_key=${sortKey}&sort_dir=${dir}&limit=${limit}&marker=${page[page.length - 1].uuid}`
      : null
  // The list's items carry no links (the collection renders them without a URL).
  return reply(200, {containers: page.map((c) => containerView(c, {...viewOpts(ctx), links: false})), next})
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
  validateOrThrow(queryDelete, queryMixed(ctx), 'query')
  const all = isAllProjects(q)
  if (all) enforce(ctx.caller, 'container:delete_all_projects')
  const c = state.findContainer(ctx.params.id, ctx.caller, all)
  enforce(ctx.caller, 'container:delete', c.projectId)
  const force = boolParam(q, 'force')
  const stop = boolParam(q, 'stop')
  // With stop=True a Running container is stopped first (10 s timeout), then deleted.
  let stopFirstMs = 0
  if (!force && !stop) {
    validateState(c, 'delete')
  } else if (force && !stop) {
    checkFieldVersion('force', 7, ctx.version)
    enforce(ctx.caller, 'container:delete_force')
    validateState(c, 'delete_force')
  } else {
    checkFieldVersion('stop', 12, ctx.version)
    validateState(c, 'delete_after_stop')
    if (c.status === Status.Running) {
      enforce(ctx.caller, 'container:stop', c.projectId)
      stopFirstMs = state.config.transitions.stop
    }
  }
  // Before 1.10 delete was synchronous.
  await deleteContainer(state, c, {...opOf(ctx), synchronous: !atLeast(ctx.version, 10), stopFirstMs})
  return reply(204)
}

/** PATCH: the schema comes first (a bad field is a 400 whatever the container), then find, policy, status. */
async function patch(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const changes = parsePatchBody(await pecanKwargs(ctx))
  const c = getContainerForRequest(state, ctx, 'container:update')
  validateState(c, 'update')
  updateContainer(state, c, changes, opOf(ctx))
  return reply(200, containerView(c, viewOpts(ctx)))
}

export function registerContainerRoutes(api: Api, state: ZunState): void {
  api.route('POST', '/containers', (ctx) => create(state, ctx))
  api.route('GET', '/containers', (ctx) => list(state, ctx))
  api.route('GET', '/containers/:id', (ctx) => show(state, ctx))
  api.route('DELETE', '/containers/:id', (ctx) => remove(state, ctx))
  api.route('PATCH', '/containers/:id', (ctx) => patch(state, ctx))
}
