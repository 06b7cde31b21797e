import type {FileHandle} from 'node:fs/promises'

import {MrctlError} from '../core/errors.js'

/** A file to send: an open handle (so it cannot vanish between the checks and the upload) and its size. */
export interface FileSource {
  path: string
  handle: FileHandle
  size: number
}

export interface BodyOptions {
  /** Bytes per read (default 1 MiB). */
  chunkSize?: number
  /** Called with the bytes sent so far. */
  onProgress?: (bytes: number) => void
  /** Aborting ends the upload with the signal's reason. */
  signal?: AbortSignal
}

/**
 * A file as a request body. It is a web ReadableStream that reads the file only when asked for
 * more (so it can be sent in constant memory any way), and it carries the open file itself, so
 * that the transport sends it from two reused buffers instead, with no allocation per chunk.
 * Reads are positional: whichever way it is sent, it is sent from the first byte, `size` bytes.
 */
export class FileBody extends ReadableStream<Uint8Array> {
  readonly chunkSize: number

  constructor(readonly src: FileSource, readonly opts: BodyOptions = {}) {
    const chunkSize = opts.chunkSize ?? 1024 * 1024
    let position = 0
    super(
      {
        async pull(controller) {
          if (opts.signal?.aborted) {
            controller.error(opts.signal.reason ?? new Error('aborted'))
            return
          }
          const want = Math.min(chunkSize, src.size - position)
          if (want <= 0) {
            controller.close()
            return
          }
          const buf = Buffer.allocUnsafe(want)
          let n: number
          try {
            n = await readChunk(src, buf, want, position)
          } catch (error) {
            controller.error(error)
            return
          }
          position += n
          opts.onProgress?.(position)
          controller.enqueue(new Uint8Array(buf.buffer, buf.byteOffset, n))
        },
      },
      // 0: nothing is read before the first request for data.
      {highWaterMark: 0},
    )
    this.chunkSize = chunkSize
  }
}

/**
 * Reads `want` bytes of the file at `position` into `buf` (looping over short reads). Fewer bytes
 * than that means the file shrank since it was opened: an error, rather than a short upload.
 */
export async function readChunk(src: FileSource, buf: Buffer, want: number, position: number): Promise<number> {
  let got = 0
  while (got < want) {
    let n: number
    try {
      ;({bytesRead: n} = await src.handle.read(buf, got, want - got, position + got))
    } catch (error) {
      throw new MrctlError(`reading ${src.path} failed: ${(error as Error).message}`)
    }
    if (n === 0) {
      throw new MrctlError(`${src.path} changed while it was uploaded (${position + got} bytes read, ${src.size} expected)`)
    }
    got += n
  }
  return got
}

/** A FileBody over an open file. */
export function fileBody(src: FileSource, opts: BodyOptions = {}): FileBody {
  return new FileBody(src, opts)
}
