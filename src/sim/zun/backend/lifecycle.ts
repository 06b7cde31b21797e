import {type ExecContext, runCommand} from './exec.js'
import type {ActionRecord, ContainerRecord, ProcessRun} from './model.js'
import {clearTimeline, schedule, Status, TaskState, type Transitions} from './status-machine.js'

/**
 * What zun-compute does after the API answered, as timeline steps (see status-machine.ts). Each
 * `begin*` sets what the API sets immediately and returns when the operation will be finished.
 */

export interface LifecycleEnv {
  transitions: Transitions
  /** The emulated compute host's name. */
  host: string
}

/** The container as the emulated commands see it. */
export function execContext(c: ContainerRecord): ExecContext {
  return {
    hostname: c.hostname ?? c.dockerId.slice(0, 12),
    environment: c.environment ?? {},
    workdir: c.workdir,
    interfaces: c.networked
      ? c.attachments.flatMap((a) => a.ips.map((ip) => ({addr: ip.addr, version: ip.version, prefixLen: ip.prefixLen, mac: a.mac})))
      : [],
    files: c.files,
  }
}

function touch(c: ContainerRecord, at: number): void {
  c.updatedAt = at
}

/** Starts the main process at `at`; a command that ends by itself schedules its exit. */
function startProcess(c: ContainerRecord, at: number): void {
  const argv = [...(c.entrypoint ?? []), ...(c.command ?? [])]
  const run: ProcessRun = {startedAt: at, endedAt: null, segments: [], exitAt: null, exitCode: 0, remainingMs: null}
  if (argv.length) {
    const result = runCommand(argv, execContext(c))
    if (result.supported) {
      run.segments = result.segments
      run.exitCode = result.exitCode
      if (Number.isFinite(result.durationSec)) run.exitAt = at + Math.round(result.durationSec * 1000)
    }
  }
  c.runs.push(run)
  c.status = Status.Running
  c.taskState = null
  c.statusReason = null
  c.startedAt = at
  c.finishedAt = null
  c.exitCode = null
  touch(c, at)
  if (run.exitAt !== null) scheduleExit(c, run, run.exitAt)
}

export function scheduleExit(c: ContainerRecord, run: ProcessRun, at: number): void {
  schedule(c, {
    at,
    apply: (rec, t) => {
      endProcess(rec, t, run.exitCode)
      if (rec.autoRemove) rec.destroyed = true
    },
  })
}

function currentRun(c: ContainerRecord): ProcessRun | undefined {
  const last = c.runs[c.runs.length - 1]
  return last && last.endedAt === null ? last : undefined
}

function endProcess(c: ContainerRecord, at: number, exitCode: number): void {
  const run = currentRun(c)
  if (run) run.endedAt = at
  c.status = Status.Stopped
  c.taskState = null
  c.exitCode = exitCode
  c.finishedAt = at
  touch(c, at)
}

/**
 * The main process ended by itself at `at` (for example `exit` typed at its shell through an
 * attach session, wsproxy.ts): the container stops with that exit code, and goes if auto_remove.
 */
export function exitMainProcess(c: ContainerRecord, at: number, exitCode: number): void {
  if (!currentRun(c)) return
  clearTimeline(c)
  endProcess(c, at, exitCode)
  if (c.autoRemove) c.destroyed = true
}

function fail(c: ContainerRecord, at: number, reason: string): void {
  c.status = Status.Error
  c.statusReason = reason
  c.taskState = null
  touch(c, at)
}

/** Creating → Created (→ Running with `run`), or Error when compute would fail. */
export function beginCreate(c: ContainerRecord, now: number, env: LifecycleEnv, run: boolean): number {
  const t = env.transitions
  const created = now + t.create
  schedule(c, {
    at: Math.min(now + 1, created),
    apply: (rec) => {
      rec.host = env.host
      rec.taskState = TaskState.ImagePulling
    },
  })
  schedule(c, {at: now + Math.floor(t.create / 2), apply: (rec) => (rec.taskState = TaskState.Creating)})
  schedule(c, {
    at: created,
    apply: (rec, at) => {
      if (rec.pendingError) {
        fail(rec, at, rec.pendingError)
        return
      }
      rec.networked = true
      // Without requested groups the ports got Neutron's default group; Zun then shows it.
      rec.securityGroups ??= [...new Set(rec.attachments.flatMap((a) => a.securityGroups))]
      rec.status = Status.Created
      rec.taskState = run ? TaskState.Starting : null
      touch(rec, at)
      if (run) schedule(rec, {at: at + t.start, apply: (r, at2) => startProcess(r, at2)})
    },
  })
  return created + (run && !c.pendingError ? t.start : 0)
}

export function beginStart(c: ContainerRecord, now: number, env: LifecycleEnv): number {
  clearTimeline(c)
  c.taskState = TaskState.Starting
  const at = now + env.transitions.start
  schedule(c, {
    at,
    apply: (rec, t) => {
      if (rec.pendingError) fail(rec, t, rec.pendingError)
      else {
        rec.networked = true
        startProcess(rec, t)
      }
    },
  })
  return at
}

export function beginStop(c: ContainerRecord, now: number, env: LifecycleEnv): number {
  clearTimeline(c)
  c.taskState = TaskState.Stopping
  const at = now + env.transitions.stop
  schedule(c, {at, apply: (rec, t) => endProcess(rec, t, 0)})
  return at
}

/** Signal numbers for `kill`; the exit code is 128 + the number. Default SIGKILL. */
const SIGNALS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ABRT: 6,
  KILL: 9,
  USR1: 10,
  USR2: 12,
  TERM: 15,
  STOP: 19,
}

/** `SIGTERM`, `TERM`, `sigterm`, `term`, `15` → 15; `None`/absent → 9; undefined if unknown. */
export function parseSignal(raw: string | null): number | undefined {
  if (raw === null || raw === 'None' || raw === '') return 9
  if (/^\d+$/.test(raw)) {
    const n = Number(raw)
    return n >= 1 && n <= 64 ? n : undefined
  }
  const name = raw.toUpperCase().replace(/^SIG/, '')
  return SIGNALS[name]
}

export function beginKill(c: ContainerRecord, now: number, env: LifecycleEnv, signal: number): number {
  clearTimeline(c)
  c.taskState = TaskState.Killing
  const at = now + env.transitions.kill
  schedule(c, {at, apply: (rec, t) => endProcess(rec, t, 128 + signal)})
  return at
}

export function beginPause(c: ContainerRecord, now: number, env: LifecycleEnv): number {
  clearTimeline(c)
  c.taskState = TaskState.Pausing
  const at = now + env.transitions.pause
  schedule(c, {
    at,
    apply: (rec, t) => {
      const run = currentRun(rec)
      if (run && run.exitAt !== null) run.remainingMs = Math.max(0, run.exitAt - t)
      rec.status = Status.Paused
      rec.taskState = null
      touch(rec, t)
    },
  })
  return at
}

export function beginUnpause(c: ContainerRecord, now: number, env: LifecycleEnv): number {
  clearTimeline(c)
  c.taskState = TaskState.Unpausing
  const at = now + env.transitions.unpause
  schedule(c, {
    at,
    apply: (rec, t) => {
      rec.status = Status.Running
      rec.taskState = null
      touch(rec, t)
      const run = currentRun(rec)
      if (run && run.remainingMs !== null) {
        run.exitAt = t + run.remainingMs
        run.remainingMs = null
        scheduleExit(rec, run, run.exitAt)
      }
    },
  })
  return at
}

/** The API sets `Restarting` at once; compute brings the container back to Running. */
export function beginReboot(c: ContainerRecord, now: number, env: LifecycleEnv): number {
  clearTimeline(c)
  const run = currentRun(c)
  if (run) run.endedAt = now
  c.status = Status.Restarting
  c.taskState = TaskState.Rebooting
  touch(c, now)
  const at = now + env.transitions.reboot
  schedule(c, {
    at,
    apply: (rec, t) => {
      if (rec.pendingError) fail(rec, t, rec.pendingError)
      else {
        rec.networked = true
        startProcess(rec, t)
      }
    },
  })
  return at
}

/** The API sets `Rebuilding` at once; compute recreates it, Created or (if it was) Running. */
export function beginRebuild(c: ContainerRecord, now: number, env: LifecycleEnv, run: boolean): number {
  clearTimeline(c)
  const current = currentRun(c)
  if (current) current.endedAt = now
  c.status = Status.Rebuilding
  c.taskState = TaskState.Rebuilding
  c.statusReason = null
  touch(c, now)
  const at = now + env.transitions.rebuild
  schedule(c, {
    at,
    apply: (rec, t) => {
      if (rec.pendingError) {
        fail(rec, t, rec.pendingError)
        return
      }
      rec.networked = true
      // A rebuilt container starts from its image again: only bind-mounted files survive.
      rec.files = new Map(rec.injectedFiles)
      if (run) startProcess(rec, t)
      else {
        rec.status = Status.Created
        rec.taskState = null
        rec.startedAt = null
        rec.finishedAt = null
        rec.exitCode = null
        touch(rec, t)
      }
    },
  })
  return at
}

/**
 * The API sets `Deleting`; compute removes the container (starting at `from`, later than `now`
 * when a stop comes first) and the record is destroyed.
 */
export function beginDelete(c: ContainerRecord, now: number, env: LifecycleEnv, from = now): number {
  clearTimeline(c)
  const run = currentRun(c)
  if (run) run.endedAt = from
  c.status = Status.Deleting
  c.taskState = from > now ? TaskState.Stopping : TaskState.Deleting
  touch(c, now)
  if (from > now) schedule(c, {at: from, apply: (rec) => (rec.taskState = TaskState.Deleting)})
  const at = from + env.transitions.delete
  schedule(c, {at, apply: (rec) => (rec.destroyed = true)})
  return at
}

/** Zun's event names (`compute__do_container_<op>`) per action. */
const EVENTS: Record<string, string[]> = {
  create: ['compute__do_container_create'],
  run: ['compute__do_container_create', 'compute__do_container_start'],
  start: ['compute__do_container_start'],
  stop: ['compute__do_container_stop'],
  reboot: ['compute__do_container_reboot'],
  pause: ['compute__do_container_pause'],
  unpause: ['compute__do_container_unpause'],
  kill: ['compute__do_container_kill'],
  rebuild: ['compute__do_container_rebuild'],
  delete: ['compute__do_container_delete'],
  commit: ['compute__do_container_commit'],
  exec_cmd: ['compute_container_exec'],
  update: ['compute_container_update'],
  network_attach: ['compute_network_attach'],
  network_detach: ['compute_network_detach'],
  put_archive: ['compute_container_put_archive'],
  container_attach: ['compute_container_attach'],
  add_security_group: ['compute_add_security_group'],
  remove_security_group: ['compute_remove_security_group'],
}

export function recordAction(
  c: ContainerRecord,
  o: {
    action: string
    requestId: string
    userId: string
    projectId: string
    now: number
    /** null: never finishes (a cast no compute host receives). */
    finishMs: number | null
    failed?: string | null
    eventsOf?: string
  },
): ActionRecord {
  const names = EVENTS[o.eventsOf ?? o.action] ?? [`compute_${o.action}`]
  const rec: ActionRecord = {
    action: o.action === 'run' ? 'create' : o.action,
    requestId: o.requestId,
    userId: o.userId,
    projectId: o.projectId,
    containerUuid: c.uuid,
    startMs: o.now,
    finishMs: o.finishMs,
    message: o.failed ? 'Error' : null,
    events: names.map((event, i) => {
      const failedHere = Boolean(o.failed) && i === 0
      return {
        event,
        startMs: o.now,
        finishMs: o.finishMs,
        result: failedHere ? 'Error' : 'Success',
        traceback: failedHere ? `Traceback (most recent call last):\n  ...\nzun.common.exception.ZunException: ${o.failed}\n` : null,
      }
    }),
  }
  c.actions.push(rec)
  return rec
}
