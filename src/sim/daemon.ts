import {spawn} from 'node:child_process'
import {openSync} from 'node:fs'
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'

import {MrctlError} from '../core/errors.js'
import {writePrivateFile} from '../profiles/files.js'
import {configDir} from '../profiles/paths.js'

export function simPidFile(): string {
  return join(configDir(), 'sim.pid')
}

export function simLogFile(): string {
  return join(configDir(), 'sim.log')
}

export interface SimPidRecord {
  pid: number
  endpoints: Array<{service: string; region: string; url: string}>
}

export async function readPidRecord(): Promise<SimPidRecord | undefined> {
  try {
    return JSON.parse(await readFile(simPidFile(), 'utf8')) as SimPidRecord
  } catch {
    return undefined
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Polls until `check` is true or the deadline passes. */
async function pollUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() >= deadline) return false
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

/**
 * Runs `argv` (the same `sim serve` without --detach) in the background with its output in the
 * log file, waits until it reports its endpoints (the pid file), and returns them.
 */
export async function detach(argv: string[], timeoutMs: number): Promise<SimPidRecord> {
  const existing = await readPidRecord()
  if (existing && isAlive(existing.pid)) {
    throw new MrctlError(`a simulator is already running (pid ${existing.pid})`, {actions: ['stop it first: mrctl sim stop']})
  }
  await rm(simPidFile(), {force: true})
  const log = openSync(simLogFile(), 'w', 0o600)
  const child = spawn(process.execPath, argv, {detached: true, stdio: ['ignore', log, log], env: {...process.env, MRCTL_SIM_PIDFILE: simPidFile()}})
  let exited: number | null = null
  child.on('exit', (code) => (exited = code ?? 1))
  child.unref()
  const ready = await pollUntil(async () => exited !== null || (await readPidRecord())?.pid === child.pid, timeoutMs)
  const record = await readPidRecord()
  if (record && record.pid === child.pid) return record
  const tail = (await readFile(simLogFile(), 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n')
  if (!ready && isAlive(child.pid!)) process.kill(child.pid!, 'SIGTERM')
  throw new MrctlError(exited === null ? `the simulator did not start within ${timeoutMs / 1000} s` : `the simulator exited: ${tail || `code ${exited}`}`, {
    actions: [`see ${simLogFile()}`],
  })
}

/** Written by the serving process once every emulator listens. */
export async function writePidRecord(record: SimPidRecord): Promise<void> {
  await writePrivateFile(process.env.MRCTL_SIM_PIDFILE ?? simPidFile(), JSON.stringify(record))
}

export async function removePidRecord(): Promise<void> {
  await rm(process.env.MRCTL_SIM_PIDFILE ?? simPidFile(), {force: true})
}

/** Stops a detached simulator: SIGTERM, then SIGKILL if it is still there after the deadline. */
export async function stopDetached(timeoutMs = 10_000): Promise<SimPidRecord> {
  const record = await readPidRecord()
  if (!record) throw new MrctlError(`no simulator is running (no pid file at ${simPidFile()})`)
  if (!isAlive(record.pid)) {
    await rm(simPidFile(), {force: true})
    throw new MrctlError(`the simulator (pid ${record.pid}) is not running any more; its stale pid file was removed`)
  }
  process.kill(record.pid, 'SIGTERM')
  if (!(await pollUntil(() => !isAlive(record.pid), timeoutMs))) {
    process.kill(record.pid, 'SIGKILL')
    await pollUntil(() => !isAlive(record.pid), 2000)
  }
  await rm(simPidFile(), {force: true})
  return record
}
