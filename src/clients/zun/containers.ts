import type {ServiceClient} from '../../http/service-client.js'
import type {HealthCheck, MountSpec, NetSpec} from './input.js'

import {ApiError, MrctlError, UsageError} from '../../core/errors.js'
import {waitFor} from '../../http/wait.js'
import {zunMinor} from './client.js'
import {listZun, pyBool, ZUN_JSON_HEADERS, ZUN_RAW_HEADERS} from './common.js'
import {quoteCommand} from './input.js'

// ---------------------------------------------------------------------------------------------
// Types (wire names kept)

/** One fixed IP of a container, under its Neutron network id in `addresses`. */
export interface ContainerAddress {
  addr: string
  version: number
  port: string
  subnet_id: string
  preserve_on_delete: boolean
}

/**
 * A container as Zun returns it. The keys and their order are the server's (non-admins do not
 * get `host`, `runtime`, `privileged`, `image_pull_policy`), so views keep the object as is.
 */
export interface Container {
  uuid: string
  name: string
  image: string
  status: string
  status_reason: string | null
  status_detail?: string | null
  task_state: string | null
  addresses: Record<string, ContainerAddress[]> | null
  [key: string]: unknown
}

/** The statuses Zun uses (zun/common/consts.py). */
export const ContainerStatus = {
  Creating: 'Creating',
  Created: 'Created',
  Running: 'Running',
  Stopped: 'Stopped',
  Paused: 'Paused',
  Restarting: 'Restarting',
  Rebuilding: 'Rebuilding',
  Deleting: 'Deleting',
  Error: 'Error',
} as const

/** What `appcontainer create/run` sends, before the microversion-dependent shaping. */
export interface CreateContainerOpts {
  image: string
  name?: string
  cpu?: string
  memory?: string
  environment?: Record<string, string | string[]>
  workdir?: string
  labels?: Record<string, string | string[]>
  imagePullPolicy?: string
  imageDriver?: string
  autoRemove?: boolean
  command?: string[]
  registry?: string
  host?: string
  entrypoint?: string[]
  securityGroups?: string[]
  exposedPorts?: Record<string, Record<string, never>>
  restartPolicy?: {Name: string; MaximumRetryCount: string}
  interactive?: boolean
  privileged?: boolean
  hints?: Record<string, string | string[]>
  nets?: NetSpec[]
  mounts?: MountSpec[]
  runtime?: string
  hostname?: string
  disk?: number
  availabilityZone?: string
  autoHeal?: boolean
  healthcheck?: HealthCheck
}

/** `appcontainer list` filters; the first five are zunclient's "common filters". */
export interface ListContainersQuery {
  allProjects?: boolean
  limit?: number
  marker?: string
  sortKey?: string
  sortDir?: string
  name?: string
  image?: string
  projectId?: string
  userId?: string
  taskState?: string
  status?: string
  memory?: string
  host?: string
  autoRemove?: string
}

export interface UpdateContainerOpts {
  memory?: string
  cpu?: string
  name?: string
  autoHeal?: boolean
}

// ---------------------------------------------------------------------------------------------
// Paths

export const containersPath = (): string => '/containers'
export const containerPath = (ref: string): string => `/containers/${encodeURIComponent(ref)}`

// ---------------------------------------------------------------------------------------------
// Verbs

/**
 * The first microversion that takes each create field, with the flag that sets it: zun-api's
 * `api_utils.version_check` in `ContainersController._do_post` (which refuses the key when present,
 * even `false`), and the 1.39/1.40 body schemas (`host`, `entrypoint`).
 */
export const CREATE_FIELD_MIN_MINOR: ReadonlyArray<{key: string; minor: number; flag: string}> = [
  {key: 'auto_remove', minor: 3, flag: '--auto-remove'},
  {key: 'runtime', minor: 5, flag: '--runtime'},
  {key: 'hostname', minor: 9, flag: '--hostname'},
  {key: 'mounts', minor: 11, flag: '--mount'},
  {key: 'privileged', minor: 21, flag: '--privileged'},
  {key: 'healthcheck', minor: 22, flag: '--healthcheck'},
  {key: 'exposed_ports', minor: 24, flag: '--expose-port'},
  {key: 'registry', minor: 31, flag: '--registry'},
  {key: 'host', minor: 39, flag: '--host'},
  {key: 'entrypoint', minor: 40, flag: '--entrypoint'},
]

/**
 * The create body: only what the user set, in zunclient's key order. zunclient always sends
 * `environment`, `labels`, `auto_remove`, `command`, `hints`, `nets` and `mounts`, which makes every
 * create fail below 1.3 ("Invalid param auto_remove…"); here an unset option is left out, and an
 * option newer than the microversion is a usage error naming the flag, before anything is sent.
 * Below 1.20 the command is one quoted string, moved to the end; from 1.36 `tty` follows `interactive`.
 */
export function createContainerBody(o: CreateContainerOpts, minor: number): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  const put = (k: string, v: unknown) => {
    if (v !== undefined) body[k] = v
  }
  const nonEmpty = <V extends object>(v: V | undefined): V | undefined => (v && Object.keys(v).length ? v : undefined)
  put('name', o.name)
  put('image', o.image)
  put('memory', o.memory)
  put('cpu', o.cpu)
  put('environment', nonEmpty(o.environment))
  put('workdir', o.workdir)
  put('labels', nonEmpty(o.labels))
  put('image_pull_policy', o.imagePullPolicy)
  put('image_driver', o.imageDriver)
  if (o.autoRemove) put('auto_remove', true)
  if (o.command?.length) put('command', minor < 20 ? undefined : o.command)
  put('registry', o.registry)
  put('host', o.host)
  put('entrypoint', nonEmpty(o.entrypoint))
  put('security_groups', nonEmpty(o.securityGroups))
  put('exposed_ports', nonEmpty(o.exposedPorts))
  put('restart_policy', o.restartPolicy)
  if (o.interactive) put('interactive', true)
  if (o.privileged) put('privileged', true)
  put('hints', nonEmpty(o.hints))
  put('nets', nonEmpty(o.nets))
  put('mounts', nonEmpty(o.mounts))
  put('runtime', o.runtime)
  put('hostname', o.hostname)
  put('disk', o.disk)
  put('availability_zone', o.availabilityZone)
  if (o.autoHeal) put('auto_heal', true)
  put('healthcheck', o.healthcheck)
  if (minor < 20 && o.command?.length) body.command = quoteCommand(o.command)
  if (minor >= 36 && o.interactive) body.tty = true
  for (const {key, minor: needs, flag} of CREATE_FIELD_MIN_MINOR) {
    if (key in body && minor < needs) {
      throw new UsageError(`${flag} needs Zun API 1.${needs} or later; this request uses 1.${minor}`, [
        `leave out ${flag}, or use --os-container-api-version 1.${needs} (or leave the version to negotiation)`,
      ])
    }
  }
  return body
}

/** `POST /v1/containers` (create) or `POST /v1/containers?run=true` (run): 202 with the container. */
export async function createContainer(c: ServiceClient, opts: CreateContainerOpts, run = false): Promise<Container> {
  const res = await c.request('POST', run ? `${containersPath()}?run=true` : containersPath(), {
    json: createContainerBody(opts, zunMinor(c)),
  })
  return res.data as Container
}

/**
 * The list query as zunclient builds it: the common filters (all_projects=1, limit, marker,
 * sort_key, sort_dir) make the path `/containers/`, the other filters follow. zunclient dropped
 * the other filters when --limit was given; here they are always sent.
 */
export function listContainersRequest(q: ListContainersQuery): {path: string; query: Record<string, string>} {
  const common: Record<string, string> = {}
  if (q.allProjects) common.all_projects = '1'
  if (q.limit !== undefined) common.limit = String(q.limit)
  if (q.marker !== undefined) common.marker = q.marker
  if (q.sortKey !== undefined) common.sort_key = q.sortKey
  if (q.sortDir !== undefined) common.sort_dir = q.sortDir
  const path = Object.keys(common).length ? `${containersPath()}/` : containersPath()
  return {path, query: {...common, ...listFilters(q)}}
}

function listFilters(q: ListContainersQuery): Record<string, string> {
  const out: Record<string, string> = {}
  const put = (k: string, v: string | undefined) => {
    if (v !== undefined) out[k] = v
  }
  put('name', q.name)
  put('image', q.image)
  put('project_id', q.projectId)
  put('user_id', q.userId)
  put('task_state', q.taskState)
  put('status', q.status)
  put('memory', q.memory)
  put('host', q.host)
  put('auto_remove', q.autoRemove)
  return out
}

/**
 * `GET /v1/containers[/?…]`, following `next` (which drops the filters and all_projects, so they
 * are put back) until the list ends or `limit` items were read.
 */
export async function listContainers(c: ServiceClient, q: ListContainersQuery = {}): Promise<Container[]> {
  const first = listContainersRequest(q)
  return listZun<Container>(c, first.path, 'containers', first.query, q.limit)
}

/**
 * `GET /v1/containers/{ref}`; `show` always sends `all_projects=False|True`, the --wait polls
 * send nothing (as zunclient).
 */
export async function getContainer(c: ServiceClient, ref: string, opts: {allProjects?: boolean} = {}): Promise<Container> {
  return (await c.request('GET', containerPath(ref), {query: {all_projects: pyBool(opts.allProjects)}, headers: ZUN_JSON_HEADERS}))
    .data as Container
}

/** `DELETE /v1/containers/{ref}?force=…&stop=…&all_projects=…` (all three always sent): 204. */
export async function deleteContainer(
  c: ServiceClient,
  ref: string,
  opts: {force?: boolean; stop?: boolean; allProjects?: boolean} = {},
): Promise<void> {
  await c.request('DELETE', containerPath(ref), {
    query: {force: pyBool(Boolean(opts.force)), stop: pyBool(Boolean(opts.stop)), all_projects: pyBool(Boolean(opts.allProjects))},
    headers: ZUN_RAW_HEADERS,
  })
}

/** The PATCH body of `appcontainer set`, in zunclient's key order; empty when nothing was asked. */
export function updateContainerBody(o: UpdateContainerOpts): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (o.memory !== undefined) body.memory = o.memory
  if (o.cpu !== undefined) body.cpu = o.cpu
  if (o.name !== undefined) body.name = o.name
  if (o.autoHeal !== undefined) body.auto_heal = o.autoHeal
  return body
}

/** `PATCH /v1/containers/{ref}` with `{memory, cpu, name, auto_heal}`: 200 with the container. */
export async function updateContainer(c: ServiceClient, ref: string, o: UpdateContainerOpts): Promise<Container> {
  return (await c.request('PATCH', containerPath(ref), {json: updateContainerBody(o)})).data as Container
}

// ---------------------------------------------------------------------------------------------
// Waits (with a deadline, unlike zunclient's endless 5 s loop)

/** A container that went to Error while we waited for it. */
export class ContainerErrorStateError extends MrctlError {
  constructor(verb: string, c: Container) {
    super(`Failed to ${verb} container ${c.name} (${c.uuid}): its status is Error: ${c.status_reason ?? 'no reason given'}`, {
      actions: [`see: mrctl appcontainer show ${c.uuid}`, `remove it with: mrctl appcontainer delete ${c.uuid}`],
      data: {uuid: c.uuid, name: c.name, status: c.status, status_reason: c.status_reason},
    })
  }
}

/**
 * Polls `GET /v1/containers/{ref}` until the status is one of `want`; status Error fails (exit 1,
 * with the status_reason), the deadline ends it (exit 4).
 */
export async function waitForContainerStatus(
  c: ServiceClient,
  ref: string,
  opts: {want: string[]; verb: string; timeoutMs: number; label?: string; signal?: AbortSignal; onPoll?: (c: Container) => void},
): Promise<Container> {
  const last = await waitFor(() => getContainer(c, ref), {
    until: (c) => opts.want.includes(c.status) || c.status === ContainerStatus.Error,
    timeoutMs: opts.timeoutMs,
    what: `container ${opts.label ?? ref} to become ${opts.want.join(' or ')}`,
    minDelayMs: 500,
    maxDelayMs: 5000,
    signal: opts.signal,
    onPoll: opts.onPoll,
  })
  if (!opts.want.includes(last.status)) throw new ContainerErrorStateError(opts.verb, last)
  return last
}

/** Polls `GET /v1/containers/{ref}` until 404; status Error fails, the deadline ends it (exit 4). */
export async function waitForContainerDeleted(
  c: ServiceClient,
  ref: string,
  timeoutMs: number,
  signal?: AbortSignal,
  onPoll?: (c: Container | undefined) => void,
): Promise<void> {
  const get = async (): Promise<Container | undefined> => {
    try {
      return await getContainer(c, ref)
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined
      throw error
    }
  }
  const last = await waitFor(get, {
    until: (c) => c === undefined || c.status === ContainerStatus.Error,
    timeoutMs,
    what: `container ${ref} to be deleted`,
    minDelayMs: 500,
    maxDelayMs: 5000,
    signal,
    onPoll,
  })
  if (last) throw new ContainerErrorStateError('delete', last)
}
