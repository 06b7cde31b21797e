import {randomBytes, randomUUID} from 'node:crypto'

import {NeutronError} from '../../backends/neutron.js'
import {errors, serverError} from '../errors.js'
import {formatDockerTime} from '../time.js'
import {runCommand} from './exec.js'
import {lookUpGlanceImage} from './images.js'
import {beginKill, beginRebuild, execContext, type LifecycleEnv, recordAction} from './lifecycle.js'
import type {ContainerRecord, NetSpec} from './model.js'
import {bindPorts, findNetwork, findPort, releaseAttachments, resolveNets, resolveSecurityGroups} from './networking.js'
import {shlexSplit} from './shlex.js'
import type {OpContext, ZunState} from './state.js'
import {Status} from './status-machine.js'
import {createTar, readTar} from './tar.js'

/**
 * What happens behind the per-container actions (zun's compute API and compute manager): the
 * handlers in responses/container-actions.ts have found the container and checked policy and
 * its status. Each records a container action the way compute does.
 */

function record(c: ContainerRecord, op: OpContext, action: string, finishMs: number | null, failed?: string | null): void {
  recordAction(c, {action, requestId: op.requestId, userId: op.caller.userId, projectId: op.caller.projectId, now: op.now, finishMs, failed})
}

export type Begin = (c: ContainerRecord, now: number, env: LifecycleEnv) => number

/** start, stop, reboot, pause, unpause: compute's steps from `begin`, and the action. */
export function lifecycleAction(state: ZunState, c: ContainerRecord, action: string, begin: Begin, op: OpContext): void {
  record(c, op, action, begin(c, op.now, state.config.lifecycle))
}

/**
 * start, reboot, rebuild of a container no compute host took (it was never scheduled): zun's API
 * records the action and casts it to a host that is `None`, so nothing ever happens. Zed's API
 * itself saves Restarting for a reboot (and Rebuilding for a rebuild, see unscheduledRebuild),
 * with no task, and there the container stays; a start leaves it in Error.
 */
export function unscheduledAction(c: ContainerRecord, action: string, op: OpContext): void {
  if (action === 'reboot') {
    c.status = Status.Restarting
    c.taskState = null
    c.updatedAt = op.now
  }
  record(c, op, action, null)
}

export function unscheduledRebuild(c: ContainerRecord, o: {image: string; imageDriver: string}, op: OpContext): void {
  c.image = o.image
  c.imageDriver = o.imageDriver
  c.status = Status.Rebuilding
  c.taskState = null
  c.updatedAt = op.now
  record(c, op, 'rebuild', null)
}

export function killContainer(state: ZunState, c: ContainerRecord, signal: number, op: OpContext): void {
  record(c, op, 'kill', beginKill(c, op.now, state.config.lifecycle, signal))
}

export type ExecResult = {output: string; exitCode: number} | {execId: string; proxyUrl: string | null}

/** `execute`: run now (its output), or make an exec instance for the websocket proxy. */
export function execInContainer(
  state: ZunState,
  c: ContainerRecord,
  o: {command: string; run: boolean; interactive: boolean},
  op: OpContext,
): ExecResult {
  record(c, op, 'exec_cmd', op.now)
  if (o.run) {
    let argv: string[]
    try {
      argv = shlexSplit(o.command)
    } catch (err) {
      throw errors.invalidValue(`Invalid command ${o.command}: ${(err as Error).message}`)
    }
    const result = runCommand(argv, execContext(c))
    return {output: result.output, exitCode: result.exitCode}
  }
  const execId = randomBytes(32).toString('hex')
  const token = randomUUID()
  c.execs.set(execId, {execId, command: o.command, token, interactive: o.interactive})
  const proxyUrl = o.interactive ? `${state.config.wsProxyUrl}?token=${token}&uuid=${c.uuid}&exec_id=${execId}` : null
  return {execId, proxyUrl}
}

/** `execute_resize`: the exec instance's tty size. */
export function resizeExec(c: ContainerRecord, execId: string, size: {w?: number; h?: number}): void {
  const exec = c.execs.get(execId)
  if (!exec) throw errors.invalid('no such exec instance')
  exec.ttySize = {rows: size.h ?? exec.ttySize?.rows ?? 0, cols: size.w ?? exec.ttySize?.cols ?? 0}
}

export interface LogsOptions {
  stdout: boolean
  stderr: boolean
  timestamps: boolean
  /** Epoch ms. */
  since?: number
  /** Lines from the end; undefined: all. */
  tail?: number
  now: number
}

/** What Docker's logs give: the main process's output of every run so far, as asked. */
export function containerLogs(c: ContainerRecord, o: LogsOptions): string {
  const lines: string[] = []
  for (const run of c.runs) {
    for (const seg of run.segments) {
      const at = run.startedAt + Math.round(seg.atSec * 1000)
      if (at > o.now || (run.endedAt !== null && at > run.endedAt)) continue
      if ((seg.stream === 'stdout' && !o.stdout) || (seg.stream === 'stderr' && !o.stderr)) continue
      if (o.since !== undefined && at < o.since) continue
      for (const line of seg.text.split(/(?<=\n)/)) lines.push(o.timestamps ? `${formatDockerTime(at)} ${line}` : line)
    }
  }
  const shown = o.tail === undefined ? lines : o.tail === 0 ? [] : lines.slice(-o.tail)
  return shown.join('')
}

/** Docker's `top`: the main process, in `ps -ef` columns or, with `aux`-style arguments, `ps aux`'s. */
export function containerTop(c: ContainerRecord, psArgs: string | null, now: number): {Titles: string[]; Processes: string[][]} {
  const argv = [...(c.entrypoint ?? []), ...(c.command ?? [])]
  const cmd = argv.length ? argv.join(' ') : '/sbin/init'
  const pid = String(10_000 + (c.seq % 50_000))
  const start = new Date(c.startedAt ?? now).toISOString().slice(11, 16)
  if (psArgs && psArgs !== 'None' && /\ba|u|x/.test(psArgs)) {
    return {
      Titles: ['USER', 'PID', '%CPU', '%MEM', 'VSZ', 'RSS', 'TTY', 'STAT', 'START', 'TIME', 'COMMAND'],
      Processes: [['root', pid, '0.0', '0.0', '1636', '4', '?', 'Ss', start, '0:00', cmd]],
    }
  }
  return {
    Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
    Processes: [['root', pid, String(Number(pid) - 21), '0', start, '?', '00:00:00', cmd]],
  }
}

/** A stats snapshot: steady, plausible figures derived from the container. */
export function containerStats(c: ContainerRecord, now: number) {
  const limit = Number(c.memory)
  const usage = Math.min(limit, 2 + (c.seq % 7))
  const up = Math.max(0, Math.floor((now - (c.startedAt ?? now)) / 1000))
  return {
    cpuPercent: Math.round(((c.seq % 5) * 0.37 + 0.05) * 100) / 100,
    memUsage: usage,
    memLimit: limit,
    memPercent: Math.round((usage / limit) * 1e6) / 1e4,
    blockIo: `${4096 * (1 + (c.seq % 3))}/0`,
    netIo: `${1180 + up * 12}/${656 + up * 4}`,
  }
}

/** `commit`: a new Glance image (docker format) holding a manifest of the container. Returns its id. */
export async function commitContainer(state: ZunState, c: ContainerRecord, o: {repository: string; tag?: string}, op: OpContext): Promise<string> {
  const image = await state.glance.createImage({
    name: o.repository,
    container_format: 'docker',
    disk_format: 'raw',
    tags: o.tag ? [o.tag] : [],
    owner: c.projectId,
    visibility: 'private',
  })
  const manifest = Buffer.from(
    JSON.stringify({zunEmulatorCommit: true, container: c.uuid, image: c.image, command: c.command, repository: o.repository, tag: o.tag}) + '\n',
  )
  await state.glance.uploadImage(image.id, createTar([{name: 'manifest.json', data: manifest, mode: 0o644, mtime: op.now / 1000}]))
  record(c, op, 'commit', op.now + state.config.transitions.commit)
  return image.id
}

/** `rebuild` with a new image and driver, if given; a Running container runs again afterwards. */
export async function rebuildContainer(state: ZunState, c: ContainerRecord, o: {image: string; imageDriver: string}, op: OpContext): Promise<void> {
  c.image = o.image
  c.imageDriver = o.imageDriver
  c.pendingError = null
  if (o.imageDriver === 'glance') {
    const found = await lookUpGlanceImage(state, op.caller, o.image)
    if ('error' in found) c.pendingError = found.error
  }
  const wasRunning = c.status === Status.Running
  record(c, op, 'rebuild', beginRebuild(c, op.now, state.config.lifecycle, wasRunning), c.pendingError)
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
  const files = new Map(c.files)
  if (!files.has('/etc/hostname')) files.set('/etc/hostname', Buffer.from(`${execContext(c).hostname}\n`))
  return files
}

/** `get_archive`: a tar of the file or folder at `path`, and its stat. */
export function getArchive(c: ContainerRecord, path: string): {archive: Buffer; stat: Record<string, unknown>} {
  const files = containerFiles(c)
  const clean = path.replace(/\/+$/, '') || '/'
  const base = clean.split('/').pop() || '/'
  const mtime = c.updatedAt ?? c.createdAt.ms
  const file = files.get(clean)
  if (file) {
    return {archive: createTar([{name: base, data: file, mode: 0o644, mtime: mtime / 1000}]), stat: statOf(base, file.length, mtime)}
  }
  const prefix = clean === '/' ? '/' : `${clean}/`
  const under = [...files].filter(([p]) => p.startsWith(prefix))
  // Docker answers 404 for a missing path, which zun-compute turns into a server error.
  if (!under.length) throw serverError()
  return {
    archive: createTar(under.map(([p, data]) => ({name: `${base}/${p.slice(prefix.length)}`, data, mode: 0o644, mtime: mtime / 1000}))),
    stat: statOf(base, 4096, mtime, true),
  }
}

/** `put_archive`: the tar's members written under `path`. */
export function putArchive(c: ContainerRecord, path: string, archive: Buffer, op: OpContext): void {
  let entries
  try {
    entries = readTar(archive)
  } catch {
    throw serverError()
  }
  const dir = path.replace(/\/+$/, '')
  for (const e of entries) c.files.set(`${dir}/${e.name.replace(/^\.?\//, '')}`, e.data)
  c.updatedAt = op.now
  record(c, op, 'put_archive', op.now)
}

/** `attach`: a fresh websocket token, and the proxy URL that carries it. */
export function attachContainer(state: ZunState, c: ContainerRecord, op: OpContext): string {
  c.websocketToken = randomUUID()
  record(c, op, 'container_attach', op.now)
  return `${state.config.wsProxyUrl}?token=${c.websocketToken}&uuid=${c.uuid}`
}

/** `resize`: the main process's tty size (attach sessions); a size left out stays as it was. */
export function resizeTty(c: ContainerRecord, w: number | undefined, h: number | undefined): void {
  c.ttySize = {rows: h ?? c.ttySize?.rows ?? 0, cols: w ?? c.ttySize?.cols ?? 0}
}

/** The container as the request named it, for the messages that quote it. */
export type NamedOp = OpContext & {ident: string}

/**
 * `network_attach`: the network (or port) is resolved in Neutron, and refused when the container
 * is already on that network. Zun then casts the attach to compute and answers at once: a Neutron
 * failure there (a fixed IP outside the subnet, already in use…) leaves the container as it was and
 * fails the action; a container no host took gets nothing at all.
 */
export async function attachNetwork(state: ZunState, c: ContainerRecord, want: NetSpec, op: NamedOp): Promise<void> {
  const [requested] = await resolveNets(state, op.caller, [want])
  if (c.attachments.some((a) => a.networkId === requested.network.id)) {
    throw errors.invalid(
      want.port
        ? `Cannot attach port '${want.port}' to container '${op.ident}' because another port on the same network is already attached to this container.`
        : `Network '${want.network}' is already connected to container '${op.ident}'.`,
    )
  }
  if (!c.host) {
    record(c, op, 'network_attach', null)
    return
  }
  const sgs = c.exposedSecurityGroup ? [c.exposedSecurityGroup] : (c.securityGroups ?? undefined)
  try {
    c.attachments.push(...(await bindPorts(state, c, op.caller, [requested], sgs?.length ? sgs : undefined)))
    c.networked = true
    c.updatedAt = op.now
    record(c, op, 'network_attach', op.now)
  } catch (err) {
    if (!(err instanceof NeutronError)) throw err
    record(c, op, 'network_attach', op.now, err.message)
  }
}

/** `network_detach` of a network or of one port: 400 when the container is not on it; then every port on that network goes. */
export async function detachNetwork(state: ZunState, c: ContainerRecord, want: {network?: string; port?: string}, op: NamedOp): Promise<void> {
  let netId: string
  if (want.port) {
    const port = await findPort(state, op.caller, want.port)
    netId = port.network_id
    if (!c.attachments.some((a) => a.networkId === netId && a.portId === port.id)) {
      throw errors.invalid(`Port '${want.port}' is not attached to container '${op.ident}'.`)
    }
  } else {
    netId = (await findNetwork(state, op.caller, want.network as string)).id
    if (!c.attachments.some((a) => a.networkId === netId)) {
      throw errors.invalid(`Network '${want.network}' is not attached to container '${op.ident}'.`)
    }
  }
  const matches = c.attachments.filter((a) => a.networkId === netId)
  await releaseAttachments(state, matches)
  c.attachments = c.attachments.filter((a) => !matches.includes(a))
  c.updatedAt = op.now
  record(c, op, 'network_detach', op.now)
}

/** `add_security_group` / `remove_security_group` (up to 1.14): every port of the container follows. */
export async function changeSecurityGroup(state: ZunState, c: ContainerRecord, name: string, add: boolean, op: OpContext): Promise<void> {
  const [id] = await resolveSecurityGroups(state, op.caller, [name])
  const current = c.securityGroups ?? []
  if (add && current.includes(id)) throw errors.invalidValue(`Security group ${id} has been added to container.`)
  if (!add && !current.includes(id)) throw errors.invalidValue(`Security group ${id} was not added to container.`)
  const next = add ? [...current, id] : current.filter((x) => x !== id)
  for (const a of c.attachments) {
    await state.neutron.updatePort(a.portId, {security_groups: next})
    a.securityGroups = next
  }
  c.securityGroups = next
  c.updatedAt = op.now
  record(c, op, add ? 'add_security_group' : 'remove_security_group', op.now)
}

export function renameContainer(c: ContainerRecord, name: string, now: number): void {
  c.name = name
  c.updatedAt = now
}

/** `resize_container` (1.19+): cpu and memory (unlike PATCH, without a quota check). */
export function resizeContainer(c: ContainerRecord, o: {cpu?: number; memory?: string}, op: OpContext): void {
  c.cpu = o.cpu ?? c.cpu
  c.memory = o.memory ?? c.memory
  c.updatedAt = op.now
  record(c, op, 'resize', op.now)
}
