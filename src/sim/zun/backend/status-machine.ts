import {errors} from '../errors.js'

/**
 * Container statuses, task states, which statuses each API accepts, and the lazy timeline that
 * moves a container through its statuses (zun-api.md §4).
 *
 * Nothing runs in the background: an action sets what the API sets at once (for example
 * `Restarting`) and schedules the later steps (what zun-compute would do) at absolute times; a
 * container is brought up to date from the injected clock whenever it is read. Tests move the clock
 * instead of sleeping.
 */

export const Status = {
  Creating: 'Creating',
  Created: 'Created',
  Running: 'Running',
  Stopped: 'Stopped',
  Paused: 'Paused',
  Restarting: 'Restarting',
  Rebuilding: 'Rebuilding',
  Deleting: 'Deleting',
  Deleted: 'Deleted',
  Dead: 'Dead',
  Error: 'Error',
  Unknown: 'Unknown',
} as const
export type Status = (typeof Status)[keyof typeof Status]

export const TaskState = {
  ImagePulling: 'image_pulling',
  Creating: 'container_creating',
  Starting: 'container_starting',
  Deleting: 'container_deleting',
  Stopping: 'container_stopping',
  Rebooting: 'container_rebooting',
  Pausing: 'container_pausing',
  Unpausing: 'container_unpausing',
  Killing: 'container_killing',
  SgAdding: 'sg_adding',
  SgRemoving: 'sg_removing',
  NetworkAttaching: 'network_attaching',
  NetworkDetaching: 'network_detaching',
  Rebuilding: 'container_rebuilding',
} as const

const S = Status

/** `VALID_STATES` (zun/common/utils.py): the statuses in which each API is accepted. */
export const VALID_STATES: Record<string, readonly Status[]> = {
  delete: [S.Created, S.Error, S.Stopped, S.Deleted, S.Dead],
  delete_force: [
    S.Created,
    S.Creating,
    S.Error,
    S.Running,
    S.Stopped,
    S.Unknown,
    S.Deleted,
    S.Dead,
    S.Restarting,
    S.Rebuilding,
    S.Deleting,
  ],
  delete_after_stop: [S.Running, S.Created, S.Error, S.Stopped, S.Deleted, S.Dead],
  start: [S.Created, S.Stopped, S.Error],
  stop: [S.Running],
  reboot: [S.Created, S.Running, S.Stopped, S.Error],
  rebuild: [S.Created, S.Running, S.Stopped, S.Error],
  pause: [S.Running],
  unpause: [S.Paused],
  kill: [S.Running],
  execute: [S.Running],
  execute_resize: [S.Running],
  attach: [S.Running],
  resize: [S.Running],
  top: [S.Running],
  stats: [S.Running],
  update: [S.Created, S.Running, S.Stopped, S.Paused],
  resize_container: [S.Created, S.Running, S.Stopped, S.Paused],
  add_security_group: [S.Created, S.Running, S.Stopped, S.Paused],
  remove_security_group: [S.Created, S.Running, S.Stopped, S.Paused],
  commit: [S.Running, S.Stopped, S.Paused],
  get_archive: [S.Created, S.Paused, S.Running, S.Stopped],
  put_archive: [S.Created, S.Paused, S.Running, S.Stopped],
  logs: [S.Created, S.Error, S.Paused, S.Running, S.Stopped, S.Unknown],
}

/** 409 `container.invalid-state-exception` "Cannot <action> container <uuid> in <Status> state". */
export function validateState(c: {uuid: string; status: Status}, action: string): void {
  const allowed = VALID_STATES[action]
  if (!allowed) throw new Error(`no VALID_STATES entry for ${action}`)
  if (!allowed.includes(c.status)) throw errors.invalidState(action, c.uuid, c.status)
}

/** A later change of a record, due at `at` (epoch ms). */
export interface Step<T> {
  at: number
  apply: (record: T, at: number) => void
}

export interface Timelined<T> {
  timeline: Array<Step<T>>
}

/** Adds a step, keeping the timeline ordered by time (stable for equal times). */
export function schedule<T extends Timelined<T>>(record: T, step: Step<T>): void {
  const i = record.timeline.findIndex((s) => s.at > step.at)
  if (i < 0) record.timeline.push(step)
  else record.timeline.splice(i, 0, step)
}

/** Drops the pending steps: a new lifecycle action supersedes what compute was still doing. */
export function clearTimeline<T extends Timelined<T>>(record: T): void {
  record.timeline.length = 0
}

/** Applies every step due at `now`, in order; steps may schedule further steps. */
export function advance<T extends Timelined<T>>(record: T, now: number): void {
  for (let guard = 0; guard < 10_000; guard++) {
    const next = record.timeline[0]
    if (!next || next.at > now) return
    record.timeline.shift()
    next.apply(record, next.at)
  }
  throw new Error('timeline did not settle')
}

/** The time of the last pending step, or `now` when nothing is pending. */
export function settledAt<T extends Timelined<T>>(record: T, now: number): number {
  return record.timeline.length ? record.timeline[record.timeline.length - 1].at : now
}

/**
 * How long each compute-side operation takes, in milliseconds, before the next status is
 * reached. A `run` takes `create` then `start`.
 */
export interface Transitions {
  create: number
  start: number
  stop: number
  kill: number
  pause: number
  unpause: number
  reboot: number
  rebuild: number
  delete: number
  commit: number
  capsuleCreate: number
  capsuleDelete: number
}

export const DEFAULT_TRANSITIONS: Transitions = {
  create: 3000,
  start: 1000,
  stop: 1000,
  kill: 500,
  pause: 500,
  unpause: 500,
  reboot: 2000,
  rebuild: 3000,
  delete: 1000,
  commit: 2000,
  capsuleCreate: 4000,
  capsuleDelete: 1000,
}

/** Docker-style age: "5 seconds", "3 mins", "2 hours", "4 days". */
function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  if (s < 1) return 'Less than a second'
  if (s < 60) return `${s} seconds`
  if (s < 3600) return `${Math.floor(s / 60)} mins`
  if (s < 86_400) return `${Math.floor(s / 3600)} hours`
  return `${Math.floor(s / 86_400)} days`
}

/** `status_detail` as zun-compute derives it from Docker ("Up 5 mins", "Exited(0) 8 mins ago "). */
export function statusDetail(
  c: {status: Status; startedAt: number | null; finishedAt: number | null; exitCode: number | null},
  now: number,
): string | null {
  switch (c.status) {
    case S.Created:
      return 'Created'
    case S.Running:
      return `Up ${age(now - (c.startedAt ?? now))}`
    case S.Paused:
      return `Up ${age(now - (c.startedAt ?? now))} (paused)`
    case S.Stopped:
      return `Exited(${c.exitCode ?? 0}) ${age(now - (c.finishedAt ?? now))} ago `
    case S.Restarting:
      return 'Restarting'
    case S.Dead:
      return 'Dead'
    default:
      return null
  }
}
