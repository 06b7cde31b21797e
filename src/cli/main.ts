import {mkdirSync} from 'node:fs'
import module from 'node:module'
import {join} from 'node:path'

import {cacheDir} from '../profiles/paths.js'

/**
 * The CLI's entry (bin/run.js, bin/dev.js). Nothing heavy is imported statically: Node's compile
 * cache (22.1+) is turned on first, so that oclif and the command load from compiled code kept
 * between runs, in mrctl's own cache folder (never a shared /tmp one).
 */
export async function main(root: string, argv: readonly string[], opts: {development?: boolean} = {}): Promise<void> {
  const env = process.env
  // Node 22.1+ (@types/node is 20's).
  const enableCompileCache = (module as {enableCompileCache?: (dir: string) => unknown}).enableCompileCache
  if (!opts.development && enableCompileCache) {
    let dir = env.NODE_COMPILE_CACHE
    if (!dir) {
      // Made here, 0700 like the token cache beside it (Node would make it 0755).
      dir = join(cacheDir(env), 'compile')
      try {
        mkdirSync(dir, {recursive: true, mode: 0o700})
      } catch {
        // No cache folder: Node's enableCompileCache fails quietly and nothing is cached.
      }
    }
    enableCompileCache(dir)
  }
  const {run} = await import('./run.js')
  await run(root, argv, opts)
}

/** A command run in this process, its error thrown rather than printed with an exit (tests). */
export async function runWithoutExit(root: string, argv: readonly string[]): Promise<unknown> {
  const {runWithoutExit} = await import('./run.js')
  return runWithoutExit(root, argv)
}

/** oclif's config with every command's flags whole (the man page generator's, and tests'). */
export async function loadConfig(root: string) {
  const {loadConfig} = await import('./run.js')
  return loadConfig(root)
}

export {leanManifest} from './lean-manifest.js'
