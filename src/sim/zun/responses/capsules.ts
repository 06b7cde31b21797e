import {randomUUID} from 'node:crypto'

import {NeutronError} from '../../backends/neutron.js'
import {type Api, drain, jsonBody, type Reply, reply, requireJsonContentType, type ZunCtx} from '../api.js'
import type {CreateSpec} from './container-schema.js'
import {checkQuota, newContainerRecord} from './containers.js'
import {errors} from '../errors.js'
import {checkImageReference, parseLimit} from './images.js'
import {pyFloat} from '../json.js'
import {atLeast} from '../microversion.js'
import type {ContainerRecord} from '../backend/model.js'
import {bindPorts, releaseContainer, resolveNets} from '../backend/networking.js'
import {isAllProjects, isUuidLike, pyRepr} from '../params.js'
import {enforce} from '../policy.js'
import type {CapsuleRecord, ZunState} from '../backend/state.js'
import {schedule, Status} from '../backend/status-machine.js'
import {formatFresh, formatStored, microTime} from '../time.js'
import {addressesOf, containerView, links} from '../views.js'

/**
 * `/v1/capsules` (zun-api.md §3.22): a pod-like group of containers from a template. Created in
 * `Creating`, then `Running` (init containers end `Stopped`); deleted asynchronously from 1.32.
 */

interface TemplateContainer {
  image: string
  command?: string[]
  args?: string[]
  workDir?: string
  env?: Record<string, string>
  cpu?: number
  memory?: number
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function parseContainers(list: unknown, field: string): TemplateContainer[] {
  if (list === undefined) return []
  if (!Array.isArray(list)) throw errors.invalidValue(`Field "${field}" must be a list in the capsule template.`)
  return list.map((item) => {
    if (!isObject(item) || typeof item.image !== 'string' || !item.image) {
      throw errors.invalidValue("Field 'image' can't be empty in the capsule template.")
    }
    const resources = isObject(item.resources) && isObject(item.resources.requests) ? item.resources.requests : {}
    const env: Record<string, string> = {}
    if (isObject(item.env)) for (const [k, v] of Object.entries(item.env)) env[k] = String(v)
    if (Array.isArray(item.env)) {
      for (const e of item.env) if (isObject(e) && typeof e.name === 'string') env[e.name] = String(e.value ?? '')
    }
    const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined)
    return {
      image: item.image,
      command: strings(item.command),
      args: strings(item.args),
      workDir: typeof item.workDir === 'string' ? item.workDir : undefined,
      env,
      cpu: resources.cpu === undefined ? undefined : Number(resources.cpu),
      memory: resources.memory === undefined ? undefined : Number(resources.memory),
    }
  })
}

const RESTART: Record<string, string> = {always: 'always', onfailure: 'on-failure', never: 'no'}

function capsuleView(cap: CapsuleRecord, ctx: ZunCtx, fresh = false): Record<string, unknown> {
  const opts = {hostUrl: ctx.hostUrl, version: ctx.version, caller: ctx.caller, now: ctx.now, fresh}
  const out: Record<string, unknown> = {
    uuid: cap.uuid,
    links: links(ctx.hostUrl, 'capsules', cap.uuid),
    name: cap.name,
    status: cap.status,
    status_reason: cap.statusReason,
    cpu: pyFloat(cap.cpu),
    memory: cap.memory,
    labels: cap.labels,
    annotations: cap.annotations,
    restart_policy: cap.restartPolicy,
    addresses: cap.sandbox.networked ? addressesOf(cap.sandbox) : fresh ? null : {},
    host: ctx.caller.isAdmin ? cap.host : undefined,
    project_id: cap.projectId,
    user_id: cap.userId,
    created_at: fresh ? formatFresh(cap.createdAt) : formatStored(cap.createdAt),
    updated_at: fresh || cap.updatedAt === null ? null : formatStored(cap.updatedAt),
    containers: cap.containers.map((c) => containerView(c, opts)),
  }
  if (atLeast(ctx.version, 34)) out.init_containers = cap.initContainers.map((c) => containerView(c, opts))
  return out
}

function findCapsule(state: ZunState, ctx: ZunCtx, all: boolean): CapsuleRecord {
  const ident = ctx.params.id
  const scope = [...state.capsules.values()].filter((c) => all || ctx.caller.isAdmin || c.projectId === ctx.caller.projectId)
  const byId = isUuidLike(ident) ? scope.find((c) => c.uuid === ident) : undefined
  if (byId) return byId
  const named = scope.filter((c) => c.name === ident)
  if (named.length === 1) return named[0]
  if (named.length > 1) throw errors.conflict('Multiple capsules exist with same name. Please use the capsule uuid instead.')
  throw errors.capsuleNotFound(ident)
}

async function createCapsule(state: ZunState, ctx: ZunCtx): Promise<Reply> {
  requireJsonContentType(ctx)
  const body = await jsonBody(ctx)
  if (!isObject(body) || !isObject(body.template)) {
    throw errors.invalidValue(`Invalid capsule template: ${pyRepr(isObject(body) ? body.template : body)}`)
  }
  enforce(ctx.caller, 'capsule:create')
  const t = body.template
  if (typeof t.kind !== 'string' || t.kind.toLowerCase() !== 'capsule') {
    throw errors.invalidValue('The capsule template kind should be capsule.')
  }
  const spec = isObject(t.spec) ? t.spec : {}
  const meta = isObject(t.metadata) ? t.metadata : {}
  const containers = parseContainers(spec.containers, 'containers')
  if (!containers.length) throw errors.invalidValue("Field 'containers' can't be empty in the capsule template.")
  const inits = parseContainers(spec.initContainers, 'initContainers')
  for (const c of [...containers, ...inits]) checkImageReference(c.image, 'docker')
  const cpu = containers.reduce((n, c) => n + (c.cpu ?? 1), 0)
  const memory = containers.reduce((n, c) => n + (c.memory ?? 512), 0)
  checkQuota(state, ctx.caller.projectId, {containers: containers.length + inits.length, cpu, memory, disk: 0})
  const requested = await resolveNets(state, ctx.caller, [])

  const uuid = randomUUID()
  const name = typeof meta.name === 'string' && meta.name ? meta.name : `capsule-${uuid.slice(0, 8)}`
  const base = {caller: ctx.caller, version: ctx.version, now: ctx.now}
  const build = (c: TemplateContainer, i: number, prefix: string): ContainerRecord => {
    const cs: CreateSpec = {
      image: c.image,
      name: `${name}-${prefix}${i}`,
      command: [...(c.command ?? []), ...(c.args ?? [])],
      workdir: c.workDir,
      environment: c.env,
      cpu: c.cpu,
      memory: c.memory === undefined ? undefined : String(c.memory),
      nets: [],
      mounts: [],
    }
    return newContainerRecord(cs, {...base, uuid: randomUUID(), seq: state.nextSeq()})
  }
  const sandbox = newContainerRecord({image: 'kubernetes/pause', nets: [], mounts: []}, {...base, uuid, seq: state.nextSeq()})
  const restartName = RESTART[String(spec.restartPolicy ?? 'Always').toLowerCase()] ?? 'always'
  const cap: CapsuleRecord = {
    timeline: [],
    seq: state.nextSeq(),
    uuid,
    name,
    projectId: ctx.caller.projectId,
    userId: ctx.caller.userId,
    status: Status.Creating,
    statusReason: null,
    cpu,
    memory: String(memory),
    labels: isObject(meta.labels) ? (meta.labels as Record<string, string>) : {},
    annotations: isObject(meta.annotations) ? (meta.annotations as Record<string, string>) : {},
    restartPolicy: {Name: restartName, MaximumRetryCount: '0'},
    containers: containers.map((c, i) => build(c, i, 'container')),
    initContainers: inits.map((c, i) => build(c, i, 'init-container')),
    sandbox,
    host: null,
    createdAt: microTime(new Date(ctx.now)),
    updatedAt: null,
    destroyed: false,
    released: false,
  }
  const service = state.schedulableService()
  if (!service) {
    cap.status = Status.Error
    cap.statusReason = 'There are not enough hosts available.'
  } else {
    let failure: string | null = null
    try {
      sandbox.attachments = await bindPorts(state, sandbox, ctx.caller, requested)
    } catch (err) {
      if (!(err instanceof NeutronError)) throw err
      failure = err.message
    }
    const at = ctx.now + state.config.transitions.capsuleCreate
    schedule(cap, {
      at,
      apply: (rec, t) => {
        rec.host = service.host
        rec.updatedAt = t
        if (failure) {
          rec.status = Status.Error
          rec.statusReason = failure
          return
        }
        rec.status = Status.Running
        rec.sandbox.networked = true
        for (const c of [...rec.containers, ...rec.initContainers]) {
          c.host = service.host
          c.networked = true
          c.attachments = rec.sandbox.attachments
          c.status = Status.Running
          c.startedAt = t
          c.updatedAt = t
        }
        for (const c of rec.initContainers) {
          c.status = Status.Stopped
          c.exitCode = 0
          c.finishedAt = t
        }
      },
    })
  }
  state.capsules.set(uuid, cap)
  return reply(202, capsuleView(cap, ctx, true), {Location: `${ctx.hostUrl}/v1/capsules/${uuid}`})
}

export function registerCapsuleRoutes(api: Api, state: ZunState): void {
  api.route('POST', '/capsules', (ctx) => createCapsule(state, ctx))
  api.route('GET', '/capsules', (ctx) => {
    drain(ctx)
    const all = isAllProjects(ctx.query)
    if (all) enforce(ctx.caller, 'capsule:get_all_all_projects')
    enforce(ctx.caller, 'capsule:get_all')
    const limit = parseLimit(ctx.query.get('limit'))
    let list = [...state.capsules.values()].filter((c) => all || c.projectId === ctx.caller.projectId)
    list.sort((a, b) => a.seq - b.seq)
    if (ctx.query.get('sort_dir') === 'desc') list.reverse()
    const marker = ctx.query.get('marker')
    if (marker) list = list.slice(list.findIndex((c) => c.uuid === marker) + 1)
    const page = list.slice(0, limit)
    const next =
      page.length > 0 && page.length === limit
        ? `${ctx.hostUrl}/v1/capsules?sort_key=id&sort_dir=asc&limit=${limit}&marker=${page[page.length - 1].uuid}`
        : null
    return reply(200, {capsules: page.map((c) => capsuleView(c, ctx)), next})
  })
  api.route('GET', '/capsules/:id', (ctx) => {
    drain(ctx)
    const all = isAllProjects(ctx.query)
    if (all) enforce(ctx.caller, 'capsule:get_one_all_projects')
    const cap = findCapsule(state, ctx, all)
    enforce(ctx.caller, 'capsule:get', cap.projectId)
    return reply(200, capsuleView(cap, ctx))
  })
  api.route('DELETE', '/capsules/:id', async (ctx) => {
    drain(ctx)
    const all = isAllProjects(ctx.query)
    if (all) enforce(ctx.caller, 'capsule:delete_all_projects')
    const cap = findCapsule(state, ctx, all)
    enforce(ctx.caller, 'capsule:delete', cap.projectId)
    await releaseContainer(state, cap.sandbox)
    if (!atLeast(ctx.version, 32) || !cap.host) {
      state.capsules.delete(cap.uuid)
      return reply(204)
    }
    cap.timeline.length = 0
    cap.status = Status.Deleting
    cap.updatedAt = ctx.now
    schedule(cap, {at: ctx.now + state.config.transitions.capsuleDelete, apply: (rec) => (rec.destroyed = true)})
    return reply(204)
  })
}
