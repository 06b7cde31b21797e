import type {RequestOptions, ServiceClient} from '../../http/service-client.js'

import {MrctlError} from '../../core/errors.js'
import {zunMinor} from './client.js'
import {pyBool, ZUN_JSON_HEADERS} from './common.js'
import {type Container, ContainerStatus, containerPath, getContainer} from './containers.js'
import {quoteCommand} from './input.js'

/**
 * The per-container actions under `/v1/containers/{c}/…` (zun-api.md §3.5–§3.17, §5) and the
 * container action records (`container_actions`). As zunclient sends them: parameters in the
 * query string (Python's `urlencode`: `+` for spaces, `True`/`False`, `None` for "not given"),
 * no body, `Content-Type: application/json`. Most answer 202 with the body `null`.
 */

// ---------------------------------------------------------------------------------------------
// Types

export interface ExecResult {
  output: string | null
  exit_code: number | null
  exec_id: string | null
  proxy_url: string | null
}

export interface TopResult {
  Titles: string[]
  Processes: string[][]
}

export interface ArchiveStat {
  name: string
  size: number
  mode: number
  mtime: string
  linkTarget: string
}

export interface ContainerNetwork {
  net_id: string
  port_id: string
  fixed_ips: Array<{ip_address: string; version?: number; subnet_id?: string}> | null
  [key: string]: unknown
}

export interface ContainerAction {
  action: string
  container_uuid: string
  message: string | null
  project_id: string
  request_id: string
  start_time: string
  finish_time?: string | null
  user_id: string
  events?: Array<Record<string, unknown>>
  [key: string]: unknown
}

export interface LogsOptions {
  stdout?: boolean
  stderr?: boolean
  since?: string
  timestamps?: boolean
  tail?: string
}

// ---------------------------------------------------------------------------------------------
// Plumbing

const path = (ref: string, action: string): string => `${containerPath(ref)}/${action}`

async function call<T>(c: ServiceClient, method: string, ref: string, action: string, query?: RequestOptions['query'], json?: unknown): Promise<T> {
  const res = await c.request(method, path(ref, action), {query, json, headers: json === undefined ? ZUN_JSON_HEADERS : undefined})
  return res.data as T
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

export const startContainer = (c: ServiceClient, ref: string) => call<null>(c, 'POST', ref, 'start')
export const stopContainer = (c: ServiceClient, ref: string, timeout: number) => call<null>(c, 'POST', ref, 'stop', {timeout})
/** `appcontainer restart` is the `reboot` action. */
export const restartContainer = (c: ServiceClient, ref: string, timeout: number) => call<null>(c, 'POST', ref, 'reboot', {timeout})
export const pauseContainer = (c: ServiceClient, ref: string) => call<null>(c, 'POST', ref, 'pause')
export const unpauseContainer = (c: ServiceClient, ref: string) => call<null>(c, 'POST', ref, 'unpause')
/** `?signal=None` when no signal is given (the server then sends SIGKILL). */
export const killContainer = (c: ServiceClient, ref: string, signal?: string) =>
  call<null>(c, 'POST', ref, 'kill', {signal: signal ?? 'None'})

/** `?image=…&image_driver=…`, or no query at all. */
export const rebuildContainer = (c: ServiceClient, ref: string, o: {image?: string; imageDriver?: string} = {}) =>
  call<null>(c, 'POST', ref, 'rebuild', {image: o.image, image_driver: o.imageDriver})

/** `?repository=…[&tag=…]`: 202 with `{uuid}`, the Glance image being uploaded. */
export const commitContainer = (c: ServiceClient, ref: string, repository: string, tag?: string) =>
  call<{uuid: string}>(c, 'POST', ref, 'commit', {repository, tag})

// ---------------------------------------------------------------------------------------------
// exec, logs, attach, top, stats

/**
 * `POST …/execute?command="w1" "w2"…` (the quoted string, in the query); with `interactive`
 * also `&interactive=True&run=False`, which answers with an exec id and a websocket URL.
 */
export function executeCommand(c: ServiceClient, ref: string, argv: string[], o: {interactive?: boolean} = {}): Promise<ExecResult> {
  const query: Record<string, string> = {command: quoteCommand(argv)}
  if (o.interactive) Object.assign(query, {interactive: 'True', run: 'False'})
  return call<ExecResult>(c, 'POST', ref, 'execute', query)
}

export const executeResize = (c: ServiceClient, ref: string, execId: string, width: number, height: number) =>
  call<null>(c, 'POST', ref, 'execute_resize', {exec_id: execId, w: width, h: height})

/** `stdout`, `stderr` (both True when neither was asked), `since`, `timestamps`, `tail` (default `all`). */
export function logsQuery(o: LogsOptions): Record<string, string | undefined> {
  const both = !o.stdout && !o.stderr
  return {
    stdout: pyBool(both || Boolean(o.stdout)),
    stderr: pyBool(both || Boolean(o.stderr)),
    since: o.since,
    timestamps: pyBool(Boolean(o.timestamps)),
    tail: o.tail ?? 'all',
  }
}

/** `GET …/logs?…`: the log text (a JSON string). */
export async function containerLogs(c: ServiceClient, ref: string, o: LogsOptions = {}): Promise<string> {
  const text = await call<unknown>(c, 'GET', ref, 'logs', logsQuery(o))
  return typeof text === 'string' ? text : text == null ? '' : JSON.stringify(text)
}

/** `GET …/attach`: the websocket URL (a JSON string). */
export const attachUrl = (c: ServiceClient, ref: string) => call<string>(c, 'GET', ref, 'attach')

/** `POST …/resize?w=&h=`: the tty size of an attached container. */
export const resizeContainerTty = (c: ServiceClient, ref: string, width: number, height: number) =>
  call<null>(c, 'POST', ref, 'resize', {w: width, h: height})

/** `GET …/top?ps_args=None`, or the `--pid` values joined with spaces. */
export const containerTop = (c: ServiceClient, ref: string, psArgs?: string[]) =>
  call<TopResult>(c, 'GET', ref, 'top', {ps_args: psArgs?.length ? psArgs.join(' ') : 'None'})

export const containerStats = (c: ServiceClient, ref: string) => call<Record<string, unknown>>(c, 'GET', ref, 'stats')

// ---------------------------------------------------------------------------------------------
// Archives (cp): base64 from 1.25, raw bytes in a JSON string before

/** `GET …/get_archive?path=`: the tar, decoded, and its stat. */
export async function getArchive(c: ServiceClient, ref: string, archivePath: string): Promise<{data: Buffer; stat: ArchiveStat}> {
  const res = await call<{data: string; stat: ArchiveStat}>(c, 'GET', ref, 'get_archive', {path: archivePath})
  return {data: Buffer.from(res.data ?? '', zunMinor(c) >= 25 ? 'base64' : 'latin1'), stat: res.stat}
}

/** `POST …/put_archive?path=` with `{"data": <tar>}`. */
export const putArchive = (c: ServiceClient, ref: string, archivePath: string, tar: Buffer) =>
  call<null>(c, 'POST', ref, 'put_archive', {path: archivePath}, {data: tar.toString(zunMinor(c) >= 25 ? 'base64' : 'latin1')})

// ---------------------------------------------------------------------------------------------
// Networks and security groups

/** `?network=…[&fixed_ip=…]` or `?port=…` (1.8+). */
export const networkAttach = (c: ServiceClient, ref: string, o: {network?: string; port?: string; fixedIp?: string}) =>
  call<null>(c, 'POST', ref, 'network_attach', {network: o.network, port: o.port, fixed_ip: o.fixedIp})

/** `?network=…` or `?port=…` (1.6+). */
export const networkDetach = (c: ServiceClient, ref: string, o: {network?: string; port?: string}) =>
  call<null>(c, 'POST', ref, 'network_detach', {network: o.network, port: o.port})

/** `GET …/network_list` (1.13+): one entry per port from 1.18. */
export async function listContainerNetworks(c: ServiceClient, ref: string): Promise<ContainerNetwork[]> {
  return (await call<{networks?: ContainerNetwork[]}>(c, 'GET', ref, 'network_list')).networks ?? []
}

/** `?name=<group>`; the server has it only up to 1.14. */
export const addSecurityGroup = (c: ServiceClient, ref: string, group: string) =>
  call<null>(c, 'POST', ref, 'add_security_group', {name: group})

export const removeSecurityGroup = (c: ServiceClient, ref: string, group: string) =>
  call<null>(c, 'POST', ref, 'remove_security_group', {name: group})

// ---------------------------------------------------------------------------------------------
// Container action records

export async function listContainerActions(c: ServiceClient, ref: string): Promise<ContainerAction[]> {
  return (await call<{containerActions?: ContainerAction[]}>(c, 'GET', ref, 'container_actions')).containerActions ?? []
}

export const getContainerAction = (c: ServiceClient, ref: string, requestId: string) =>
  call<ContainerAction>(c, 'GET', ref, `container_actions/${encodeURIComponent(requestId)}`)

// ---------------------------------------------------------------------------------------------
// A container no compute host ever took

/**
 * After a start, reboot or rebuild was accepted: the container if it was never scheduled, else
 * undefined. When Zun's scheduler found no host at create ("There are not enough hosts
 * available."), no compute node has the container, yet the API accepts these actions (202) and
 * nothing ever happens: start leaves it in Error, reboot and rebuild leave it in Restarting or
 * Rebuilding with no task. Admins see `host` null; for others the container's actions tell
 * (compute records a `create` only once the container was scheduled).
 */
export async function unscheduledContainer(c: ServiceClient, ref: string): Promise<Container | undefined> {
  const ct = await getContainer(c, ref)
  const stuck: string[] = [ContainerStatus.Error, ContainerStatus.Restarting, ContainerStatus.Rebuilding]
  if (ct.task_state != null || !stuck.includes(ct.status)) return undefined
  if ('host' in ct) return ct.host === null ? ct : undefined
  const actions = await listContainerActions(c, ct.uuid)
  return actions.some((a) => a.action === 'create') ? undefined : ct
}

/** The warning for a never-scheduled container that `verb` was accepted for, and its fix. */
export function unscheduledWarning(c: Container, verb: string): {message: string; actions: string[]} {
  return {
    message: `container ${c.name} (${c.uuid}) was never scheduled on a compute host: Zun accepted the ${verb}, but nothing will happen; ${stays(c)}`,
    actions: [fix(c)],
  }
}

/** A --wait that would never end: the container was never scheduled (see unscheduledContainer). Exit 1. */
export class UnscheduledContainerError extends MrctlError {
  constructor(c: Container, verb: string) {
    super(`Failed to ${verb} container ${c.name} (${c.uuid}): it was never scheduled on a compute host; ${stays(c)}`, {
      actions: [fix(c)],
      data: {uuid: c.uuid, name: c.name, status: c.status, status_reason: c.status_reason},
    })
  }
}

function stays(c: Container): string {
  return `it stays ${c.status}${c.status_reason ? ` (${c.status_reason})` : ''}`
}

/** Only Error may be deleted without --force (Zun's VALID_STATES). */
function fix(c: Container): string {
  const force = c.status === ContainerStatus.Error ? '' : ' --force'
  return `delete it and create it again once a compute host can take it: mrctl appcontainer delete${force} ${c.uuid}`
}
