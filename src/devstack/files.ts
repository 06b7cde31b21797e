import {chmod, open} from 'node:fs/promises'

import {MrctlError} from '../core/errors.js'

/**
 * Writes a file the user asked for (`--output`, `--patch-file`): never over an existing one
 * unless `force`, and with `mode` (0600 when it holds a password) even when it existed.
 */
export async function writeOutputFile(path: string, text: string, opts: {force: boolean; mode: number; flag: string}): Promise<void> {
  let fh
  try {
    fh = await open(path, opts.force ? 'w' : 'wx', opts.mode)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new MrctlError(`${path} exists: it was left as it is`, {actions: [`give another ${opts.flag}, or --force to overwrite it`]})
    if (code === 'ENOENT') throw new MrctlError(`cannot write ${path}: its folder does not exist`)
    if (code === 'EISDIR') throw new MrctlError(`cannot write ${path}: it is a directory`)
    if (code === 'EACCES' || code === 'EPERM') throw new MrctlError(`cannot write ${path}: permission denied`)
    throw error
  }
  try {
    await fh.writeFile(text)
  } finally {
    await fh.close()
  }
  await chmod(path, opts.mode)
}
