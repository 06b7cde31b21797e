import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

/** The clouds.yaml of the real services (`../shared/real-openstack/up.sh` writes it). */
export const CLOUDS = process.env.MRCTL_IT_CLOUDS ?? '/var/tmp/real-openstack/clouds.yaml'
export const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin', 'run.js')

export interface RunResult {
  code: number
  stdout: string
  stderr: string
  /** stdout parsed as JSON (undefined when it is not JSON). */
  json: any
}

/** A fresh, empty mrctl config folder (profiles and token cache) for one test file. */
export function tempConfigDir(): string {
  return mkdtempSync(join(tmpdir(), 'mrctl-it-'))
}

/** gophercloud's RandomString: names no other run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`
}

/**
 * Runs the built CLI as a user would: a child process, no TTY, the real-openstack cloud chosen
 * through OS_CLIENT_CONFIG_FILE and OS_CLOUD unless the test says otherwise.
 */
export function mrctl(args: string[], opts: {env?: Record<string, string | undefined>; configDir?: string; input?: string} = {}): Promise<RunResult> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    OS_CLIENT_CONFIG_FILE: CLOUDS,
    OS_CLOUD: 'real-openstack',
    MRCTL_CONFIG_DIR: opts.configDir ?? tempConfigDir(),
    NO_COLOR: '1',
    ...opts.env,
  }
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k]
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      let json: unknown
      try {
        json = JSON.parse(stdout)
      } catch {
        json = undefined
      }
      resolvePromise({code: code ?? -1, stdout, stderr, json})
    })
    child.stdin.end(opts.input ?? '')
  })
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let delay = 100
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, delay))
    delay = Math.min(delay * 2, 2000)
  }
}
