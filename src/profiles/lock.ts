import {randomBytes} from 'node:crypto'
import {mkdir, open, readFile, stat, unlink} from 'node:fs/promises'
import {dirname} from 'node:path'

import {ConfigError} from '../core/errors.js'

/** How long to wait for another mrctl to finish with the profiles before giving up. */
const WAIT_MS = 15_000
/** A lock older than this is taken as abandoned even if its process seems alive (a reused PID). */
const STALE_MS = 60_000
/** A lock file still empty after this long was left by a crash between its creation and its write. */
const HALF_WRITTEN_MS = 2_000

interface Holder {
  pid: number
  nonce: string
  at: number
}

/**
 * Runs `fn` holding an exclusive lock on `path` (created with O_EXCL, holding our PID), so that
 * read-modify-write of the profile files by parallel mrctl processes never loses a change. A lock
 * left by a process that died (its PID is gone, or it is a minute old) is removed and retried.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const me: Holder = {pid: process.pid, nonce: randomBytes(8).toString('hex'), at: Date.now()}
  await acquire(path, me)
  try {
    return await fn()
  } finally {
    // Only our own lock is removed (a stale-lock recovery elsewhere may have replaced it).
    const holder = await readHolder(path)
    if (holder !== 'gone' && holder.nonce === me.nonce) await unlink(path).catch(() => undefined)
  }
}

async function acquire(path: string, me: Holder): Promise<void> {
  await mkdir(dirname(path), {recursive: true, mode: 0o700})
  const deadline = Date.now() + WAIT_MS
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o600)
      try {
        await fh.writeFile(JSON.stringify({...me, at: Date.now()}))
      } finally {
        await fh.close()
      }
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = await readHolder(path)
    if (holder === 'gone') continue
    if (isStale(holder)) {
      // Re-read just before removing: remove only the lock judged stale, not a new one.
      const again = await readHolder(path)
      if (again !== 'gone' && again.nonce === holder.nonce) await unlink(path).catch(() => undefined)
      continue
    }
    if (Date.now() >= deadline) {
      throw new ConfigError(`another mrctl (PID ${holder.pid}) has been changing the profiles for ${Math.round((Date.now() - holder.at) / 1000)} s`, [
        `wait for it to finish; if no mrctl is running, remove ${path}`,
      ])
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 50) + Math.random() * 10))
  }
}

/**
 * The lock's holder, or 'gone'. A lock being written this instant (or left half-written by a
 * crash) reads as a holder of unknown PID, stamped with the file's time.
 */
async function readHolder(path: string): Promise<Holder | 'gone'> {
  let text: string
  let mtime: number
  try {
    ;[text, mtime] = await Promise.all([readFile(path, 'utf8'), stat(path).then((st) => st.mtimeMs)])
  } catch {
    return 'gone'
  }
  try {
    const h = JSON.parse(text) as Holder
    if (typeof h?.pid === 'number' && typeof h.nonce === 'string' && typeof h.at === 'number') return h
  } catch {}
  return {pid: 0, nonce: `unreadable-${mtime}`, at: mtime}
}

function isStale(h: Holder): boolean {
  if (Date.now() - h.at > STALE_MS) return true
  if (h.pid === 0) return Date.now() - h.at > HALF_WRITTEN_MS
  try {
    process.kill(h.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
