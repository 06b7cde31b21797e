import {chmod, link, mkdir, readFile, rename, stat, unlink, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {randomBytes} from 'node:crypto'

import {ConfigError} from '../core/errors.js'

/**
 * Writes a file atomically (temp file + rename) with mode 0600, creating its folder 0700. On any
 * failure the temp file is removed: no copy of the data is left behind.
 */
export async function writePrivateFile(path: string, data: string): Promise<void> {
  await placeTemp(path, data, (tmp) => rename(tmp, path))
}

/** Creates the file with `data` only if it does not exist (EEXIST otherwise); never half-written. */
export async function writePrivateFileOnce(path: string, data: string): Promise<void> {
  await placeTemp(path, data, (tmp) => link(tmp, path))
}

async function placeTemp(path: string, data: string, place: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), {recursive: true, mode: 0o700})
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(tmp, data, {mode: 0o600, flag: 'wx'})
    await chmod(tmp, 0o600)
    await place(tmp)
  } finally {
    await unlink(tmp).catch(() => undefined)
  }
}

/**
 * A private file (0600) or folder (0700) that group or others can reach is made private again,
 * with a warning: it holds secrets. Missing paths and paths we cannot chmod are left as they are.
 */
export async function ensurePrivate(path: string, mode: 0o600 | 0o700, warn: (message: string) => void): Promise<void> {
  let current: number
  try {
    const st = await stat(path)
    if (mode === 0o700 ? !st.isDirectory() : !st.isFile()) return
    current = st.mode & 0o777
  } catch {
    return
  }
  if ((current & 0o077) === 0) return
  try {
    await chmod(path, mode)
    warn(`${path} could be read by other users (mode ${current.toString(8).padStart(4, '0')}): changed it to ${mode.toString(8).padStart(4, '0')}`)
  } catch (error) {
    warn(`${path} can be read by other users (mode ${current.toString(8).padStart(4, '0')}) and could not be changed: ${(error as Error).message}`)
  }
}

/**
 * One of mrctl's own YAML files (profiles, global limits): its data, or undefined when it is
 * missing or empty. A file that does not parse is a ConfigError naming it and saying what to do.
 */
export async function readYamlFile(path: string): Promise<unknown> {
  const text = await readIfExists(path)
  if (text === undefined || text.trim() === '') return undefined
  try {
    return await parseYaml(text, path)
  } catch (error) {
    throw new ConfigError((error as Error).message, [`fix or remove ${path}`])
  }
}

export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') return undefined
    throw error
  }
}

/** True when group or others may read the file (ssh's warning about private keys). */
export async function isReadableByOthers(path: string): Promise<boolean> {
  try {
    return ((await stat(path)).mode & 0o077) !== 0
  } catch {
    return false
  }
}

/**
 * A clouds.yaml-shaped file (clouds.yaml, secure.yaml, mrctl's profiles): YAML (or JSON for
 * `.json`) whose top level and `clouds:` are mappings. Anything else is an error naming the file,
 * line and column, never a file silently taken as empty.
 */
export async function parseYaml(text: string, path: string): Promise<unknown> {
  if (path.endsWith('.json')) return checkShape(parseJson(text, path), path, () => undefined)
  const {LineCounter, isMap, parseDocument} = await import('yaml')
  const lines = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lines})
  const error = doc.errors[0]
  if (error) {
    const {line, col} = lines.linePos(error.pos[0])
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    throw new Error(`${path}, line ${line}, column ${col}: ${reason}`)
  }
  const where = (key?: string) => {
    const node = key === undefined ? doc.contents : (isMap(doc.contents) ? doc.contents.get(key, true) : undefined)
    const offset = (node as {range?: number[]} | undefined)?.range?.[0]
    if (offset === undefined) return undefined
    const {line, col} = lines.linePos(offset)
    return `line ${line}, column ${col}`
  }
  return checkShape(doc.toJS(), path, where)
}

function checkShape(data: unknown, path: string, where: (key?: string) => string | undefined): unknown {
  const kind = (v: unknown) => (Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `the ${typeof v} ${JSON.stringify(v)}`)
  const at = (key?: string) => {
    const w = where(key)
    return w ? `${path}, ${w}` : path
  }
  if (data === null || data === undefined) return data
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`${at()}: the file must be a mapping (clouds: …), not ${kind(data)}`)
  const clouds = (data as {clouds?: unknown}).clouds
  if (clouds !== undefined && clouds !== null && (typeof clouds !== 'object' || Array.isArray(clouds))) {
    throw new Error(`${at('clouds')}: clouds: must be a mapping of cloud names to their settings, not ${kind(clouds)}`)
  }
  return data
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const m = /position (\d+)/.exec((error as Error).message)
    let where = ''
    if (m) {
      const before = text.slice(0, Number(m[1])).split('\n')
      where = `, line ${before.length}, column ${before.at(-1)!.length + 1}`
    }
    throw new Error(`${path}${where}: ${(error as Error).message.replace(/ in JSON at position \d+.*$/, '')}`)
  }
}

export async function toYaml(value: unknown): Promise<string> {
  const {stringify} = await import('yaml')
  return stringify(value)
}
