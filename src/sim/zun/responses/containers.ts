import {randomBytes, randomUUID} from 'node:crypto'

import {NeutronError} from '../../backends/neutron.js'
import {type Api, drain, jsonBody, type Reply, reply, requireJsonContentType, type ZunCtx} from '../api.js'
import {type CreateSpec, validateCreateBody, validatePatchBody} from './container-schema.js'
import {errors, zunError} from '../errors.js'
import {checkImageReference, lookUpGlanceImage, parseLimit} from './images.js'
import {beginCreate, beginDelete, recordAction} from '../backend/lifecycle.js'
import {atLeast, formatVersion, type Version} from '../microversion.js'
import type {ContainerRecord} from '../backend/model.js'
import {bindPorts, releaseContainer, resolveNets, resolveSecurityGroups} from '../backend/networking.js'
import {boolParam, checkQueryKeys, isAllProjects} from '../params.js'
import {type Caller, enforce} from '../policy.js'
import type {QuotaSet, ZunState} from '../backend/state.js'
import {Status, validateState} from '../backend/status-machine.js'
import {microTime} from '../time.js'
import {containerView} from '../views.js'

/** Container CRUD: create/run, list, show, delete, PATCH (zun-api.md §3.1–§3.4, §3.11, §4.5). */

const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu',
  'nu', 'xi', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
]

/** Zun's generated names: `<greek letter>-<1..24>-container`, e.g. `zeta-22-container`. */
function generateName(): string {
  const [a, b] = randomBytes(2)
  return `${GREEK[a % GREEK.length]}-${(b % 24) + 1}-container`
}

const NOT_ENOUGH_HOSTS = 'There are not enough hosts available.'

export function viewOpts(ctx: ZunCtx, fresh = false) {
  return {hostUrl: ctx.hostUrl, version: ctx.version, caller: ctx.caller, now: ctx.now, fresh}
}

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
  const uuid = o.uuid
  const seq = o.seq
  return {
    timeline: [],
    seq,
    uuid,
    dockerId: randomBytes(32).toString('hex'),
    name: spec.name ?? generateName(),
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
    ports: spec.exposedPorts ? Object.keys(spec.exposedPorts).map((k) => Number(k.split('/')[0])) : null,
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

async function createContainer(state: ZunState, ctx: ZunCtx): Promise<Reply> {
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
  const driver = spec.imageDriver ?? 'docker'
  checkImageReference(spec.image, driver)

  const injected = new Map<string, Buffer>()
  for (const m of spec.mounts) {
    if (m.type === 'bind') {
      if (m.source === undefined) throw errors.invalidValue('A bind mount needs a source (the file content, base64).')
      injected.set(m.destination, Buffer.from(m.source, 'base64'))
    } else if (m.source !== undefined) {
      throw zunError(404, 'volume-not-found', `Volume ${m.source} could not be found.`)
    } else {
      throw errors.invalidValue('Creating a Cinder volume (mounts with size) is not supported: this region has no block storage.')
    }
  }

  let registryId: string | null = null
  if (spec.registry !== undefined) {
    const reg = [...state.registries.values()].find(
      (r) => (r.uuid === spec.registry || r.name === spec.registry) && (caller.isAdmin || r.projectId === caller.projectId),
    )
    if (!reg) throw errors.registryNotFound(spec.registry)
    registryId = reg.uuid
  }

  checkQuota(state, caller.projectId, {
    containers: 1,
    cpu: spec.cpu ?? 1.0,
    memory: Number(spec.memory ?? '512'),
    disk: spec.disk ?? 0,
  })

  // Neutron, synchronously: unknown networks/ports/groups fail the POST itself.
  const requested = await resolveNets(state, caller, spec.nets)
  const sgIds = spec.securityGroups ? await resolveSecurityGroups(state, caller, spec.securityGroups) : undefined

  const uuid = randomUUID()
  const c = newContainerRecord(spec, {caller, version: ctx.version, now: ctx.now, uuid, seq: state.nextSeq()})
  c.registryId = registryId
  c.files = new Map(injected)
  c.injectedFiles = injected
  if (sgIds) c.securityGroups = sgIds
  if (spec.exposedPorts) {
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

  // Scheduling is synchronous: without a usable host the 202 already says Error.
  const usedMemory = [...state.containers.values()].reduce((n, x) => n + (x.host ? Number(x.memory) : 0), 0)
  const service = state.schedulableService(spec.availabilityZone)
  const fits =
    service !== undefined &&
    (spec.host === undefined || spec.host === service.host) &&
    (c.cpuPolicy !== 'dedicated' || state.hostInfo.enableCpuPinning) &&
    (c.disk === 0 || state.hostInfo.diskQuotaSupported) &&
    usedMemory + Number(c.memory) <= state.hostInfo.memTotal
  let finish = ctx.now
  if (!fits) {
    c.status = Status.Error
    c.statusReason = NOT_ENOUGH_HOSTS
  } else {
    if (driver === 'glance') {
      const found = await lookUpGlanceImage(state, caller, spec.image)
      if ('error' in found) c.pendingError = found.error
    }
    if (!c.pendingError) {
      try {
        c.attachments = await bindPorts(state, c, caller, requested, c.securityGroups ?? undefined)
      } catch (err) {
        if (!(err instanceof NeutronError)) throw err
        c.pendingError = err.message
      }
    }
    finish = beginCreate(c, ctx.now, state.config.lifecycle, run)
  }
  // Compute records the action; a container that was never scheduled has none.
  if (fits) {
    recordAction(c, {
      action: run ? 'run' : 'create',
      requestId: ctx.requestId,
      userId: caller.userId,
      projectId: caller.projectId,
      now: ctx.now,
      finishMs: finish,
      failed: c.pendingError,
    })
  }
  state.containers.set(uuid, c)
  return reply(202, containerView(c, viewOpts(ctx, true)), {Location: `${ctx.hostUrl}/v1/containers/${uuid}`})
}

const LIST_FILTERS = ['name', 'image', 'project_id', 'user_id', 'memory', 'host', 'task_state', 'status', 'auto_remove'] as const

const SORT_KEYS: Record<string, (c: ContainerRecord) => string | number> = {
  id: (c) => c.seq,
  uuid: (c) => c.uuid,
  name: (c) => c.name,
  image: (c) => c.image,
  status: (c) => c.status,
  task_state: (c) => c.taskState ?? '',
  memory: (c) => Number(c.memory),
  cpu: (c) => c.cpu,
  host: (c) => c.host ?? '',
  project_id: (c) => c.projectId,
  user_id: (c) => c.userId,
  created_at: (c) => c.createdAt.ms,
  updated_at: (c) => c.updatedAt ?? 0,
}

function filterValue(c: ContainerRecord, key: (typeof LIST_FILTERS)[number]): string {
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
      return c.memory
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

function listContainers(state: ZunState, ctx: ZunCtx): Reply {
  const q = ctx.query
  const caller = ctx.caller
  const all = isAllProjects(q)
  if (all) enforce(caller, 'container:get_all_all_projects')
  enforce(caller, 'container:get_all')
  const limit = parseLimit(q.get('limit'))
  const dir = q.get('sort_dir') ?? 'asc'
  if (dir !== 'asc' && dir !== 'desc') throw errors.invalidValue(`Invalid sort direction: ${dir}. Acceptable values are 'asc' or 'desc'`)
  const sortKey = q.get('sort_key') ?? 'id'
  const filters: Array<[(typeof LIST_FILTERS)[number], string]> = []
  for (const key of LIST_FILTERS) {
    const value = q.get(key)
    if (value === null) continue
    enforce(caller, `container:get_one:${key}`)
    filters.push([key, key === 'auto_remove' ? String(boolParam(q, key)) : value])
  }
  checkQueryKeys(q, ['all_projects', 'limit', 'marker', 'sort_key', 'sort_dir', ...LIST_FILTERS])
  const keyOf = SORT_KEYS[sortKey]
  if (!keyOf) throw errors.invalidValue(`Invalid sort_key: ${sortKey}`)
  let list = state.visibleContainers(caller, all).filter((c) => filters.every(([k, v]) => filterValue(c, k) === v))
  list.sort((a, b) => {
    const x = keyOf(a)
    const y = keyOf(b)
    const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
    return cmp || a.seq - b.seq
  })
  if (dir === 'desc') list.reverse()
  const marker = q.get('marker')
  if (marker) {
    const at = list.findIndex((c) => c.uuid === marker)
    if (at < 0) throw errors.containerNotFound(marker)
    list = list.slice(at + 1)
  }
  const page = list.slice(0, limit)
  const next =
    page.length > 0 && page.length === limit
      ? `${ctx.hostUrl}/v1/containers?sort_key=${sortKey}&sort_dir=${dir}&limit=${limit}&marker=${page[page.length - 1].uuid}`
      : null
  return reply(200, {containers: page.map((c) => containerView(c, viewOpts(ctx))), next})
}

export function getContainerForRequest(state: ZunState, ctx: ZunCtx, policy?: string): ContainerRecord {
  const all = ctx.query.has('all_projects') ? isAllProjects(ctx.query) : false
  const c = state.findContainer(ctx.params.id, ctx.caller, all)
  if (policy) enforce(ctx.caller, policy, c.projectId)
  return c
}

function showContainer(state: ZunState, ctx: ZunCtx): Reply {
  checkQueryKeys(ctx.query, ['all_projects'])
  if (isAllProjects(ctx.query)) enforce(ctx.caller, 'container:get_one_all_projects')
  const c = getContainerForRequest(state, ctx, 'container:get_one')
  return reply(200, containerView(c, viewOpts(ctx)))
}

async function deleteContainer(state: ZunState, ctx: ZunCtx): Promise<Reply> {
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
  let deleteFrom = ctx.now
  if (stop) {
    validateState(c, 'delete_after_stop')
    if (c.status === Status.Running) {
      enforce(ctx.caller, 'container:stop', c.projectId)
      deleteFrom += state.config.transitions.stop
    }
  } else if (force) {
    enforce(ctx.caller, 'container:delete_force', c.projectId)
    validateState(c, 'delete_force')
  } else {
    validateState(c, 'delete')
  }
  const caller = ctx.caller
  if (!c.host || !atLeast(ctx.version, 10)) {
    // Never scheduled: the row is destroyed at once. Before 1.10 delete was synchronous too.
    state.containers.delete(c.uuid)
    await releaseContainer(state, c)
    return reply(204)
  }
  const finish = beginDelete(c, ctx.now, state.config.lifecycle, deleteFrom)
  recordAction(c, {action: 'delete', requestId: ctx.requestId, userId: caller.userId, projectId: caller.projectId, now: ctx.now, finishMs: finish})
  // Zun's compute removes the Kuryr ports as part of the delete; they are gone when we answer.
  await releaseContainer(state, c)
  return reply(204)
}

async function patchContainer(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  const c = getContainerForRequest(state, ctx, 'container:update')
  validateState(c, 'update')
  const patch = validatePatchBody(await jsonBody(ctx), ctx.version)
  const cpu = patch.cpu ?? c.cpu
  const memory = patch.memory ?? c.memory
  checkQuota(state, c.projectId, {containers: 0, cpu: cpu - c.cpu, memory: Number(memory) - Number(c.memory), disk: 0})
  c.cpu = cpu
  c.memory = memory
  if (patch.name !== undefined) c.name = patch.name
  if (patch.autoHeal !== undefined) c.autoHeal = patch.autoHeal
  c.updatedAt = ctx.now
  recordAction(c, {
    action: 'update',
    requestId: ctx.requestId,
    userId: ctx.caller.userId,
    projectId: ctx.caller.projectId,
    now: ctx.now,
    finishMs: ctx.now,
  })
  return reply(200, containerView(c, viewOpts(ctx)))
}

export function registerContainerRoutes(api: Api, state: ZunState): void {
  api.route('POST', '/containers', (ctx) => createContainer(state, ctx))
  api.route('GET', '/containers', (ctx) => listContainers(state, ctx))
  api.route('GET', '/containers/:id', (ctx) => showContainer(state, ctx))
  api.route('DELETE', '/containers/:id', (ctx) => deleteContainer(state, ctx))
  api.route('PATCH', '/containers/:id', (ctx) => patchContainer(state, ctx))
}
