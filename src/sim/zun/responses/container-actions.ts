import {type Api, actionParams, drain, type Reply, reply, type ZunCtx} from '../api.js'
import {
  attachContainer,
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
  attachNetwork,
} from '../backend/actions.js'
import {checkImageReference} from '../backend/images.js'
import {beginPause, beginReboot, beginStart, beginStop, beginUnpause, parseSignal} from '../backend/lifecycle.js'
import type {ContainerRecord, NetSpec} from '../backend/model.js'
import type {ZunState} from '../backend/state.js'
import {validateState} from '../backend/status-machine.js'
import {errors} from '../errors.js'
import {pyFloat} from '../../common/python.js'
import {atLeast} from '../microversion.js'
import {isIPv4, isIPv6, nonNegativeIntParam, parseExtendedBool, positiveIntParam, pyRepr, queryError} from '../params.js'
import {actionView, containerView, networkListView} from '../views.js'
import {checkAdditional, validateCpu, validateMemory, validateName} from './container-schema.js'
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

function lifecycle(state: ZunState, action: string, begin: Begin, check?: (p: URLSearchParams) => void) {
  return async (ctx: ZunCtx): Promise<Reply> => {
    const params = await actionParams(ctx)
    check?.(params)
    lifecycleAction(state, target(state, ctx, action), action, begin, opOf(ctx))
    return reply(202, null)
  }
}

function strictBool(params: URLSearchParams, name: string, fallback: boolean, message: string): boolean {
  const raw = params.get(name)
  if (raw === null) return fallback
  const v = parseExtendedBool(raw)
  if (v === undefined) throw errors.invalidValue(message)
  return v
}

const BOOLS = '1, t, true, on, y, yes, 0, f, false, off, n, no'

async function kill(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const signal = parseSignal(params.get('signal'))
  if (signal === undefined) throw errors.invalidValue(`Bad signal: ${params.get('signal')}`)
  killContainer(state, target(state, ctx, 'kill'), signal, opOf(ctx))
  return reply(202, null)
}

async function execute(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const command = params.get('command')
  if (command === null) throw errors.schema("Invalid input for query parameters 'command'. 'command' is a required property")
  if (command.trim() === '') queryError('command', command, `${pyRepr(command)} is too short`)
  const run = strictBool(params, 'run', true, `Valid run or interactive values are: ${BOOLS}`)
  const interactive = strictBool(params, 'interactive', false, `Valid run or interactive values are: ${BOOLS}`)
  const result = execInContainer(state, target(state, ctx, 'execute'), {command, run, interactive}, opOf(ctx))
  return 'output' in result
    ? reply(200, {output: result.output, exit_code: result.exitCode, exec_id: null, proxy_url: null})
    : reply(200, {output: null, exit_code: null, exec_id: result.execId, proxy_url: result.proxyUrl})
}

async function executeResize(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const execId = params.get('exec_id')
  if (execId === null) throw errors.schema("Invalid input for query parameters 'exec_id'. 'exec_id' is a required property")
  if (!/^[a-f0-9]{64}$/.test(execId)) queryError('exec_id', execId, `${pyRepr(execId)} does not match '^[a-f0-9]{64}$'`)
  const w = positiveIntParam(params, 'w', false)
  const h = positiveIntParam(params, 'h', false)
  resizeExec(target(state, ctx, 'execute_resize'), execId, {w, h})
  return reply(200, null)
}

/** `since`: an integer epoch, or `YYYY-MM-DD HH:MM:SS,fff` (UTC). Returns epoch ms. */
function parseSince(raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw) * 1000
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}),(\d{1,6})$/.exec(raw)
  if (!m) throw errors.invalidValue(`Invalid since value ${raw}: expected an integer timestamp or YYYY-MM-DD HH:MM:SS,fff`)
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], Math.floor(Number(`0.${m[7]}`) * 1000))
}

function logs(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  const q = ctx.query
  const msg = "Valid stdout, stderr and timestamps values are ''true'', ''\"false\"'', True, False, 0 and 1, yes and no"
  let stdout = strictBool(q, 'stdout', false, msg)
  let stderr = strictBool(q, 'stderr', false, msg)
  if (!q.has('stdout') && !q.has('stderr')) stdout = stderr = true
  const timestamps = strictBool(q, 'timestamps', false, msg)
  const since = q.get('since') ? parseSince(q.get('since') as string) : undefined
  const tailRaw = q.get('tail') ?? 'all'
  const tail = /^\d+$/.test(tailRaw) ? Number(tailRaw) : undefined
  const c = target(state, ctx, 'logs')
  return reply(200, containerLogs(c, {stdout, stderr, timestamps, since, tail, now: ctx.now}))
}

function top(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
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
  const params = await actionParams(ctx)
  const repository = params.get('repository')
  if (repository === null) throw errors.schema("Invalid input for query parameters 'repository'. 'repository' is a required property")
  const tag = params.get('tag') ?? undefined
  checkImageReference(tag ? `${repository}:${tag}` : repository, 'docker')
  const uuid = await commitContainer(state, target(state, ctx, 'commit'), {repository, tag}, opOf(ctx))
  return reply(202, {uuid})
}

async function rebuild(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const image = params.get('image') ?? undefined
  const driver = params.get('image_driver') ?? undefined
  if (driver !== undefined && !['docker', 'glance'].includes(driver)) {
    queryError('image_driver', driver, `${pyRepr(driver)} is not one of ['glance', 'docker']`)
  }
  const c = target(state, ctx, 'rebuild')
  const imageDriver = driver ?? c.imageDriver
  const newImage = image ?? c.image
  checkImageReference(newImage, imageDriver)
  await rebuildContainer(state, c, {image: newImage, imageDriver}, opOf(ctx))
  return reply(202, null)
}

/** The archive bytes as the API carries them: base64 from 1.25, latin-1 ("raw") before. */
function archiveEncoding(ctx: ZunCtx): BufferEncoding {
  return atLeast(ctx.version, 25) ? 'base64' : 'latin1'
}

function getArchiveHandler(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  const path = ctx.query.get('path')
  if (path === null) throw errors.schema("Invalid input for query parameters 'path'. 'path' is a required property")
  const {archive, stat} = getArchive(target(state, ctx, 'get_archive'), path)
  return reply(200, {data: archive.toString(archiveEncoding(ctx)), stat})
}

async function putArchiveHandler(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const path = params.get('path')
  if (path === null) throw errors.schema("Invalid input for query parameters 'path'. 'path' is a required property")
  const data = params.get('data')
  if (data === null) throw errors.schema("Invalid input for field 'data'. 'data' is a required property")
  putArchive(target(state, ctx, 'put_archive'), path, Buffer.from(data, archiveEncoding(ctx)), opOf(ctx))
  return reply(200, null)
}

function attach(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  const c = target(state, ctx, 'attach')
  if (!c.interactive) throw errors.noInteractiveFlag()
  return reply(200, attachContainer(state, c, opOf(ctx)))
}

async function resizeTtyHandler(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const w = positiveIntParam(params, 'w') as number
  const h = positiveIntParam(params, 'h') as number
  resizeTty(target(state, ctx, 'resize'), w, h)
  return reply(200, null)
}

/** One of `network`/`port` (not both), plus an optional fixed IP. */
function networkQuery(params: URLSearchParams, withFixedIp: boolean): NetSpec {
  const network = params.get('network') ?? undefined
  const port = params.get('port') ?? undefined
  if ((network === undefined) === (port === undefined)) {
    throw errors.schema(
      network === undefined
        ? "Invalid input for query parameters. Either 'network' or 'port' is required."
        : "Invalid input for query parameters. 'network' and 'port' cannot be given together.",
    )
  }
  const out: NetSpec = {network, port}
  const fixed = params.get('fixed_ip')
  if (withFixedIp && fixed !== null) {
    if (!isIPv4(fixed) && !isIPv6(fixed)) queryError('fixed_ip', fixed, `${pyRepr(fixed)} is not a 'ip_address'`)
    out.fixed_ip = fixed
  }
  return out
}

async function networkAttach(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const want = networkQuery(await actionParams(ctx), true)
  await attachNetwork(state, target(state, ctx, 'network_attach'), want, opOf(ctx))
  return reply(200, null)
}

async function networkDetach(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const want = networkQuery(await actionParams(ctx), false)
  await detachNetwork(state, target(state, ctx, 'network_detach'), want, opOf(ctx))
  return reply(202, null)
}

async function securityGroupAction(state: ZunState, ctx: ZunCtx, add: boolean): Promise<Reply> {
  const params = await actionParams(ctx)
  const name = params.get('name')
  if (name === null) throw errors.schema("Invalid input for query parameters 'name'. 'name' is a required property")
  const c = target(state, ctx, add ? 'add_security_group' : 'remove_security_group')
  await changeSecurityGroup(state, c, name, add, opOf(ctx))
  return reply(202, null)
}

async function rename(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const name = params.get('name')
  if (name === null) throw errors.schema("Invalid input for query parameters 'name'. 'name' is a required property")
  validateName(name)
  const c = getContainerForRequest(state, ctx, 'container:rename')
  renameContainer(c, name, ctx.now)
  return reply(200, containerView(c, viewOpts(ctx)))
}

async function resizeContainerHandler(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  checkAdditional(Object.fromEntries(params), ['cpu', 'memory'])
  const cpu = params.has('cpu') ? validateCpu(params.get('cpu')) : undefined
  const memory = params.has('memory') ? validateMemory(params.get('memory')) : undefined
  const c = target(state, ctx, 'resize_container')
  resizeContainer(state, c, {cpu, memory}, opOf(ctx))
  return reply(202, containerView(c, viewOpts(ctx)))
}

function listActions(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  const c = getContainerForRequest(state, ctx, 'container:actions')
  const list = [...c.actions].reverse().map((a) => actionView(a, viewOpts(ctx), false))
  return reply(200, {containerActions: list})
}

function showAction(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  const c = getContainerForRequest(state, ctx, 'container:actions')
  const a = c.actions.find((x) => x.requestId === ctx.params.requestId)
  if (!a) throw errors.resourceNotFound(`Action ${ctx.params.requestId} on container ${c.uuid} could not be found.`)
  return reply(200, actionView(a, viewOpts(ctx), true))
}

function timeoutCheck(p: URLSearchParams): void {
  if (p.get('timeout') === 'None') return
  nonNegativeIntParam(p, 'timeout')
}

export function registerContainerActionRoutes(api: Api, state: ZunState): void {
  const base = '/containers/:id'
  api.route('POST', `${base}/start`, lifecycle(state, 'start', beginStart))
  api.route('POST', `${base}/stop`, lifecycle(state, 'stop', beginStop, timeoutCheck))
  api.route('POST', `${base}/reboot`, lifecycle(state, 'reboot', beginReboot, timeoutCheck))
  api.route('POST', `${base}/pause`, lifecycle(state, 'pause', beginPause))
  api.route('POST', `${base}/unpause`, lifecycle(state, 'unpause', beginUnpause))
  api.route('POST', `${base}/kill`, (ctx) => kill(state, ctx))
  api.route('POST', `${base}/execute`, (ctx) => execute(state, ctx))
  api.route('POST', `${base}/execute_resize`, (ctx) => executeResize(state, ctx))
  api.route('GET', `${base}/logs`, (ctx) => logs(state, ctx))
  api.route('GET', `${base}/top`, (ctx) => top(state, ctx))
  api.route('GET', `${base}/stats`, (ctx) => stats(state, ctx))
  api.route('POST', `${base}/commit`, (ctx) => commit(state, ctx))
  api.route('POST', `${base}/rebuild`, (ctx) => rebuild(state, ctx))
  api.route('GET', `${base}/get_archive`, (ctx) => getArchiveHandler(state, ctx))
  api.route('POST', `${base}/put_archive`, (ctx) => putArchiveHandler(state, ctx))
  api.route('GET', `${base}/attach`, (ctx) => attach(state, ctx))
  api.route('POST', `${base}/resize`, (ctx) => resizeTtyHandler(state, ctx))
  api.route('POST', `${base}/network_attach`, (ctx) => networkAttach(state, ctx), {min: 8})
  api.route('POST', `${base}/network_detach`, (ctx) => networkDetach(state, ctx), {min: 6})
  api.route(
    'GET',
    `${base}/network_list`,
    (ctx) => {
      drain(ctx)
      return reply(200, networkListView(getContainerForRequest(state, ctx, 'container:network_list'), ctx.version))
    },
    {min: 13},
  )
  api.route('POST', `${base}/add_security_group`, (ctx) => securityGroupAction(state, ctx, true), {max: 14})
  api.route('POST', `${base}/remove_security_group`, (ctx) => securityGroupAction(state, ctx, false), {max: 14})
  api.route('POST', `${base}/rename`, (ctx) => rename(state, ctx), {max: 13})
  api.route('POST', `${base}/resize_container`, (ctx) => resizeContainerHandler(state, ctx), {min: 19})
  api.route('GET', `${base}/container_actions`, (ctx) => listActions(state, ctx))
  api.route('GET', `${base}/container_actions/:requestId`, (ctx) => showAction(state, ctx))
}
