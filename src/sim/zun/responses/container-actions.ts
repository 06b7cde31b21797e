import {pyFloat} from '../../common/python.js'
import {type Api, drain, pecanKwargs, queryMixed, type Reply, reply, type ZunCtx} from '../api.js'
import {
  attachContainer,
  attachNetwork,
  type Begin,
  changeSecurityGroup,
  commitContainer,
  containerLogs,
  containerStats,
  containerTop,
  detachNetwork,
  execInContainer,
  getArchive,
  killContainer,
  lifecycleAction,
  putArchive,
  rebuildContainer,
  renameContainer,
  resizeContainer,
  resizeExec,
  resizeTty,
  unscheduledAction,
  unscheduledRebuild,
} from '../backend/actions.js'
import {beginPause, beginReboot, beginStart, beginStop, beginUnpause, parseSignal} from '../backend/lifecycle.js'
import type {ContainerRecord, NetSpec} from '../backend/model.js'
import type {ZunState} from '../backend/state.js'
import {validateState} from '../backend/status-machine.js'
import {errors, serverError} from '../errors.js'
import {type Schema, validateOrThrow} from '../jsonschema.js'
import {atLeast} from '../microversion.js'
import {enforce} from '../policy.js'
import {
  addSecurityGroup,
  networkAttach as networkAttachSchema,
  networkDetach as networkDetachSchema,
  queryCommit,
  queryExecuteCommand,
  queryExecuteResize,
  queryLogs,
  queryReboot,
  queryRename,
  queryResize,
  querySignal,
  queryStop,
  queryTop,
} from '../schemas.js'
import {actionView, containerView, networkListView} from '../views.js'
import {parsePatchBody} from './container-schema.js'
import {getContainerForRequest, opOf, viewOpts} from './containers.js'

/**
 * The per-container action handlers under `/v1/containers/{c}/…` (zun-api.md §3.5–§3.17, §5).
 * Parameters come from the query string (plus a JSON body, merged); most answer 202 with the
 * body `null`. Each finds the container, checks policy and its status, then calls the backend.
 */

/** Find (404) → policy (403) → allowed status (409). */
function target(state: ZunState, ctx: ZunCtx, action: string, stateKey = action): ContainerRecord {
  const c = getContainerForRequest(state, ctx, `container:${action}`)
  validateState(c, stateKey)
  return c
}

/** A query schema (`validate_query_param`), checked before anything else. */
function checkQuery(ctx: ZunCtx, schema: Schema): void {
  validateOrThrow(schema, queryMixed(ctx), 'query')
}

/** A controller reading `kwargs['x']` that is not there: an unhandled KeyError, 500. */
function required(kwargs: Record<string, unknown>, key: string): unknown {
  if (!Object.hasOwn(kwargs, key)) throw serverError()
  return kwargs[key]
}

function lifecycle(state: ZunState, action: string, begin: Begin, querySchema?: Schema) {
  return async (ctx: ZunCtx): Promise<Reply> => {
    if (querySchema) checkQuery(ctx, querySchema)
    drain(ctx)
    const c = target(state, ctx, action)
    if (c.host) lifecycleAction(state, c, action, begin, opOf(ctx))
    else unscheduledAction(c, action, opOf(ctx))
    return reply(202, null)
  }
}

/** oslo's `bool_from_string(strict=True)` on a value the schema already allowed. */
function strictBool(v: unknown, fallback: boolean): boolean {
  if (v === undefined) return fallback
  if (typeof v === 'boolean') return v
  return ['1', 't', 'true', 'on', 'y', 'yes'].includes(String(v).trim().toLowerCase())
}

async function kill(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const kwargs = await pecanKwargs(ctx)
  validateOrThrow(querySignal, kwargs, 'body')
  const c = target(state, ctx, 'kill')
  killContainer(state, c, parseSignal((kwargs.signal as string | null | undefined) ?? null) ?? 9, opOf(ctx))
  return reply(202, null)
}

/** The query is checked, then the container's status, and only then the command (a missing one is a KeyError, 500). */
async function execute(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  checkQuery(ctx, queryExecuteCommand)
  const kwargs = await pecanKwargs(ctx)
  const c = target(state, ctx, 'execute')
  const run = strictBool(kwargs.run, true)
  const interactive = strictBool(kwargs.interactive, false)
  const command = String(required(kwargs, 'command'))
  const result = execInContainer(state, c, {command, run, interactive}, opOf(ctx))
  return 'output' in result
    ? reply(200, {output: result.output, exit_code: result.exitCode, exec_id: null, proxy_url: null})
    : reply(200, {output: null, exit_code: null, exec_id: result.execId, proxy_url: result.proxyUrl})
}

async function executeResize(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  checkQuery(ctx, queryExecuteResize)
  const kwargs = await pecanKwargs(ctx)
  const execId = String(required(kwargs, 'exec_id'))
  const c = target(state, ctx, 'execute_resize')
  resizeExec(c, execId, {w: optionalInt(kwargs.w), h: optionalInt(kwargs.h)})
  return reply(200, null)
}

function optionalInt(v: unknown): number | undefined {
  return v === undefined || v === null ? undefined : Number(v)
}

/** `since`: an integer epoch, or `YYYY-MM-DD HH:MM:SS,fff` (UTC). Returns epoch ms. */
function parseSince(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw) * 1000
  const m = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}),(\d{1,3})/.exec(raw)
  if (!m) return undefined
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], Math.floor(Number(`0.${m[7]}`) * 1000))
}

/** stdout and stderr default to true, timestamps to false; `tail` is `all` or a count. */
function logs(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  checkQuery(ctx, queryLogs)
  const q = queryMixed(ctx)
  const c = target(state, ctx, 'logs')
  const since = typeof q.since === 'string' && q.since ? parseSince(q.since) : undefined
  const tailRaw = typeof q.tail === 'string' ? q.tail : 'all'
  const tail = /^\d+$/.test(tailRaw) ? Number(tailRaw) : undefined
  const text = containerLogs(c, {
    stdout: strictBool(q.stdout, true),
    stderr: strictBool(q.stderr, true),
    timestamps: strictBool(q.timestamps, false),
    since,
    tail,
    now: ctx.now,
  })
  return reply(200, text)
}

function top(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  checkQuery(ctx, queryTop)
  const psArgs = ctx.query.get('ps_args')
  return reply(200, containerTop(target(state, ctx, 'top'), psArgs, ctx.now))
}

function stats(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  const c = target(state, ctx, 'stats')
  const s = containerStats(c, ctx.now)
  return reply(200, {
    CONTAINER: c.name,
    'CPU %': pyFloat(s.cpuPercent),
    'MEM USAGE(MiB)': s.memUsage,
    'MEM LIMIT(MiB)': s.memLimit,
    'MEM %': pyFloat(s.memPercent),
    'BLOCK I/O(B)': s.blockIo,
    'NET I/O(B)': s.netIo,
  })
}

async function commit(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  checkQuery(ctx, queryCommit)
  const kwargs = await pecanKwargs(ctx)
  const c = target(state, ctx, 'commit')
  const repository = String(kwargs.repository)
  const tag = typeof kwargs.tag === 'string' ? kwargs.tag : undefined
  return reply(202, {uuid: await commitContainer(state, c, {repository, tag}, opOf(ctx))})
}

/** No schema: the image driver is checked by name after the status; the status is saved as Rebuilding at once. */
async function rebuild(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const kwargs = await pecanKwargs(ctx)
  const c = target(state, ctx, 'rebuild')
  const image = typeof kwargs.image === 'string' && kwargs.image ? kwargs.image : c.image
  let imageDriver = c.imageDriver ?? 'docker'
  if (kwargs.image_driver) {
    if (kwargs.image_driver !== 'glance' && kwargs.image_driver !== 'docker') {
      throw errors.validation('Invalid input for image_driver, it should be within the image drivers list')
    }
    imageDriver = kwargs.image_driver
  }
  if (c.host) await rebuildContainer(state, c, {image, imageDriver}, opOf(ctx))
  else unscheduledRebuild(c, {image, imageDriver}, opOf(ctx))
  return reply(202, null)
}

/** The archive bytes as the API carries them: base64 from 1.25, latin-1 ("raw") before. */
function archiveEncoding(ctx: ZunCtx): BufferEncoding {
  return atLeast(ctx.version, 25) ? 'base64' : 'latin1'
}

async function getArchiveHandler(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const kwargs = await pecanKwargs(ctx)
  const c = target(state, ctx, 'get_archive')
  const {archive, stat} = getArchive(c, String(required(kwargs, 'path')))
  return reply(200, {data: archive.toString(archiveEncoding(ctx)), stat})
}

async function putArchiveHandler(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const kwargs = await pecanKwargs(ctx)
  const c = target(state, ctx, 'put_archive')
  const path = String(required(kwargs, 'path'))
  const data = String(required(kwargs, 'data'))
  putArchive(c, path, Buffer.from(data, archiveEncoding(ctx)), opOf(ctx))
  return reply(200, null)
}

function attach(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  const c = target(state, ctx, 'attach')
  if (!c.interactive) throw errors.noInteractiveFlag()
  return reply(200, attachContainer(state, c, opOf(ctx)))
}

async function resizeTtyHandler(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  checkQuery(ctx, queryResize)
  const kwargs = await pecanKwargs(ctx)
  const c = target(state, ctx, 'resize')
  resizeTty(c, optionalInt(kwargs.w), optionalInt(kwargs.h))
  return reply(200, null)
}

/**
 * `network_attach`: the query and the kwargs schemas, find and policy (no status check in Zed),
 * the network resolved in Neutron, refused when the container is already on it.
 */
async function networkAttach(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  checkQuery(ctx, networkAttachSchema)
  const kwargs = await pecanKwargs(ctx)
  validateOrThrow(networkAttachSchema, kwargs, 'body')
  const c = getContainerForRequest(state, ctx, 'container:network_attach')
  const want: NetSpec = {}
  if (typeof kwargs.network === 'string') want.network = kwargs.network
  if (typeof kwargs.port === 'string') want.port = kwargs.port
  if (typeof kwargs.fixed_ip === 'string') want.fixed_ip = kwargs.fixed_ip
  await attachNetwork(state, c, want, {...opOf(ctx), ident: ctx.params.id})
  return reply(200, null)
}

/** `network_detach`: the query schema, find and policy (no status check), then whether it is attached (400 if not). */
async function networkDetach(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  drain(ctx)
  checkQuery(ctx, networkDetachSchema)
  const q = queryMixed(ctx)
  const c = getContainerForRequest(state, ctx, 'container:network_detach')
  const want = typeof q.port === 'string' && q.port ? {port: q.port} : {network: q.network as string}
  await detachNetwork(state, c, want, {...opOf(ctx), ident: ctx.params.id})
  return reply(202, null)
}

async function securityGroupAction(state: ZunState, ctx: ZunCtx, add: boolean): Promise<Reply> {
  const kwargs = await pecanKwargs(ctx)
  validateOrThrow(addSecurityGroup, kwargs, 'body')
  const c = target(state, ctx, add ? 'add_security_group' : 'remove_security_group')
  await changeSecurityGroup(state, c, String(required(kwargs, 'name')), add, opOf(ctx))
  return reply(202, null)
}

/** Up to 1.13; no status check; the same name again is a 409. */
async function rename(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  checkQuery(ctx, queryRename)
  const kwargs = await pecanKwargs(ctx)
  const name = required(kwargs, 'name')
  const c = getContainerForRequest(state, ctx, 'container:rename')
  if (c.name === name) throw errors.conflict('The new name for the container is the same as the old name.')
  renameContainer(c, String(name), ctx.now)
  return reply(200, containerView(c, viewOpts(ctx)))
}

async function resizeContainerHandler(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const changes = parsePatchBody(await pecanKwargs(ctx))
  const c = target(state, ctx, 'resize_container')
  resizeContainer(c, {cpu: changes.cpu, memory: changes.memory}, opOf(ctx))
  return reply(202, containerView(c, viewOpts(ctx)))
}

function listActions(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  enforce(ctx.caller, 'container:actions')
  const c = state.findContainer(ctx.params.id, ctx.caller)
  const list = [...c.actions].reverse().map((a) => actionView(a, viewOpts(ctx), false))
  return reply(200, {containerActions: list})
}

function showAction(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  enforce(ctx.caller, 'container:actions')
  const c = state.findContainer(ctx.params.id, ctx.caller)
  const a = c.actions.find((x) => x.requestId === ctx.params.requestId)
  if (!a) throw errors.resourceNotFound(`The Action resource ${ctx.params.requestId} could not be found.`)
  return reply(200, actionView(a, viewOpts(ctx), true))
}

export function registerContainerActionRoutes(api: Api, state: ZunState): void {
  const base = '/containers/:id'
  // pecan's custom actions: another method on their path is a 404, not a 405.
  const action = (extra: {min?: number; max?: number} = {}) => ({...extra, notFoundOnWrongMethod: true})
  api.route('POST', `${base}/start`, lifecycle(state, 'start', beginStart), action())
  api.route('POST', `${base}/stop`, lifecycle(state, 'stop', beginStop, queryStop), action())
  api.route('POST', `${base}/reboot`, lifecycle(state, 'reboot', beginReboot, queryReboot), action())
  api.route('POST', `${base}/pause`, lifecycle(state, 'pause', beginPause), action())
  api.route('POST', `${base}/unpause`, lifecycle(state, 'unpause', beginUnpause), action())
  api.route('POST', `${base}/kill`, (ctx) => kill(state, ctx), action())
  api.route('POST', `${base}/execute`, (ctx) => execute(state, ctx), action())
  api.route('POST', `${base}/execute_resize`, (ctx) => executeResize(state, ctx), action())
  api.route('GET', `${base}/logs`, (ctx) => logs(state, ctx), action())
  api.route('GET', `${base}/top`, (ctx) => top(state, ctx), action())
  api.route('GET', `${base}/stats`, (ctx) => stats(state, ctx), action())
  api.route('POST', `${base}/commit`, (ctx) => commit(state, ctx), action())
  api.route('POST', `${base}/rebuild`, (ctx) => rebuild(state, ctx), action())
  api.route('GET', `${base}/get_archive`, (ctx) => getArchiveHandler(state, ctx), action())
  api.route('POST', `${base}/put_archive`, (ctx) => putArchiveHandler(state, ctx), action())
  api.route('GET', `${base}/attach`, (ctx) => attach(state, ctx), action())
  api.route('POST', `${base}/resize`, (ctx) => resizeTtyHandler(state, ctx), action())
  api.route('POST', `${base}/network_attach`, (ctx) => networkAttach(state, ctx), action({min: 8}))
  api.route('POST', `${base}/network_detach`, (ctx) => networkDetach(state, ctx), action({min: 6}))
  api.route(
    'GET',
    `${base}/network_list`,
    (ctx) => {
      drain(ctx)
      // No policy check of its own in Zed: finding the container is all.
      return reply(200, networkListView(state.findContainer(ctx.params.id, ctx.caller), ctx.version))
    },
    action({min: 13}),
  )
  api.route('POST', `${base}/add_security_group`, (ctx) => securityGroupAction(state, ctx, true), action({max: 14}))
  api.route('POST', `${base}/remove_security_group`, (ctx) => securityGroupAction(state, ctx, false), action({max: 14}))
  api.route('POST', `${base}/rename`, (ctx) => rename(state, ctx), action({max: 13}))
  api.route('POST', `${base}/resize_container`, (ctx) => resizeContainerHandler(state, ctx), action({min: 19}))
  api.route('GET', `${base}/container_actions`, (ctx) => listActions(state, ctx))
  api.route('GET', `${base}/container_actions/:requestId`, (ctx) => showAction(state, ctx))
}
