import {constants} from 'node:fs'
import {access, open, readFile, realpath, rename, rm, stat} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

import {MrctlError} from '../core/errors.js'
import {IniSyntaxError, setOption} from './oslo-ini.js'

/**
 * The guide's step 3: `[neutron_client] region_name` in zun.conf and `[neutron] region_name`
 * in kuryr.conf. Every file is read, parsed and checked before any is written, so that a bad
 * one leaves all of them as they were; a change is written next to a backup (mode 0600: these
 * files hold passwords) through a temporary file renamed over the original, keeping its mode
 * and owner.
 */

export interface ConfTarget {
  /** `zun` or `kuryr`: names the file in messages and picks its services. */
  name: string
  path: string
  section: string
  key: string
  /** The systemd units to restart after a change, as the guide writes them. */
  units: string
  /** The flag that points at this file, for hints. */
  flag: string
}

export const ZUN_CONF: Omit<ConfTarget, 'path'> = {name: 'zun', section: 'neutron_client', key: 'region_name', units: 'devstack@zun*', flag: '--zun-conf'}
export const KURYR_CONF: Omit<ConfTarget, 'path'> = {name: 'kuryr', section: 'neutron', key: 'region_name', units: 'devstack@kur*', flag: '--kuryr-conf'}

export interface PlannedEdit {
  target: ConfTarget
  value: string
  before: string
  after: string
  changed: boolean
  previous?: string
  action: 'unchanged' | 'replaced' | 'inserted' | 'appended'
  /** Why the file could not be written, when it would need to be (reported, never written). */
  readOnly?: string
}

export class ConfFileError extends MrctlError {}

async function readConf(t: ConfTarget): Promise<string> {
  let buf: Buffer
  try {
    buf = await readFile(t.path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      throw new ConfFileError(`${t.name}.conf not found: ${t.path}`, {
        actions: [`give its path with ${t.flag} PATH (DevStack writes /etc/${t.name}/${t.name}.conf once stack.sh has run)`],
      })
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new ConfFileError(`cannot read ${t.path}: permission denied`, {actions: [`run it as the file's owner or with sudo`]})
    }
    if (code === 'EISDIR') throw new ConfFileError(`${t.path} is a directory, not ${t.name}.conf`, {actions: [`give the file with ${t.flag} PATH`]})
    throw new ConfFileError(`cannot read ${t.path}: ${(error as Error).message}`)
  }
  try {
    // Kept byte for byte: a BOM stays, and bytes that are not UTF-8 are refused rather than mangled.
    return new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(buf)
  } catch {
    throw new ConfFileError(`${t.path} is not UTF-8 text, so oslo.config could not read it either; it was left as it was`)
  }
}

async function whyReadOnly(path: string): Promise<string | undefined> {
  const st = await stat(path)
  // Root may write anywhere; a file with no write bit at all is still meant to stay as it is.
  if ((st.mode & 0o222) === 0) return `${path} is read-only (mode ${(st.mode & 0o7777).toString(8).padStart(4, '0')})`
  try {
    await access(path, constants.W_OK)
    await access(dirname(path), constants.W_OK | constants.X_OK)
  } catch {
    return `${path} is not writable by this user`
  }
  return undefined
}

/** Reads and edits every file in memory; throws (naming the file) when one is missing, unreadable or malformed. */
export async function planConfigure(targets: ConfTarget[], value: string): Promise<PlannedEdit[]> {
  const plans: PlannedEdit[] = []
  const seen = new Map<string, ConfTarget>()
  for (const t of targets) {
    const real = await realpath(t.path).catch(() => t.path)
    const twin = seen.get(real)
    if (twin) throw new ConfFileError(`${twin.flag} and ${t.flag} name the same file (${real})`, {exitCode: 2, actions: [`give ${t.name}.conf with ${t.flag}`]})
    seen.set(real, t)
    const before = await readConf(t)
    let edit
    try {
      edit = setOption(before, t.section, t.key, value)
    } catch (error) {
      if (error instanceof IniSyntaxError) {
        throw new ConfFileError(`${t.path} is not a valid oslo.config file: ${error.message}`, {
          actions: ['fix that line (oslo.config would refuse the file too); nothing was changed'],
        })
      }
      throw error
    }
    plans.push({
      target: t,
      value,
      before,
      after: edit.text,
      changed: edit.changed,
      previous: edit.previous,
      action: edit.action,
      readOnly: edit.changed ? await whyReadOnly(t.path) : undefined,
    })
  }
  return plans
}

export interface AppliedEdit {
  path: string
  backup?: string
}

/** `zun.conf.mrctl-backup-20261123T101500Z` (then `-1`, `-2`… if taken). */
function backupName(path: string, now: Date): string {
  return `${path}.mrctl-backup-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`
}

/** A copy created 0600 from the start (never readable by others, not even for a moment). */
async function writeBackup(path: string, now: Date): Promise<string> {
  const bytes = await readFile(path)
  const base = backupName(path, now)
  for (let n = 0; ; n++) {
    const name = n === 0 ? base : `${base}-${n}`
    let fh
    try {
      fh = await open(name, 'wx', 0o600)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue
      throw error
    }
    try {
      await fh.chmod(0o600)
      await fh.writeFile(bytes)
      await fh.sync()
    } finally {
      await fh.close()
    }
    return name
  }
}

/**
 * Replaces the file's content through a temporary file in the same folder, keeping mode and
 * owner. A symbolic link stays one: the file it points at is the one replaced.
 */
async function replaceContent(link: string, text: string): Promise<void> {
  const path = await realpath(link)
  const st = await stat(path)
  const uid = process.getuid?.()
  if (uid !== undefined && uid !== 0 && uid !== st.uid) {
    // Not ours and we are not root: a rename would change the owner. Write in place instead.
    await writeThrough(path, text, 'r+')
    return
  }
  const tmp = join(dirname(path), `.${basename(path)}.mrctl-${process.pid}`)
  try {
    const fh = await open(tmp, 'wx', st.mode & 0o7777)
    try {
      await fh.writeFile(text)
      await fh.chmod(st.mode & 0o7777)
      if (uid === 0) await fh.chown(st.uid, st.gid)
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(tmp, path)
  } catch (error) {
    await rm(tmp, {force: true})
    throw error
  }
}

async function writeThrough(path: string, text: string, flags: string): Promise<void> {
  const fh = await open(path, flags)
  try {
    await fh.truncate(0)
    await fh.write(text, 0)
    await fh.sync()
  } finally {
    await fh.close()
  }
}

/** Writes the planned changes: a backup of each changed file, then the file. Unchanged files are not touched. */
export async function applyConfigure(plans: PlannedEdit[], now = new Date()): Promise<AppliedEdit[]> {
  const blocked = plans.filter((p) => p.changed && p.readOnly)
  if (blocked.length) {
    throw new ConfFileError(blocked.map((p) => p.readOnly).join('; '), {
      actions: ['make it writable (chmod u+w) or run as its owner or with sudo; nothing was changed'],
    })
  }
  const out: AppliedEdit[] = []
  for (const p of plans) {
    if (!p.changed) {
      out.push({path: p.target.path})
      continue
    }
    const backup = await writeBackup(await realpath(p.target.path), now)
    await replaceContent(p.target.path, p.after)
    out.push({path: p.target.path, backup})
  }
  return out
}
