import {randomUUID} from 'node:crypto'

import {NeutronError} from '../../backends/neutron.js'
import {errors} from '../errors.js'
import type {Version} from '../microversion.js'
import {isUuidLike} from '../params.js'
import type {Caller} from '../policy.js'
import {microTime} from '../time.js'
import {generateName, newContainerRecord} from './containers.js'
import type {ContainerRecord, CreateSpec} from './model.js'
import {bindPorts, releaseContainer, resolveNets} from './networking.js'
import type {CapsuleRecord, OpContext, ZunState} from './state.js'
import {schedule, Status} from './status-machine.js'

/**
 * Capsules behind `/v1/capsules` (zun-api.md §3.22): a sandbox holding the Neutron ports, and
 * the containers of the template, Running after `capsuleCreate` (init containers Stopped).
 */

/** One container of a capsule template, as the handler read it. */
export interface TemplateContainer {
  image: string
  imagePullPolicy?: string
  command?: string[]
  args?: string[]
  workDir?: string
  env?: Record<string, string>
  cpu?: number
  memory?: number
}

export interface CapsuleTemplate {
  name?: string
  labels: Record<string, string> | null
  annotations: Record<string, string> | null
  /** Docker's name for it: `always`, `on-failure`, `no`. */
  restartPolicy: string
  containers: TemplateContainer[]
  initContainers: TemplateContainer[]
  /** What the containers asked for: the sum, or an init container's request when larger. */
  cpu: number
  memory: number
}

export async function createCapsule(state: ZunState, t: CapsuleTemplate, op: OpContext & {version: Version}): Promise<CapsuleRecord> {
  const requested = await resolveNets(state, op.caller, [])

  const uuid = randomUUID()
  const base = {caller: op.caller, version: op.version, now: op.now}
  const policy = {Name: t.restartPolicy, MaximumRetryCount: '0'}
  // An init container of an `always` capsule is retried on failure instead (Zun's rule).
  const initPolicy = t.restartPolicy === 'always' ? {Name: 'on-failure', MaximumRetryCount: '10'} : policy
  const build = (c: TemplateContainer, restartPolicy: {Name: string; MaximumRetryCount: string}): ContainerRecord => {
    const cs: CreateSpec = {
      image: c.image,
      // `capsule-<capsule name, else its uuid>-<generated name>`, e.g. capsule-web-zeta-22.
      name: `capsule-${t.name ?? uuid}-${generateName()}`,
      command: [...(c.command ?? []), ...(c.args ?? [])],
      workdir: c.workDir,
      environment: c.env,
      imagePullPolicy: (c.imagePullPolicy ?? 'always').toLowerCase(),
      restartPolicy,
      nets: [],
      mounts: [],
    }
    const rec = newContainerRecord(cs, {...base, uuid: randomUUID(), seq: state.nextSeq()})
    // Only what the template asked for: no default cpu, memory or image driver.
    rec.cpu = c.cpu ?? null
    rec.memory = c.memory === undefined ? null : String(c.memory)
    rec.imageDriver = null
    return rec
  }
  const sandbox = newContainerRecord({image: 'kubernetes/pause', nets: [], mounts: []}, {...base, uuid, seq: state.nextSeq()})
  const cap: CapsuleRecord = {
    timeline: [],
    seq: state.nextSeq(),
    uuid,
    name: t.name ?? null,
    projectId: op.caller.projectId,
    userId: op.caller.userId,
    status: Status.Creating,
    statusReason: null,
    cpu: t.cpu,
    memory: String(t.memory),
    labels: t.labels,
    annotations: t.annotations,
    restartPolicy: policy,
    containers: t.containers.map((c) => build(c, policy)),
    initContainers: t.initContainers.map((c) => build(c, initPolicy)),
    sandbox,
    host: null,
    createdAt: microTime(new Date(op.now)),
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
      sandbox.attachments = await bindPorts(state, sandbox, op.caller, requested)
    } catch (err) {
      if (!(err instanceof NeutronError)) throw err
      failure = err.message
    }
    const at = op.now + state.config.transitions.capsuleCreate
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
  state.capsules.set(uuid, cap)
  return cap
}

/** By UUID or by name, among the capsules the caller may see. */
export function findCapsule(state: ZunState, ident: string, caller: Caller, all: boolean): CapsuleRecord {
  const scope = [...state.capsules.values()].filter((c) => all || caller.isAdmin || c.projectId === caller.projectId)
  const byId = isUuidLike(ident) ? scope.find((c) => c.uuid === ident) : undefined
  if (byId) return byId
  const named = scope.filter((c) => c.name === ident)
  if (named.length === 1) return named[0]
  if (named.length > 1) throw errors.conflict('Multiple capsules exist with same name. Please use the capsule uuid instead.')
  throw errors.capsuleNotFound(ident)
}

/** The ports go at once; one never scheduled (or any, before 1.32) is gone at once, else after `capsuleDelete`. */
export async function deleteCapsule(state: ZunState, cap: CapsuleRecord, op: OpContext & {synchronous: boolean}): Promise<void> {
  await releaseContainer(state, cap.sandbox)
  if (op.synchronous || !cap.host) {
    state.capsules.delete(cap.uuid)
    return
  }
  cap.timeline.length = 0
  cap.status = Status.Deleting
  cap.updatedAt = op.now
  schedule(cap, {at: op.now + state.config.transitions.capsuleDelete, apply: (rec) => (rec.destroyed = true)})
}

/** One page of the caller's capsules (every project's with `all`), in creation order. */
export function listCapsules(state: ZunState, q: {caller: Caller; all: boolean; desc: boolean; marker: string | null; limit: number}): CapsuleRecord[] {
  let list = [...state.capsules.values()].filter((c) => q.all || c.projectId === q.caller.projectId)
  list.sort((a, b) => a.seq - b.seq)
  if (q.desc) list.reverse()
  if (q.marker) list = list.slice(list.findIndex((c) => c.uuid === q.marker) + 1)
  return list.slice(0, q.limit)
}
