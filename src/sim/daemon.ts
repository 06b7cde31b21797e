import {spawn} from 'node:child_process'
import {openSync} from 'node:fs'
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'

import {MrctlError} from '../core/errors.js'
import {writePrivateFile} from '../profiles/files.js'
import {configDir} from '../profiles/paths.js'

/**
 * The files of a running simulator, in `<config dir>/sim/`: `run.json` (0600: pid, endpoints, the
 * control URL and its secret), `clouds.yaml` (0600: the sim's clouds with their passwords) and
 * `sim.log` (a detached sim's output). One simulator per config folder.
 */

export function simDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'sim')
}

export function runFile(): string {
  return process.env.MRCTL_SIM_RUNFILE ?? join(simDir(), 'run.json')
}

export function simLogFile(): string {
  return join(simDir(), 'sim.log')
}

export function simCloudsFile(): string {
  return join(simDir(), 'clouds.yaml')
}

export interface RunRecord {
  pid: number
  /** `sim`: the simulated cloud; `cloud`: Zun and Tricircle emulators over a real cloud. */
  kind: 'sim' | 'cloud'
  started_at: string
  endpoints: Array<{service: string; region: string; url: string}>
  control_url: string
  /** Bearer secret of the control API. */
  secret: string
  auth_url?: string
  regions?: string[]
  clouds_file?: string
  cloud?: string
  state_dir?: string
  time?: {mode: string; speed: number}
}

export async function readRunRecord(): Promise<RunRecord | undefined> {
  try {
    return JSON.parse(await readFile(runFile(), 'utf8')) as RunRecord
  } catch {
    return undefined
  }
}

export async function writeRunRecord(record: RunRecord): Promise<void> {
  await writePrivateFile(runFile(), JSON.stringify(record))
}

export async function removeRunRecord(pid = process.pid): Promise<void> {
  const r = await readRunRecord()
  if (!r || r.pid === pid) await rm(runFile(), {force: true})
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The running simulator's record; a record whose process is gone is removed. */
export async function runningSim(): Promise<RunRecord | undefined> {
  const r = await readRunRecord()
  if (!r) return undefined
  if (isAlive(r.pid)) return r
  await rm(runFile(), {force: true})
  return undefined
}

export async function requireRunning(): Promise<RunRecord> {
  const r = await runningSim()
  if (!r) throw new MrctlError('no simulator is running', {actions: ['start one: mrctl sim up (or mrctl sim up --detach)']})
  return r
}

/** Polls until `check` is true or the deadline passes. */
export async function pollUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() >= deadline) return false
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

/**
 * Runs `argv` (the same `sim up` without --detach) in the background with its output in the log
 * file, waits until it has written its run record, and returns it.
 */
export async function detach(argv: string[], timeoutMs: number): Promise<RunRecord> {
  const existing = await runningSim()
  if (existing) throw new MrctlError(`a simulator is already running (pid ${existing.pid})`, {actions: ['stop it first: mrctl sim down']})
  const log = simLogFile()
  await writePrivateFile(log, '')
  const fd = openSync(log, 'a', 0o600)
  const child = spawn(process.execPath, argv, {detached: true, stdio: ['ignore', fd, fd], env: process.env})
  let exited: number | null = null
  child.on('exit', (code) => (exited = code ?? 1))
  child.unref()
  const ready = await pollUntil(async () => exited !== null || (await readRunRecord())?.pid === child.pid, timeoutMs)
  const record = await readRunRecord()
  if (record && record.pid === child.pid) return record
  const tail = (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n')
  if (!ready && child.pid && isAlive(child.pid)) process.kill(child.pid, 'SIGTERM')
  throw new MrctlError(exited === null ? `the simulator did not start within ${timeoutMs / 1000} s` : `the simulator exited: ${tail || `code ${exited}`}`, {
    actions: [`see ${log}`],
  })
}

/** Stops a simulator: asks it to shut down (it saves its state), then SIGTERM, then SIGKILL. */
export async function stopSim(record: RunRecord, timeoutMs = 15_000): Promise<void> {
  const {controlCall} = await import('./control-client.js')
  try {
    await controlCall(record, 'POST', '/shutdown')
  } catch {
    if (isAlive(record.pid)) process.kill(record.pid, 'SIGTERM')
  }
  if (!(await pollUntil(() => !isAlive(record.pid), timeoutMs))) {
    process.kill(record.pid, 'SIGKILL')
    await pollUntil(() => !isAlive(record.pid), 2000)
  }
  await rm(runFile(), {force: true})
}
