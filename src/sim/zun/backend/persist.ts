import type {ContainerRecord} from './model.js'
import type {CapsuleRecord, ImageRecord, QuotaSet, RegistryRecord, ServiceRecord, ZunNetworkRecord, ZunState} from './state.js'

import {scheduleExit} from './lifecycle.js'
import {advance} from './status-machine.js'

/**
 * The emulated Zun's state as JSON (the simulator's `--state` file and snapshots), and back.
 *
 * A record's pending timeline steps are functions, which do not travel: a container is saved as
 * it will be once the operation in progress has finished (a create, start, stop, delete… — the
 * longest takes `max(transitions)`), and a running process that ends by itself gets its exit
 * scheduled again when the state is restored. Exec instances and websocket sessions are not kept.
 */

type Plain<T> = Omit<T, 'timeline'>

export type SavedContainer = Omit<Plain<ContainerRecord>, 'files' | 'injectedFiles' | 'execs'> & {
  files: Record<string, string>
  injectedFiles: Record<string, string>
}

export type SavedCapsule = Omit<Plain<CapsuleRecord>, 'containers' | 'initContainers' | 'sandbox'> & {
  containers: SavedContainer[]
  initContainers: SavedContainer[]
  sandbox: SavedContainer
}

export interface ZunSnapshot {
  seq: number
  containers: SavedContainer[]
  capsules: SavedCapsule[]
  images: ImageRecord[]
  registries: RegistryRecord[]
  quotas: Record<string, Partial<QuotaSet>>
  quotaClasses: Record<string, Partial<QuotaSet>>
  zunNetworks: ZunNetworkRecord[]
  services: ServiceRecord[]
}

const toB64 = (m: Map<string, Buffer>): Record<string, string> => Object.fromEntries([...m].map(([k, v]) => [k, v.toString('base64')]))
const fromB64 = (r: Record<string, string> | undefined): Map<string, Buffer> => new Map(Object.entries(r ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]))

/** A copy of a container whose pending steps are still to run (the record itself is not touched). */
function copyContainer(c: ContainerRecord): ContainerRecord {
  const {timeline, ...rest} = c
  return {...structuredClone(rest), timeline: [...timeline]}
}

/** The container as it will be at `until` (its steps up to then applied to a copy). */
function settledContainer(c: ContainerRecord, until: number): ContainerRecord {
  const copy = copyContainer(c)
  advance(copy, until)
  copy.timeline = []
  return copy
}

/** The same for a capsule: its own steps change its containers too. */
function settledCapsule(cap: CapsuleRecord, until: number): CapsuleRecord {
  const {timeline, containers, initContainers, sandbox, ...rest} = cap
  const copy: CapsuleRecord = {
    ...structuredClone(rest),
    timeline: [...timeline],
    containers: containers.map(copyContainer),
    initContainers: initContainers.map(copyContainer),
    sandbox: copyContainer(sandbox),
  }
  advance(copy, until)
  for (const c of [...copy.containers, ...copy.initContainers, copy.sandbox]) {
    advance(c, until)
    c.timeline = []
  }
  copy.timeline = []
  return copy
}

function saveContainer(c: ContainerRecord): SavedContainer {
  const {timeline: _t, files, injectedFiles, execs: _e, ...rest} = c
  return {...structuredClone(rest), files: toB64(files), injectedFiles: toB64(injectedFiles)}
}

function restoreContainer(s: SavedContainer, now: number): ContainerRecord {
  const c: ContainerRecord = {...structuredClone(s), timeline: [], files: fromB64(s.files), injectedFiles: fromB64(s.injectedFiles), execs: new Map()}
  const run = c.runs.at(-1)
  if (c.status === 'Running' && run && run.endedAt === null && run.exitAt !== null) scheduleExit(c, run, Math.max(run.exitAt, now))
  return c
}

export function saveZun(state: ZunState, now: number): ZunSnapshot {
  const until = now + Math.max(...Object.values(state.config.transitions))
  const containers = [...state.containers.values()].map((c) => settledContainer(c, until)).filter((c) => !c.destroyed)
  const capsules = [...state.capsules.values()].map((cap) => settledCapsule(cap, until)).filter((cap) => !cap.destroyed)
  return {
    seq: state.lastSeq,
    containers: containers.map(saveContainer),
    capsules: capsules.map(({timeline: _t, containers: cs, initContainers: ics, sandbox, ...rest}) => ({
      ...rest,
      containers: cs.map(saveContainer),
      initContainers: ics.map(saveContainer),
      sandbox: saveContainer(sandbox),
    })),
    images: structuredClone([...state.images.values()]),
    registries: structuredClone([...state.registries.values()]),
    quotas: Object.fromEntries(structuredClone([...state.quotas])),
    quotaClasses: Object.fromEntries(structuredClone([...state.quotaClasses])),
    zunNetworks: structuredClone([...state.zunNetworks.values()]),
    services: structuredClone(state.services),
  }
}

/** Replaces the state's records with the saved ones (the backends, config and host stay). */
export function restoreZun(state: ZunState, snap: ZunSnapshot, now: number): void {
  state.containers.clear()
  state.capsules.clear()
  state.images.clear()
  state.registries.clear()
  state.quotas.clear()
  state.quotaClasses.clear()
  state.zunNetworks.clear()
  for (const s of snap.containers) state.containers.set(s.uuid, restoreContainer(s, now))
  for (const s of snap.capsules) {
    const cap: CapsuleRecord = {
      ...structuredClone(s),
      timeline: [],
      containers: s.containers.map((c) => restoreContainer(c, now)),
      initContainers: s.initContainers.map((c) => restoreContainer(c, now)),
      sandbox: restoreContainer(s.sandbox, now),
    }
    state.capsules.set(cap.uuid, cap)
  }
  for (const i of snap.images) state.images.set(i.uuid, structuredClone(i))
  for (const r of snap.registries) state.registries.set(r.uuid, structuredClone(r))
  for (const [k, v] of Object.entries(snap.quotas)) state.quotas.set(k, structuredClone(v))
  for (const [k, v] of Object.entries(snap.quotaClasses)) state.quotaClasses.set(k, structuredClone(v))
  for (const n of snap.zunNetworks) state.zunNetworks.set(n.neutronNetId, structuredClone(n))
  if (snap.services.length) state.services.splice(0, state.services.length, ...structuredClone(snap.services))
  state.resumeSeq(snap.seq)
}

/** The Neutron devices (device_id) the saved Zun holds ports for: its containers and capsule sandboxes. */
export function savedDevices(snap: ZunSnapshot): string[] {
  return [...snap.containers.map((c) => c.uuid), ...snap.capsules.map((c) => c.uuid)]
}
