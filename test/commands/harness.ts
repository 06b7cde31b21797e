/**
 * Command tests: the built CLI (`bin/run.js` → `dist/`) run as a user runs it, in a child process
 * with no TTY, against loopback fakes (test/fakes) or nothing at all. `npm run build` first.
 */
import type {CatalogSpec} from '../fakes/keystone.js'

import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {afterEach} from 'vitest'

import {expectTokenIssue, multiRegionCatalog, passwordBody} from '../fakes/keystone.js'
import {FakeServer} from '../fakes/server.js'

// MRCTL_CLI_ROOT runs these tests against another build (to see them fail on the code before a fix).
export const ROOT = process.env.MRCTL_CLI_ROOT ?? resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin', 'run.js')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  env?: Record<string, string | undefined>
  input?: string
  /** Called with the child once it runs (to send it a signal, say). */
  onSpawn?: (child: import('node:child_process').ChildProcess, output: {stdout: () => string; stderr: () => string}) => void
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  if (!existsSync(join(ROOT, 'dist', 'commands'))) throw new Error('test/commands needs the build: npm run build')
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    MRCTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'mrctl-cmd-')),
    OS_CLIENT_CONFIG_FILE: join(tmpdir(), 'mrctl-cmd-no-clouds.yaml'),
    ...opts.env,
  }
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k]
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'], cwd: tmpdir()})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code, signal) => resolvePromise({code, signal, stdout, stderr}))
    opts.onSpawn?.(child, {stdout: () => stdout, stderr: () => stderr})
    child.stdin.end(opts.input ?? '')
  })
}

/** Polls `check` until it is true or `ms` ran out (never a bare sleep). */
export async function until(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export const TOKEN = 'gAAAAA-fake-token-0001'

/**
 * A fake cloud: a Keystone that issues one token (the CLI caches it in its config dir), services
 * per region from `spec` (service type → region → fake server), and a clouds.yaml naming it
 * `fake` (password `Sup3r-Secret-Pa55`, mode 0600). `env` points the CLI at it.
 */
export async function fakeCloud(
  regions: Record<string, string[]>,
  opts: {tokens?: number; defaultRegion?: string; cloudsMode?: number} = {},
): Promise<{
  keystone: FakeServer
  services: Record<string, Record<string, FakeServer>>
  env: Record<string, string>
  configDir: string
  cloudsPath: string
  close: () => Promise<void>
  verify: () => void
}> {
  const keystone = await FakeServer.start('keystone')
  const services: Record<string, Record<string, FakeServer>> = {}
  const spec: CatalogSpec = {}
  for (const [type, names] of Object.entries(regions)) {
    services[type] = {}
    spec[type] = {}
    for (const r of names) {
      const s = await FakeServer.start(`${type}@${r}`)
      services[type][r] = s
      // Zun's catalog URL carries its version (`…/v1`), as in real clouds.
      spec[type][r] = type === 'container' ? `${s.url}/v1` : s.url
    }
  }
  expectTokenIssue(keystone, {
    body: passwordBody('admin', 'Sup3r-Secret-Pa55', 'admin'),
    tokens: Array.from({length: opts.tokens ?? 1}, () => TOKEN),
    catalog: multiRegionCatalog(spec),
  })
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-cmd-cloud-'))
  const clouds = join(dir, 'clouds.yaml')
  const names = [...new Set(Object.values(regions).flat())]
  const region = (opts.defaultRegion ? `    region_name: ${opts.defaultRegion}\n` : '') + `    regions: [${names.join(', ')}]\n`
  writeFileSync(
    clouds,
    `clouds:\n  fake:\n    auth:\n      auth_url: ${keystone.url}/v3\n      username: admin\n      password: Sup3r-Secret-Pa55\n      project_name: admin\n      user_domain_id: default\n      project_domain_id: default\n${region}    identity_api_version: 3\n`,
    {mode: opts.cloudsMode ?? 0o600},
  )
  const all = [keystone, ...Object.values(services).flatMap((m) => Object.values(m))]
  return {
    keystone,
    services,
    configDir: join(dir, 'config'),
    cloudsPath: clouds,
    env: {OS_CLIENT_CONFIG_FILE: clouds, OS_CLOUD: 'fake', MRCTL_CONFIG_DIR: join(dir, 'config')},
    close: async () => {
      await Promise.all(all.map((s) => s.close()))
    },
    verify: () => {
      for (const s of all) s.verify()
    },
  }
}

type Cloud = Awaited<ReturnType<typeof fakeCloud>>

/** A fake cloud per test, closed after it: `const cloud = useFakeCloud(); … cloud.start({network: ['RegionOne']})`. */
export function useFakeCloud(): {start: (...args: Parameters<typeof fakeCloud>) => Promise<Cloud>} {
  let current: Cloud | undefined
  afterEach(async () => {
    await current?.close()
    current = undefined
  })
  return {
    start: async (...args) => {
      current = await fakeCloud(...args)
      return current
    },
  }
}
