import {type Api, drain, jsonBody, type Reply, reply, requireJsonContentType, type ZunCtx} from '../api.js'
import {type CapsuleTemplate, createCapsule, deleteCapsule, findCapsule, listCapsules, type TemplateContainer} from '../backend/capsules.js'
import type {CapsuleRecord, ZunState} from '../backend/state.js'
import {errors} from '../errors.js'
import {pyFloat} from '../../common/python.js'
import {atLeast} from '../microversion.js'
import {isAllProjects, parseLimit, pyRepr} from '../params.js'
import {enforce} from '../policy.js'
import {formatFresh, formatStored} from '../time.js'
import {addressesOf, containerView, links} from '../views.js'
import {opOf} from './containers.js'

/**
 * `/v1/capsules` (zun-api.md §3.22): a pod-like group of containers from a template. Created in
 * `Creating`, then `Running` (init containers end `Stopped`); deleted asynchronously from 1.32.
 */

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
      imagePullPolicy: typeof item.imagePullPolicy === 'string' ? item.imagePullPolicy : undefined,
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

/**
 * `format_capsule`: up to 1.31 the legacy form, where `restart_policy` is only its name
 * (`always`), `name` and `labels` are `meta_name` and `meta_labels`, and four legacy keys follow
 * the links. The capsule's containers are shown as containers are, without links.
 */
function capsuleView(cap: CapsuleRecord, ctx: ZunCtx, fresh = false): Record<string, unknown> {
  const opts = {hostUrl: ctx.hostUrl, version: ctx.version, caller: ctx.caller, now: ctx.now, fresh, links: false}
  const legacy = !atLeast(ctx.version, 32)
  const out: Record<string, unknown> = {
    uuid: cap.uuid,
    links: links(ctx.hostUrl, 'capsules', cap.uuid),
    ...(legacy ? {volumes_info: {}, containers_uuids: [], init_containers_uuids: [], capsule_version: ''} : {}),
    [legacy ? 'meta_name' : 'name']: cap.name,
    status: cap.status,
    status_reason: cap.statusReason,
    cpu: pyFloat(cap.cpu),
    memory: cap.memory,
    [legacy ? 'meta_labels' : 'labels']: cap.labels,
    annotations: cap.annotations,
    restart_policy: legacy ? cap.restartPolicy.Name : cap.restartPolicy,
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

async function create(state: ZunState, ctx: ZunCtx): Promise<Reply> {
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
  // What the containers asked for, and an init container's request when it is larger.
  let cpu = containers.reduce((n, c) => n + (c.cpu ?? 0), 0)
  let memory = containers.reduce((n, c) => n + (c.memory ?? 0), 0)
  for (const c of inits) {
    cpu = Math.max(cpu, c.cpu ?? 0)
    memory = Math.max(memory, c.memory ?? 0)
  }
  const template: CapsuleTemplate = {
    name: typeof meta.name === 'string' && meta.name ? meta.name : undefined,
    labels: isObject(meta.labels) ? (meta.labels as Record<string, string>) : null,
    annotations: isObject(meta.annotations) ? (meta.annotations as Record<string, string>) : null,
    restartPolicy: RESTART[String(spec.restartPolicy ?? 'Always').toLowerCase()] ?? 'always',
    containers,
    initContainers: inits,
    cpu,
    memory,
  }
  const cap = await createCapsule(state, template, {...opOf(ctx), version: ctx.version})
  return reply(202, capsuleView(cap, ctx, true), {Location: `${ctx.hostUrl}/v1/capsules/${cap.uuid}`})
}

export function registerCapsuleRoutes(api: Api, state: ZunState): void {
  api.route('POST', '/capsules', (ctx) => create(state, ctx))
  api.route('GET', '/capsules', (ctx) => {
    drain(ctx)
    const all = isAllProjects(ctx.query)
    if (all) enforce(ctx.caller, 'capsule:get_all_all_projects')
    enforce(ctx.caller, 'capsule:get_all')
    const limit = parseLimit(ctx.query.get('limit'))
    const page = listCapsules(state, {caller: ctx.caller, all, desc: ctx.query.get('sort_dir') === 'desc', marker: ctx.query.get('marker'), limit})
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
    const cap = findCapsule(state, ctx.params.id, ctx.caller, all)
    enforce(ctx.caller, 'capsule:get', cap.projectId)
    return reply(200, capsuleView(cap, ctx))
  })
  api.route('DELETE', '/capsules/:id', async (ctx) => {
    drain(ctx)
    const all = isAllProjects(ctx.query)
    if (all) enforce(ctx.caller, 'capsule:delete_all_projects')
    const cap = findCapsule(state, ctx.params.id, ctx.caller, all)
    enforce(ctx.caller, 'capsule:delete', cap.projectId)
    await deleteCapsule(state, cap, {...opOf(ctx), synchronous: !atLeast(ctx.version, 32)})
    return reply(204)
  })
}
