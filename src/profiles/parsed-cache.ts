import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {isDeepStrictEqual} from 'node:util'

import {parseYaml, writePrivateFile} from './files.js'

/**
 * Parsed YAML files kept between runs: loading and running the YAML parser was ~17 ms of each
 * start for a clouds.yaml of a few lines, more than reading the data back as JSON. One 0600 JSON
 * file per source path (named by a hash of the path) in the CLI's cache folder, holding the data
 * and a SHA-256 of the text it came from: the text is read every time and a changed file (whatever
 * its mtime says) is parsed again. The data holds what the file holds (passwords, in a clouds.yaml),
 * so it is kept as privately as the token cache beside it. Off unless the CLI turns it on, and any
 * fault of the cache is a miss, never an error.
 */
let cacheDir: string | undefined

/** Keeps parsed files in `dir` (the CLI's, under its cache folder); undefined turns it off. */
export function useParsedCache(dir: string | undefined): void {
  cacheDir = dir
}

/** files.ts's parseYaml, through the cache when it is on. */
export function parseYamlCached(text: string, path: string): Promise<unknown> {
  return cachedParse(text, path, () => parseYaml(text, path))
}

export async function cachedParse(text: string, path: string, parse: () => Promise<unknown>): Promise<unknown> {
  const dir = cacheDir
  if (!dir) return parse()
  const file = join(dir, `${createHash('sha256').update(path).digest('hex').slice(0, 32)}.json`)
  const hash = createHash('sha256').update(text).digest('hex')
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as {path?: string; hash?: string; data?: unknown}
    if (entry.path === path && entry.hash === hash) return entry.data
  } catch {
    // No entry yet, or one that cannot be read: parse.
  }
  const data = await parse()
  // Only what JSON gives back as it was (a YAML .inf or a date would not be).
  const json = JSON.stringify({path, hash, data})
  if (isDeepStrictEqual((JSON.parse(json) as {data: unknown}).data, data)) await writePrivateFile(file, json).catch(() => undefined)
  return data
}
