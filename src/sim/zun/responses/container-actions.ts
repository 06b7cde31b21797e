import {randomBytes, randomUUID} from 'node:crypto'

import {NeutronError} from '../../backends/neutron.js'
import {type Api, actionParams, drain, type Reply, reply, type ZunCtx} from '../api.js'
import {checkAdditional, validateCpu, validateMemory, validateName} from './container-schema.js'
import {getContainerForRequest, viewOpts, checkQuota} from './containers.js'
import {errors, serverError} from '../errors.js'
import {runCommand} from '../backend/exec.js'
import {checkImageReference, lookUpGlanceImage} from './images.js'
import {pyFloat} from '../json.js'
import {
  beginKill,
  beginPause,
  beginRebuild,
  beginReboot,
  beginStart,
  beginStop,
  beginUnpause,
  execContext,
  type LifecycleEnv,
  parseSignal,
  recordAction,
} from '../backend/lifecycle.js'
import {atLeast} from '../microversion.js'
import type {ContainerRecord} from '../backend/model.js'
import {bindPorts, findNetwork, releaseAttachments, resolveNets, resolveSecurityGroups} from '../backend/networking.js'
import {isIPv4, isIPv6, nonNegativeIntParam, parseExtendedBool, positiveIntParam, pyRepr, queryError} from '../params.js'
import {shlexSplit} from '../backend/shlex.js'
import type {ZunState} from '../backend/state.js'
import {Status, validateState} from '../backend/status-machine.js'
import {createTar, readTar} from '../backend/tar.js'
import {formatDockerTime} from '../time.js'
import {actionView, containerView, networkListView} from '../views.js'

/**
 * The per-container actions under `/v1/containers/{c}/…` (zun-api.md §3.5–§3.17, §5). Parameters
 * come from the query string (plus a JSON body, merged); most answer 202 with the body `null`.
 */

type Begin = (c: ContainerRecord, now: number, env: LifecycleEnv) => number

function record(c: ContainerRecord, ctx: ZunCtx, action: string, finishMs: number, failed?: string | null): void {
  recordAction(c, {
    action,
    requestId: ctx.requestId,
    userId: ctx.caller.userId,
    projectId: ctx.caller.projectId,
    now: ctx.now,
    finishMs,
    failed,
  })
}

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
    const c = target(state, ctx, action)
    record(c, ctx, action, begin(c, ctx.now, state.config.lifecycle))
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

async function execute(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const command = params.get('command')
  if (command === null) throw errors.schema("Invalid input for query parameters 'command'. 'command' is a required property")
  if (command.trim() === '') queryError('command', command, `${pyRepr(command)} is too short`)
  const run = strictBool(params, 'run', true, `Valid run or interactive values are: ${BOOLS}`)
  const interactive = strictBool(params, 'interactive', false, `Valid run or interactive values are: ${BOOLS}`)
  const c = target(state, ctx, 'execute')
  record(c, ctx, 'exec_cmd', ctx.now)
  if (run) {
    let argv: string[]
    try {
      argv = shlexSplit(command)
    } catch (err) {
      throw errors.invalidValue(`Invalid command ${command}: ${(err as Error).message}`)
    }
    const result = runCommand(argv, execContext(c))
    return reply(200, {output: result.output, exit_code: result.exitCode, exec_id: null, proxy_url: null})
  }
  const execId = randomBytes(32).toString('hex')
  const token = randomUUID()
  c.execs.set(execId, {execId, command, token, interactive})
  const proxyUrl = interactive
    ? `${state.config.wsProxyUrl}?token=${token}&uuid=${c.uuid}&exec_id=${execId}`
    : null
  return reply(200, {output: null, exit_code: null, exec_id: execId, proxy_url: proxyUrl})
}

async function executeResize(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const execId = params.get('exec_id')
  if (execId === null) throw errors.schema("Invalid input for query parameters 'exec_id'. 'exec_id' is a required property")
  if (!/^[a-f0-9]{64}$/.test(execId)) queryError('exec_id', execId, `${pyRepr(execId)} does not match '^[a-f0-9]{64}$'`)
  const w = positiveIntParam(params, 'w', false)
  const h = positiveIntParam(params, 'h', false)
  const c = target(state, ctx, 'execute_resize')
  const exec = c.execs.get(execId)
  if (!exec) throw errors.invalid('no such exec instance')
  exec.ttySize = {rows: h ?? exec.ttySize?.rows ?? 0, cols: w ?? exec.ttySize?.cols ?? 0}
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
  const lines: string[] = []
  for (const run of c.runs) {
    for (const seg of run.segments) {
      const at = run.startedAt + Math.round(seg.atSec * 1000)
      if (at > ctx.now || (run.endedAt !== null && at > run.endedAt)) continue
      if ((seg.stream === 'stdout' && !stdout) || (seg.stream === 'stderr' && !stderr)) continue
      if (since !== undefined && at < since) continue
      for (const line of seg.text.split(/(?<=\n)/)) lines.push(timestamps ? `${formatDockerTime(at)} ${line}` : line)
    }
  }
  const shown = tail === undefined ? lines : tail === 0 ? [] : lines.slice(-tail)
  return reply(200, shown.join(''))
}

function top(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  const psArgs = ctx.query.get('ps_args')
  const c = target(state, ctx, 'top')
  const argv = [...(c.entrypoint ?? []), ...(c.command ?? [])]
  const cmd = argv.length ? argv.join(' ') : '/sbin/init'
  const pid = String(10_000 + (c.seq % 50_000))
  const start = new Date(c.startedAt ?? ctx.now).toISOString().slice(11, 16)
  if (psArgs && psArgs !== 'None' && /\ba|u|x/.test(psArgs)) {
    return reply(200, {
      Titles: ['USER', 'PID', '%CPU', '%MEM', 'VSZ', 'RSS', 'TTY', 'STAT', 'START', 'TIME', 'COMMAND'],
      Processes: [['root', pid, '0.0', '0.0', '1636', '4', '?', 'Ss', start, '0:00', cmd]],
    })
  }
  return reply(200, {
    Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
    Processes: [['root', pid, String(Number(pid) - 21), '0', start, '?', '00:00:00', cmd]],
  })
}

function stats(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  const c = target(state, ctx, 'stats')
  const limit = Number(c.memory)
  const usage = Math.min(limit, 2 + (c.seq % 7))
  const up = Math.max(0, Math.floor((ctx.now - (c.startedAt ?? ctx.now)) / 1000))
  return reply(200, {
    CONTAINER: c.name,
    'CPU %': pyFloat(Math.round(((c.seq % 5) * 0.37 + 0.05) * 100) / 100),
    'MEM USAGE(MiB)': usage,
    'MEM LIMIT(MiB)': limit,
    'MEM %': pyFloat(Math.round((usage / limit) * 1e6) / 1e4),
    'BLOCK I/O(B)': `${4096 * (1 + (c.seq % 3))}/0`,
    'NET I/O(B)': `${1180 + up * 12}/${656 + up * 4}`,
  })
}

async function commit(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const repository = params.get('repository')
  if (repository === null) throw errors.schema("Invalid input for query parameters 'repository'. 'repository' is a required property")
  const tag = params.get('tag') ?? undefined
  checkImageReference(tag ? `${repository}:${tag}` : repository, 'docker')
  const c = target(state, ctx, 'commit')
  const image = await state.glance.createImage({
    name: repository,
    container_format: 'docker',
    disk_format: 'raw',
    tags: tag ? [tag] : [],
    owner: c.projectId,
    visibility: 'private',
  })
  const manifest = Buffer.from(
    JSON.stringify({zunEmulatorCommit: true, container: c.uuid, image: c.image, command: c.command, repository, tag}) + '\n',
  )
  await state.glance.uploadImage(image.id, createTar([{name: 'manifest.json', data: manifest, mode: 0o644, mtime: ctx.now / 1000}]))
  record(c, ctx, 'commit', ctx.now + state.config.transitions.commit)
  return reply(202, {uuid: image.id})
}

async function rebuild(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const image = params.get('image') ?? undefined
  const driver = params.get('image_driver') ?? undefined
  if (driver !== undefined && !['docker', 'glance'].includes(driver)) {
    queryError('image_driver', driver, `${pyRepr(driver)} is not one of ['glance', 'docker']`)
  }
  const c = target(state, ctx, 'rebuild')
  const newDriver = driver ?? c.imageDriver
  const newImage = image ?? c.image
  checkImageReference(newImage, newDriver)
  c.image = newImage
  c.imageDriver = newDriver
  c.pendingError = null
  if (newDriver === 'glance') {
    const found = await lookUpGlanceImage(state, ctx.caller, newImage)
    if ('error' in found) c.pendingError = found.error
  }
  const wasRunning = c.status === Status.Running
  record(c, ctx, 'rebuild', beginRebuild(c, ctx.now, state.config.lifecycle, wasRunning), c.pendingError)
  return reply(202, null)
}

function statOf(name: string, size: number, mtime: number, dir = false): Record<string, unknown> {
  return {
    name,
    size,
    mode: dir ? 2_147_484_141 : 420,
    mtime: new Date(mtime).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    linkTarget: '',
  }
}

function containerFiles(c: ContainerRecord): Map<string, Buffer> {
  const ctx = execContext(c)
  const files = new Map(c.files)
  if (!files.has('/etc/hostname')) files.set('/etc/hostname', Buffer.from(`${ctx.hostname}\n`))
  return files
}

function getArchive(state: ZunState, ctx: ZunCtx): Reply {
  drain(ctx)
  const path = ctx.query.get('path')
  if (path === null) throw errors.schema("Invalid input for query parameters 'path'. 'path' is a required property")
  const c = target(state, ctx, 'get_archive')
  const files = containerFiles(c)
  const clean = path.replace(/\/+$/, '') || '/'
  const base = clean.split('/').pop() || '/'
  let archive: Buffer
  let stat: Record<string, unknown>
  const file = files.get(clean)
  const mtime = c.updatedAt ?? c.createdAt.ms
  if (file) {
    archive = createTar([{name: base, data: file, mode: 0o644, mtime: mtime / 1000}])
    stat = statOf(base, file.length, mtime)
  } else {
    const prefix = clean === '/' ? '/' : `${clean}/`
    const under = [...files].filter(([p]) => p.startsWith(prefix))
    // Docker answers 404 for a missing path, which zun-compute turns into a server error.
    if (!under.length) throw serverError()
    archive = createTar(
      under.map(([p, data]) => ({name: `${base}/${p.slice(prefix.length)}`, data, mode: 0o644, mtime: mtime / 1000})),
    )
    stat = statOf(base, 4096, mtime, true)
  }
  const data = atLeast(ctx.version, 25) ? archive.toString('base64') : archive.toString('latin1')
  return reply(200, {data, stat})
}

async function putArchive(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const path = params.get('path')
  if (path === null) throw errors.schema("Invalid input for query parameters 'path'. 'path' is a required property")
  const data = params.get('data')
  if (data === null) throw errors.schema("Invalid input for field 'data'. 'data' is a required property")
  const c = target(state, ctx, 'put_archive')
  const archive = atLeast(ctx.version, 25) ? Buffer.from(data, 'base64') : Buffer.from(data, 'latin1')
  let entries
  try {
    entries = readTar(archive)
  } catch {
    throw serverError()
  }
  const dir = path.replace(/\/+$/, '')
  for (const e of entries) c.files.set(`${dir}/${e.name.replace(/^\.?\//, '')}`, e.data)
  c.updatedAt = ctx.now
  record(c, ctx, 'put_archive', ctx.now)
  return reply(200, null)
}

async function attach(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  drain(ctx)
  const c = target(state, ctx, 'attach')
  if (!c.interactive) throw errors.noInteractiveFlag()
  c.websocketToken = randomUUID()
  record(c, ctx, 'container_attach', ctx.now)
  return reply(200, `${state.config.wsProxyUrl}?token=${c.websocketToken}&uuid=${c.uuid}`)
}

async function resizeTty(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const w = positiveIntParam(params, 'w') as number
  const h = positiveIntParam(params, 'h') as number
  const c = target(state, ctx, 'resize')
  c.ttySize = {rows: h, cols: w}
  return reply(200, null)
}

/** One of `network`/`port` (not both), plus an optional fixed IP. */
function networkQuery(params: URLSearchParams, withFixedIp: boolean): {network?: string; port?: string; fixed_ip?: string} {
  const network = params.get('network') ?? undefined
  const port = params.get('port') ?? undefined
  if ((network === undefined) === (port === undefined)) {
    throw errors.schema(
      network === undefined
        ? "Invalid input for query parameters. Either 'network' or 'port' is required."
        : "Invalid input for query parameters. 'network' and 'port' cannot be given together.",
    )
  }
  const out: {network?: string; port?: string; fixed_ip?: string} = {network, port}
  const fixed = params.get('fixed_ip')
  if (withFixedIp && fixed !== null) {
    if (!isIPv4(fixed) && !isIPv6(fixed)) queryError('fixed_ip', fixed, `${pyRepr(fixed)} is not a 'ip_address'`)
    out.fixed_ip = fixed
  }
  return out
}

async function networkAttach(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const want = networkQuery(params, true)
  const c = target(state, ctx, 'network_attach')
  const [requested] = await resolveNets(state, ctx.caller, [want])
  if (c.attachments.some((a) => a.networkId === requested.network.id)) {
    throw errors.invalid(`Container ${c.uuid} is already connected to network ${requested.network.id}.`)
  }
  const sgs = c.exposedSecurityGroup ? [c.exposedSecurityGroup] : (c.securityGroups ?? undefined)
  // Zun casts the attach to compute and answers at once: a Neutron failure there (a fixed IP
  // outside the subnet, already in use…) leaves the container as it was and fails the action.
  try {
    c.attachments.push(...(await bindPorts(state, c, ctx.caller, [requested], sgs?.length ? sgs : undefined)))
    c.networked = true
    c.updatedAt = ctx.now
    record(c, ctx, 'network_attach', ctx.now)
  } catch (err) {
    if (!(err instanceof NeutronError)) throw err
    record(c, ctx, 'network_attach', ctx.now, err.message)
  }
  return reply(200, null)
}

async function networkDetach(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const want = networkQuery(params, false)
  const c = target(state, ctx, 'network_detach')
  let matches
  if (want.port) {
    matches = c.attachments.filter((a) => a.portId === want.port)
    if (!matches.length) {
      const ports = await state.neutron.listPorts({name: want.port, device_id: c.uuid})
      matches = c.attachments.filter((a) => ports.some((p) => p.id === a.portId))
    }
    if (!matches.length) throw errors.invalid(`Port ${want.port} is not attached to container ${c.uuid}.`)
  } else {
    const direct = c.attachments.filter((a) => a.networkId === want.network)
    const netId = direct.length ? want.network : (await findNetwork(state, ctx.caller, want.network as string)).id
    matches = c.attachments.filter((a) => a.networkId === netId)
    if (!matches.length) throw errors.invalid(`Container ${c.uuid} is not connected to network ${want.network}.`)
  }
  await releaseAttachments(state, matches)
  c.attachments = c.attachments.filter((a) => !matches.includes(a))
  c.updatedAt = ctx.now
  record(c, ctx, 'network_detach', ctx.now)
  return reply(202, null)
}

async function securityGroupAction(state: ZunState, ctx: ZunCtx, add: boolean): Promise<Reply> {
  const params = await actionParams(ctx)
  const name = params.get('name')
  if (name === null) throw errors.schema("Invalid input for query parameters 'name'. 'name' is a required property")
  const action = add ? 'add_security_group' : 'remove_security_group'
  const c = target(state, ctx, action)
  const [id] = await resolveSecurityGroups(state, ctx.caller, [name])
  const current = c.securityGroups ?? []
  if (add && current.includes(id)) throw errors.invalidValue(`Security group ${name} has been added to container.`)
  if (!add && !current.includes(id)) throw errors.invalidValue(`Security group ${name} was not added to container.`)
  const next = add ? [...current, id] : current.filter((x) => x !== id)
  for (const a of c.attachments) {
    await state.neutron.updatePort(a.portId, {security_groups: next})
    a.securityGroups = next
  }
  c.securityGroups = next
  c.updatedAt = ctx.now
  record(c, ctx, action, ctx.now)
  return reply(202, null)
}

async function rename(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  const name = params.get('name')
  if (name === null) throw errors.schema("Invalid input for query parameters 'name'. 'name' is a required property")
  validateName(name)
  const c = getContainerForRequest(state, ctx, 'container:rename')
  c.name = name
  c.updatedAt = ctx.now
  return reply(200, containerView(c, viewOpts(ctx)))
}

async function resizeContainer(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const params = await actionParams(ctx)
  checkAdditional(Object.fromEntries(params), ['cpu', 'memory'])
  const cpu = params.has('cpu') ? validateCpu(params.get('cpu')) : undefined
  const memory = params.has('memory') ? validateMemory(params.get('memory')) : undefined
  const c = target(state, ctx, 'resize_container')
  const newCpu = cpu ?? c.cpu
  const newMemory = memory ?? c.memory
  checkQuota(state, c.projectId, {containers: 0, cpu: newCpu - c.cpu, memory: Number(newMemory) - Number(c.memory), disk: 0})
  c.cpu = newCpu
  c.memory = newMemory
  c.updatedAt = ctx.now
  record(c, ctx, 'resize', ctx.now)
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
  api.route('POST', `${base}/kill`, async (ctx) => {
    const params = await actionParams(ctx)
    const signal = parseSignal(params.get('signal'))
    if (signal === undefined) throw errors.invalidValue(`Bad signal: ${params.get('signal')}`)
    const c = target(state, ctx, 'kill')
    record(c, ctx, 'kill', beginKill(c, ctx.now, state.config.lifecycle, signal))
    return reply(202, null)
  })
  api.route('POST', `${base}/execute`, (ctx) => execute(state, ctx))
  api.route('POST', `${base}/execute_resize`, (ctx) => executeResize(state, ctx))
  api.route('GET', `${base}/logs`, (ctx) => logs(state, ctx))
  api.route('GET', `${base}/top`, (ctx) => top(state, ctx))
  api.route('GET', `${base}/stats`, (ctx) => stats(state, ctx))
  api.route('POST', `${base}/commit`, (ctx) => commit(state, ctx))
  api.route('POST', `${base}/rebuild`, (ctx) => rebuild(state, ctx))
  api.route('GET', `${base}/get_archive`, (ctx) => getArchive(state, ctx))
  api.route('POST', `${base}/put_archive`, (ctx) => putArchive(state, ctx))
  api.route('GET', `${base}/attach`, (ctx) => attach(state, ctx))
  api.route('POST', `${base}/resize`, (ctx) => resizeTty(state, ctx))
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
  api.route('POST', `${base}/resize_container`, (ctx) => resizeContainer(state, ctx), {min: 19})
  api.route('GET', `${base}/container_actions`, (ctx) => listActions(state, ctx))
  api.route('GET', `${base}/container_actions/:requestId`, (ctx) => showAction(state, ctx))
}

