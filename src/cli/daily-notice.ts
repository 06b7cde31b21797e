import {mkdir, readFile, rename, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

/** The file, in the cache folder, that remembers which notices were given on which day. */
export const NOTICES_FILE = 'notices.json'

/**
 * True the first time `key` is asked on a given day (local date), false after that: for warnings
 * about a fact that does not change from call to call (a clouds.yaml other users can read). When
 * the cache cannot be read or written, the notice is given (better twice than never).
 */
export async function firstTimeToday(key: string, dir: string, now: Date = new Date()): Promise<boolean> {
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
  const path = join(dir, NOTICES_FILE)
  let seen: Record<string, string> = {}
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'))
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) seen = parsed as Record<string, string>
  } catch {
    // missing or unreadable: nothing was noted yet
  }
  if (seen[key] === today) return false
  seen[key] = today
  try {
    await mkdir(dir, {recursive: true, mode: 0o700})
    const tmp = `${path}.${process.pid}.tmp`
    await writeFile(tmp, JSON.stringify(seen), {mode: 0o600})
    await rename(tmp, path)
  } catch {
    // cannot remember it: the notice is given again next time
  }
  return true
}
