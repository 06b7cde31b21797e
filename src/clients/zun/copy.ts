import {lstat, mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import type {ServiceClient} from '../../http/service-client.js'

import {basename, isAbsolute, join, relative, resolve, sep} from 'node:path'

import {MrctlError, UsageError} from '../../core/errors.js'
import {getArchive, putArchive} from './actions.js'
import {createTar, readTar} from './tar.js'

/**
 * `appcontainer cp`: Docker's archive API through Zun. From a container, the tar is unpacked
 * into the local destination folder (created if missing; entries that would land outside it are
 * refused, which Python's `extractall` did not do). To a container, the local file or folder is
 * packed under its base name and unpacked by Docker into the container's folder.
 */

export interface CopyResult {
  /** Local paths written, or the archive names sent. */
  paths: string[]
  /** Entries that are neither files nor folders (links, devices): not extracted. */
  skipped: string[]
}

export async function copyFromContainer(c: ServiceClient, ref: string, containerPath: string, dest: string): Promise<CopyResult> {
  const {data} = await getArchive(c, ref, containerPath)
  let entries
  try {
    entries = readTar(data)
  } catch (error) {
    throw new MrctlError(`the archive of ${ref}:${containerPath} cannot be read: ${(error as Error).message}`)
  }
  const root = resolve(dest)
  const inside = (name: string): string => {
    const target = resolve(root, name)
    const rel = relative(root, target)
    if (isAbsolute(name) || rel.startsWith(`..${sep}`) || rel === '..') {
      throw new MrctlError(`refusing to extract ${name}: it would be written outside ${dest}`)
    }
    return target
  }
  // Check every name before writing anything.
  const targets = entries.map((e) => ({e, target: inside(e.name)}))
  await mkdir(root, {recursive: true})
  const out: CopyResult = {paths: [], skipped: []}
  for (const {e, target} of targets) {
    if (e.type === 'dir') {
      await mkdir(target, {recursive: true})
    } else if (e.type === 'file') {
      await mkdir(resolve(target, '..'), {recursive: true})
      await writeFile(target, e.data, {mode: e.mode & 0o777 || 0o644})
      out.paths.push(target)
    } else {
      out.skipped.push(e.name)
    }
  }
  return out
}

export async function copyToContainer(c: ServiceClient, source: string, ref: string, containerPath: string): Promise<CopyResult> {
  let st
  try {
    st = await lstat(source)
  } catch (error) {
    throw new UsageError(`cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  const name = basename(resolve(source))
  const entries: Array<{name: string; type: 'file' | 'dir'; data?: Buffer; mode: number; mtime: number}> = []
  const add = async (local: string, archiveName: string) => {
    const s = await lstat(local)
    if (s.isDirectory()) {
      entries.push({name: archiveName, type: 'dir', mode: s.mode, mtime: s.mtimeMs / 1000})
      for (const child of (await readdir(local)).sort()) await add(join(local, child), `${archiveName}/${child}`)
    } else if (s.isFile()) {
      entries.push({name: archiveName, type: 'file', data: await readFile(local), mode: s.mode, mtime: s.mtimeMs / 1000})
    }
  }
  if (!st.isFile() && !st.isDirectory()) throw new UsageError(`${source} is neither a file nor a folder`)
  await add(source, name)
  await putArchive(c, ref, containerPath, createTar(entries))
  return {paths: entries.map((e) => e.name), skipped: []}
}
