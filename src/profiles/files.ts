import {chmod, mkdir, readFile, rename, stat, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {randomBytes} from 'node:crypto'

/** Writes a file atomically (temp file + rename) with mode 0600, creating its folder 0700. */
export async function writePrivateFile(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), {recursive: true, mode: 0o700})
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`)
  await writeFile(tmp, data, {mode: 0o600})
  await chmod(tmp, 0o600)
  await rename(tmp, path)
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

export async function parseYaml(text: string, path: string): Promise<unknown> {
  const {parse} = await import('yaml')
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parse(text)
  } catch (error) {
    throw new Error(`${path} does not parse: ${(error as Error).message.split('\n')[0]}`)
  }
}

export async function toYaml(value: unknown): Promise<string> {
  const {stringify} = await import('yaml')
  return stringify(value)
}
