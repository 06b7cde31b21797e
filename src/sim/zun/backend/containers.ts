import {randomBytes, randomUUID} from 'node:crypto'

import {NeutronError} from '../../backends/neutron.js'
import {errors, zunError} from '../errors.js'
import {atLeast, type Version} from '../microversion.js'
import type {Caller} from '../policy.js'
import {microTime} from '../time.js'
import {isDockerReference, lookUpGlanceImage} from './images.js'
import {beginCreate, beginDelete, recordAction} from './lifecycle.js'
import type {ContainerRecord, CreateSpec} from './model.js'
import {bindPorts, releaseContainer, type RequestedNetwork} from './networking.js'
import type {OpContext, QuotaSet, ZunState} from './state.js'
import {Status} from './status-machine.js'

/**
 * Container operations behind the API (zun's compute API, scheduler and database): create,
 * list, delete, update. The handlers in responses/containers.ts have already validated the
 * request, checked policy and the container's status.
 */

const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu',
  'nu', 'xi', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
]

/** Zun's name generator: `<greek letter>-<1..24>`, e.g. `zeta-22`. */
export function generateName(): string {
  const [a, b] = randomBytes(2)
  return `${GREEK[a % GREEK.length]}-${(b % 24) + 1}`
}

export const NOT_ENOUGH_HOSTS = 'There are not enough hosts available.'

/** 403 `container.over-quota` when `extra` would exceed the project's limits (-1: unlimited). */
export function checkQuota(state: ZunState, projectId: string, extra: QuotaSet): void {
  const limits = state.quotaLimits(projectId)
  const used = state.quotaUsage(projectId)
  const over = (['containers', 'cpu', 'disk', 'memory'] as const).filter(
    (k) => extra[k] > 0 && limits[k] >= 0 && used[k] + extra[k] > limits[k],
  )
  if (over.length) throw errors.overQuota(over)
}

/** A new container record in `Creating`, with Zun's defaults filled in. */
export function newContainerRecord(
  spec: CreateSpec,
  o: {caller: Caller; version: Version; now: number; uuid: string; seq: number},
): ContainerRecord {
  const v = o.version
  const interactive = spec.interactive ?? false
  return {
    timeline: [],
    seq: o.seq,
    uuid: o.uuid,
    dockerId: randomBytes(32).toString('hex'),
    name: spec.name ?? `${generateName()}-container`,
    projectId: o.caller.projectId,
    userId: o.caller.userId,
    image: spec.image,
    imageDriver: spec.imageDriver ?? 'docker',
    command: spec.command ?? null,
    entrypoint: spec.entrypoint ?? null,
    cpu: spec.cpu ?? 1.0,
    memory: spec.memory ?? '512',
    disk: spec.disk ?? 0,
    environment: spec.environment ?? null,
    labels: spec.labels ?? null,
    workdir: spec.workdir ?? null,
    hostname: spec.hostname ?? null,
    ports: null,
    imagePullPolicy: spec.imagePullPolicy ?? null,
    runtime: spec.runtime ?? null,
    restartPolicy: spec.restartPolicy ?? null,
    interactive,
    // From 1.20 to 1.35 the server copies `interactive` into `tty`; 1.36 added `tty` itself.
    tty: atLeast(v, 36) ? (spec.tty ?? false) : interactive,
    securityGroups: null,
    autoRemove: spec.autoRemove ?? false,
    autoHeal: spec.autoHeal ?? false,
    privileged: spec.privileged ?? false,
    healthcheck: spec.healthcheck ? {...spec.healthcheck} : null,
    cpuPolicy: spec.cpuPolicy ?? 'shared',
    registryId: null,
    availabilityZone: spec.availabilityZone ?? null,
    hints: spec.hints ?? null,
    status: Status.Creating,
    statusReason: null,
    taskState: null,
    host: null,
    createdAt: microTime(new Date(o.now), randomBytes(2).readUInt16BE() % 1000),
    updatedAt: null,
    networked: false,
    attachments: [],
    pendingError: null,
    runs: [],
    startedAt: null,
    finishedAt: null,
    exitCode: null,
    files: new Map(),
    injectedFiles: new Map(),
    execs: new Map(),
    websocketToken: null,
    exposedSecurityGroup: null,
    destroyed: false,
    released: false,
    actions: [],
  }
}

/** What the API resolved before asking for the container: its Neutron networks, groups and registry. */
export interface CreateInputs {
  version: Version
  run: boolean
  requested: RequestedNetwork[]
  /** Security group IDs, when the request named groups. */
  securityGroups?: string[]
  registryId: string | null
}

/**
 * Creates a container as zun's API and compute API do once the request was checked: the record,
 * the volume mappings of `mounts`, the requested host (404 when unknown, and nothing is kept),
 * then scheduling. Without a usable host the container is stored in Error at once, with no port,
 * no exposed-ports group and no action; otherwise compute's steps are scheduled and the Kuryr
 * ports made (the emulator binds them at once, so Neutron failures show in the action).
 */
export async function createContainer(state: ZunState, spec: CreateSpec, op: OpContext & CreateInputs): Promise<ContainerRecord> {
  const caller = op.caller
  const injected = new Map<string, Buffer>()
  for (const m of spec.mounts) {
    if ((m.type ?? 'volume') === 'bind') {
      injected.set(m.destination, Buffer.from(m.source ?? '', 'base64'))
    } else if (m.source !== undefined) {
      throw zunError(404, 'volume-not-found', `Volume ${m.source} could not be found.`)
    } else {
      throw errors.invalidValue('Creating a Cinder volume (mounts with size) is not supported: this region has no block storage.')
    }
  }
  if (spec.host !== undefined && !state.hostExists(spec.host)) throw errors.requestedHostNotFound(spec.host)

  const uuid = randomUUID()
  const c = newContainerRecord(spec, {caller, version: op.version, now: op.now, uuid, seq: state.nextSeq()})
  c.registryId = op.registryId
  c.files = new Map(injected)
  c.injectedFiles = injected
  if (op.securityGroups) c.securityGroups = op.securityGroups

  // Scheduling is synchronous: without a usable host the 202 already says Error.
  const usedMemory = [...state.containers.values()].reduce((n, x) => n + (x.host ? Number(x.memory) : 0), 0)
  const service = state.schedulableService(spec.availabilityZone)
  const fits =
    service !== undefined &&
    (spec.host === undefined || spec.host === service.host) &&
    (c.cpuPolicy !== 'dedicated' || state.hostInfo.enableCpuPinning) &&
    (c.disk === 0 || state.hostInfo.diskQuotaSupported) &&
    usedMemory + Number(c.memory) <= state.hostInfo.memTotal
  // The API saves the container (Error, or compute's first step): GET shows updated_at at once.
  c.updatedAt = op.now
  if (!fits) {
    c.status = Status.Error
    c.statusReason = NOT_ENOUGH_HOSTS
    state.containers.set(uuid, c)
    return c
  }
  // What compute does with exposed_ports: a security group of its own, and the container's ports.
  if (spec.exposedPorts) {
    c.ports = Object.keys(spec.exposedPorts).map((k) => Number(k.split('/')[0]))
    const sg = await state.neutron.createSecurityGroup({
      name: `${c.name}_${uuid.slice(0, 8)}_sg`,
      project_id: caller.projectId,
      description: `Security group for container ${uuid}`,
      rules: Object.keys(spec.exposedPorts).map((k) => {
        const [port, proto] = k.split('/')
        return {port: Number(port), protocol: (proto ?? 'tcp') as 'tcp' | 'udp'}
      }),
    })
    c.exposedSecurityGroup = sg.id
    c.securityGroups = [sg.id]
  }
  if (c.imageDriver === 'glance') {
    const found = await lookUpGlanceImage(state, caller, spec.image)
    if ('error' in found) c.pendingError = found.error
  } else if (!isDockerReference(c.image)) {
    // Zed's API does not check the name ([api] enable_image_validation is off); Docker refuses it at the pull.
    c.pendingError = `Docker internal error: 400 Client Error: Bad Request ("invalid reference format: ${c.image}")`
  }
  if (!c.pendingError) {
    try {
      c.attachments = await bindPorts(state, c, caller, op.requested, c.securityGroups ?? undefined)
    } catch (err) {
      if (!(err instanceof NeutronError)) throw err
      c.pendingError = err.message
    }
  }
  const finish = beginCreate(c, op.now, state.config.lifecycle, op.run)
  recordAction(c, {
    action: op.run ? 'run' : 'create',
    requestId: op.requestId,
    userId: caller.userId,
    projectId: caller.projectId,
    now: op.now,
    finishMs: finish,
    failed: c.pendingError,
  })
  state.containers.set(uuid, c)
  return c
}

export const LIST_FILTERS = ['name', 'image', 'project_id', 'user_id', 'memory', 'host', 'task_state', 'status', 'auto_remove'] as const
export type ListFilter = (typeof LIST_FILTERS)[number]

const SORT_KEYS: Record<string, (c: ContainerRecord) => string | number> = {
  id: (c) => c.seq,
  uuid: (c) => c.uuid,
  name: (c) => c.name,
  image: (c) => c.image,
  status: (c) => c.status,
  task_state: (c) => c.taskState ?? '',
  memory: (c) => Number(c.memory),
  cpu: (c) => c.cpu ?? 0,
  host: (c) => c.host ?? '',
  project_id: (c) => c.projectId,
  user_id: (c) => c.userId,
  created_at: (c) => c.createdAt.ms,
  updated_at: (c) => c.updatedAt ?? 0,
}

export function isSortKey(key: string): boolean {
  return Object.hasOwn(SORT_KEYS, key)
}

function filterValue(c: ContainerRecord, key: ListFilter): string {
  switch (key) {
    case 'name':
      return c.name
    case 'image':
      return c.image
    case 'project_id':
      return c.projectId
    case 'user_id':
      return c.userId
    case 'memory':
      return c.memory ?? ''
    case 'host':
      return c.host ?? ''
    case 'task_state':
      return c.taskState ?? ''
    case 'status':
      return c.status
    case 'auto_remove':
      return String(c.autoRemove)
  }
}

export interface ListContainersQuery {
  caller: Caller
  allProjects: boolean
  filters: Array<[ListFilter, string]>
  sortKey: string
  sortDir: 'asc' | 'desc'
  marker: string | null
  limit: number
}

/** One page of the containers the caller may see, filtered and sorted (ties in creation order). */
export function listContainers(state: ZunState, q: ListContainersQuery): ContainerRecord[] {
  const keyOf = SORT_KEYS[q.sortKey] as (c: ContainerRecord) => string | number
  let list = state.visibleContainers(q.caller, q.allProjects).filter((c) => q.filters.every(([k, v]) => filterValue(c, k) === v))
  list.sort((a, b) => {
    const x = keyOf(a)
    const y = keyOf(b)
    const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
    return cmp || a.seq - b.seq
  })
  if (q.sortDir === 'desc') list.reverse()
  if (q.marker) {
    const at = list.findIndex((c) => c.uuid === q.marker)
    if (at < 0) throw errors.containerNotFound(q.marker)
    list = list.slice(at + 1)
  }
  return list.slice(0, q.limit)
}

/**
 * Deletes a container. One never scheduled (or any, below 1.10, when delete was synchronous) is
 * destroyed at once; otherwise compute removes it after `stopFirstMs` (a stop before the delete)
 * and the delete time. Zun's compute removes the Kuryr ports as part of it: they are gone at once.
 */
export async function deleteContainer(state: ZunState, c: ContainerRecord, op: OpContext & {synchronous: boolean; stopFirstMs: number}): Promise<void> {
  if (!c.host || op.synchronous) {
    state.containers.delete(c.uuid)
    await releaseContainer(state, c)
    return
  }
  const finish = beginDelete(c, op.now, state.config.lifecycle, op.now + op.stopFirstMs)
  recordAction(c, {action: 'delete', requestId: op.requestId, userId: op.caller.userId, projectId: op.caller.projectId, now: op.now, finishMs: finish})
  await releaseContainer(state, c)
}

/** `PATCH`: cpu, memory (within quota), name, auto_heal. */
export function updateContainer(
  state: ZunState,
  c: ContainerRecord,
  patch: {cpu?: number; memory?: string; name?: string; autoHeal?: boolean},
  op: OpContext,
): void {
  const cpu = patch.cpu ?? c.cpu
  const memory = patch.memory ?? c.memory
  checkQuota(state, c.projectId, {containers: 0, cpu: (cpu ?? 0) - (c.cpu ?? 0), memory: Number(memory) - Number(c.memory), disk: 0})
  c.cpu = cpu
  c.memory = memory
  if (patch.name !== undefined) c.name = patch.name
  if (patch.autoHeal !== undefined) c.autoHeal = patch.autoHeal
  c.updatedAt = op.now
  recordAction(c, {action: 'update', requestId: op.requestId, userId: op.caller.userId, projectId: op.caller.projectId, now: op.now, finishMs: op.now})
}
