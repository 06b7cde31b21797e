import type {FileHandle} from 'node:fs/promises'

import {createHash, getHashes, randomBytes} from 'node:crypto'
import {constants} from 'node:fs'
import {access, open, rename, stat, unlink} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'

import type {FileSource} from '../../http/file-body.js'

import {ConnectionError, MrctlError, UsageError} from '../../core/errors.js'

export {FileBody, fileBody, readChunk, type BodyOptions} from '../../http/file-body.js'

/** Image data read from disk: an open handle (so the file cannot vanish between checks and upload) and its size. */
export type ImageSource = FileSource

/**
 * Opens the file to upload, failing before anything is sent to a server: it must exist, be a
 * regular file (not a directory, a socket…) and be readable.
 */
export async function openImageFile(path: string): Promise<ImageSource> {
  const shown = path
  let handle: FileHandle
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below, as anything but a regular file is.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw fileError(shown, error as NodeJS.ErrnoException)
  }
  try {
    const st = await handle.stat()
    if (st.isDirectory()) throw new UsageError(`--file ${shown} is a directory, not an image file`, ['give the path of the image file itself'])
    if (!st.isFile()) throw new UsageError(`--file ${shown} is not a regular file (${fileKind(st)})`, ['give the path of an image file on disk'])
    return {path: resolve(path), handle, size: st.size}
  } catch (error) {
    await handle.close().catch(() => undefined)
    if (error instanceof MrctlError) throw error
    throw fileError(shown, error as NodeJS.ErrnoException)
  }
}

function fileKind(st: {isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean}): string {
  if (st.isFIFO()) return 'a named pipe'
  if (st.isSocket()) return 'a socket'
  if (st.isCharacterDevice()) return 'a character device'
  if (st.isBlockDevice()) return 'a block device'
  return 'not a file'
}

function fileError(path: string, e: NodeJS.ErrnoException): UsageError {
  switch (e.code) {
    case 'ENOENT':
      return new UsageError(`--file ${path}: no such file`, ['check the path of the image file'])
    case 'EACCES':
    case 'EPERM':
      return new UsageError(`--file ${path}: permission denied (the file is not readable)`, ['make the file readable, or run as a user who can read it'])
    case 'EISDIR':
      return new UsageError(`--file ${path} is a directory, not an image file`, ['give the path of the image file itself'])
    default:
      return new UsageError(`--file ${path}: cannot read it (${e.code ?? e.message})`)
  }
}

/** The hash Glance reports for an image, in Node's naming; undefined when Node cannot compute it. */
export function nodeHashName(glanceAlgo: string): string | undefined {
  const candidates = [glanceAlgo, glanceAlgo.replace('_', '-'), {blake2b: 'blake2b512', blake2s: 'blake2s256'}[glanceAlgo]]
  const available = new Set(getHashes())
  return candidates.find((c): c is string => Boolean(c && available.has(c)))
}

export interface ExpectedHash {
  /** Glance's name: sha512, md5… */
  algo: string
  value: string
}

/**
 * What to check a download against, as openstacksdk does: the multihash (os_hash_algo and
 * os_hash_value) when Node knows the algorithm, else the MD5 `checksum`, else nothing.
 */
export function expectedHash(image: {os_hash_algo?: string | null; os_hash_value?: string | null; checksum?: string | null}): ExpectedHash | undefined {
  if (image.os_hash_algo && image.os_hash_value && nodeHashName(image.os_hash_algo)) {
    return {algo: image.os_hash_algo, value: image.os_hash_value}
  }
  if (image.checksum) return {algo: 'md5', value: image.checksum}
  return undefined
}

export interface SaveResult {
  bytes: number
  /** The hash that was checked, if Glance reported one. */
  verified?: ExpectedHash
}

/**
 * Streams `body` into `target` in constant memory. The data goes to a temporary file next to
 * the target, which is renamed over it only when every byte arrived and the hash matched; on
 * any failure the temporary file is removed, so no partial file is ever left.
 */
export async function saveToFile(body: ReadableStream<Uint8Array>, target: string, expect?: ExpectedHash): Promise<SaveResult> {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.part`)
  let fh: FileHandle
  try {
    fh = await open(tmp, 'wx', 0o666)
  } catch (error) {
    await body.cancel().catch(() => undefined)
    throw new MrctlError(`cannot write ${target}: ${(error as Error).message}`)
  }
  let ok = false
  try {
    const res = await pumpTo(body, async (chunk) => {
      let off = 0
      while (off < chunk.byteLength) off += (await fh.write(chunk, off, chunk.byteLength - off)).bytesWritten
    }, expect)
    await fh.sync()
    await fh.close()
    await rename(tmp, target)
    ok = true
    return res
  } finally {
    if (!ok) {
      await fh.close().catch(() => undefined)
      await unlink(tmp).catch(() => undefined)
    }
  }
}

/** Streams `body` to a writable (stdout), verifying the hash at the end (nothing can be taken back there). */
export async function saveToWritable(body: ReadableStream<Uint8Array>, out: NodeJS.WritableStream, expect?: ExpectedHash): Promise<SaveResult> {
  // Waiting for each write's callback keeps one chunk in flight: flat memory on a slow reader.
  const write = (chunk: Uint8Array) =>
    new Promise<void>((ok, fail) => {
      out.write(chunk, (e?: Error | null) => (e ? fail(e) : ok()))
    })
  return pumpTo(body, write, expect)
}

async function pumpTo(body: ReadableStream<Uint8Array>, write: (chunk: Uint8Array) => Promise<void>, expect?: ExpectedHash): Promise<SaveResult> {
  const hasher = expect ? createHash(nodeHashName(expect.algo) ?? 'md5') : undefined
  let bytes = 0
  const reader = body.getReader()
  try {
    for (;;) {
      const {done, value} = await reader.read()
      if (done) break
      hasher?.update(value)
      bytes += value.byteLength
      await write(value)
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined)
    if (error instanceof MrctlError && !(error instanceof ConnectionError)) throw error
    throw new MrctlError(`the download stopped after ${bytes} bytes: ${(error as Error).message}`, {
      actions: ['run the command again; no partial file was kept'],
    })
  }
  if (expect && hasher) {
    const got = hasher.digest('hex')
    if (got.toLowerCase() !== expect.value.toLowerCase()) {
      throw new MrctlError(`the downloaded data does not match the image's ${expect.algo} (expected ${expect.value}, got ${got})`, {
        code: 'ChecksumMismatch',
        actions: ['run the command again; if it fails the same way, the stored image may be damaged'],
      })
    }
  }
  return {bytes, verified: expect}
}

/**
 * Checks, before anything is downloaded, that `target` can be written: its folder exists and is
 * writable, and it is not itself a folder.
 */
export async function checkWritableTarget(target: string): Promise<void> {
  const dir = dirname(resolve(target))
  try {
    const st = await stat(target)
    if (st.isDirectory()) throw new UsageError(`--file ${target} is a directory`, ['give the path of the file to write, e.g. --file ./image.raw'])
  } catch (error) {
    if (error instanceof MrctlError) throw error
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`--file ${target}: ${(error as Error).message}`)
  }
  try {
    const st = await stat(dir)
    if (!st.isDirectory()) throw new UsageError(`--file ${target}: ${dir} is not a directory`)
    await access(dir, constants.W_OK)
  } catch (error) {
    if (error instanceof MrctlError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UsageError(`--file ${target}: the folder ${dir} does not exist`, ['create the folder first, or save elsewhere'])
    throw new UsageError(`--file ${target}: the folder ${dir} is not writable`)
  }
}
