import type {CloudEntry} from './cloud-entry.js'

import {ConfigError} from '../core/errors.js'
import {mergeEntries} from './cloud-entry.js'
import {isReadableByOthers, readIfExists} from './files.js'
import {parseYamlCached} from './parsed-cache.js'
import {candidateFiles} from './paths.js'

export interface CloudsFile {
  path: string
  clouds: Record<string, CloudEntry>
  /** Where secrets came from, when a secure.yaml was merged. */
  securePath?: string
  warnings: string[]
}

/**
 * The first clouds.yaml (or .yml/.json) in openstacksdk's search order, with the first secure.yaml
 * merged over it. Files are not merged with each other: the first one found wins.
 */
export async function loadCloudsYaml(
  opts: {file?: string; env?: NodeJS.ProcessEnv; cwd?: string} = {},
): Promise<CloudsFile | undefined> {
  const env = opts.env ?? process.env
  const warnings: string[] = []
  const main = await firstParsable(opts.file ? [opts.file] : candidateFiles('clouds', env, opts.cwd), warnings, Boolean(opts.file))
  if (!main) return undefined
  const clouds = {...((main.data as {clouds?: Record<string, CloudEntry>})?.clouds ?? {})}
  const secure = await firstParsable(candidateFiles('secure', env, opts.cwd), warnings, false)
  if (secure) {
    const secureClouds = (secure.data as {clouds?: Record<string, CloudEntry>})?.clouds ?? {}
    for (const [name, entry] of Object.entries(secureClouds)) {
      if (clouds[name]) clouds[name] = mergeEntries(clouds[name], entry)
    }
  }
  for (const f of [main, secure]) {
    if (f && containsSecret(f.data) && (await isReadableByOthers(f.path))) {
      warnings.push(readableByOthersWarning(f.path))
    }
  }
  return {path: main.path, clouds, securePath: secure?.path, warnings}
}

async function firstParsable(
  files: string[],
  warnings: string[],
  required: boolean,
): Promise<{path: string; data: unknown} | undefined> {
  for (const path of files) {
    const text = await readIfExists(path)
    if (text === undefined) {
      if (required) throw new ConfigError(`cannot read ${path}`, ['check the path given with --file'])
      continue
    }
    try {
      return {path, data: await parseYamlCached(text, path)}
    } catch (error) {
      // openstacksdk fails on a broken file too: never take it as empty ("cloud X does not exist").
      throw new ConfigError((error as Error).message, [`fix ${path}${required ? '' : ', or point OS_CLIENT_CONFIG_FILE at another file'}`])
    }
  }
  return undefined
}

function containsSecret(data: unknown): boolean {
  const clouds = (data as {clouds?: Record<string, CloudEntry>} | undefined)?.clouds ?? {}
  return Object.values(clouds).some((c) => c?.auth?.password || c?.auth?.application_credential_secret || c?.auth?.token)
}

/** The warning for a clouds.yaml or secure.yaml holding a secret with group/other read access. */
export function readableByOthersWarning(path: string): string {
  return `${path} holds a secret and can be read by other users: chmod 600 ${path}`
}

/** True for that warning (printed once a day per file: src/cli/session-factory.ts). */
export function isReadableByOthersWarning(text: string): boolean {
  return / holds a secret and can be read by other users: chmod 600 /.test(text)
}
