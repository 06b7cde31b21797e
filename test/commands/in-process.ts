/**
 * Commands run in this process (@oclif/test's captureOutput around the build's `runWithoutExit`),
 * as `bin/run.js` runs them: the built bundle (`npm run build` first), the argv normalised for
 * global options, and only the environment given (the OS_* and MRCTL_* of the test process are set
 * aside). Faster than spawning the binary; the exit code is what the process would exit with.
 */
import {captureOutput} from '@oclif/test'
import {existsSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

import {ROOT} from './harness.js'

export interface InProcessResult {
  code: number
  stdout: string
  stderr: string
  /** What `run()` returned (the `--json` result), when it returned. */
  result?: unknown
}

const OWN_ENV = /^(OS_|MRCTL_|CLIFF_)|^(CI|NO_COLOR|TERM)$/

type Entry = {runWithoutExit: (root: string, argv: readonly string[]) => Promise<unknown>}
let loaded: Promise<Entry> | undefined

function load(): Promise<Entry> {
  if (!existsSync(join(ROOT, 'dist', 'commands'))) throw new Error('test/commands needs the build: npm run build')
  loaded ??= import(pathToFileURL(join(ROOT, 'dist', 'src', 'cli', 'main.js')).href) as Promise<Entry>
  return loaded
}

/** `mrctl <args>` in this process, with `env` (a fresh MRCTL_CONFIG_DIR unless given). */
export async function runInProcess(args: string[], env: Record<string, string> = {}): Promise<InProcessResult> {
  const {runWithoutExit} = await load()
  const saved = Object.fromEntries(Object.entries(process.env).filter(([k]) => OWN_ENV.test(k)))
  for (const k of Object.keys(saved)) delete process.env[k]
  Object.assign(process.env, {
    NO_COLOR: '1',
    MRCTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'mrctl-inproc-')),
    OS_CLIENT_CONFIG_FILE: join(tmpdir(), 'mrctl-inproc-no-clouds.yaml'),
    ...env,
  })
  process.exitCode = undefined
  try {
    const out = await captureOutput(async () => runWithoutExit(ROOT, args))
    const error = out.error as (Error & {oclif?: {exit?: number}}) | undefined
    const code = error ? (error.oclif?.exit ?? 1) : Number(process.exitCode ?? 0)
    return {code, stdout: out.stdout, stderr: out.stderr, result: out.result}
  } finally {
    process.exitCode = undefined
    for (const k of Object.keys(process.env)) if (OWN_ENV.test(k)) delete process.env[k]
    Object.assign(process.env, saved)
  }
}
