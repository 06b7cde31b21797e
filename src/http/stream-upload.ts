import type {ClientRequest, IncomingMessage} from 'node:http'
import type {DebugSink, ExchangeInfo} from './exchange.js'
import type {TlsSettings} from './tls.js'

import {causeOf, stalled, unreachable} from './exchange.js'
import {ConnectionError, MrctlError} from '../core/errors.js'
import {FileBody, readChunk} from './file-body.js'

export interface StreamedRequest extends ExchangeInfo {
  headers: Record<string, string>
  body: ReadableStream<Uint8Array>
  signal?: AbortSignal
}

export interface UploadSettings {
  /** Fail when nothing has gone out (or no answer has come after the last byte) for this long. */
  idleMs: number
  tls: () => Promise<TlsSettings>
  debug: DebugSink
}

export interface RawAnswer {
  status: number
  headers: Headers
  text: string
}

/**
 * Sends a streamed body with node:http(s). Not through fetch: fetch (and ky over it) clones a
 * request that may be redirected or retried, and cloning a stream body tees it, so the unread
 * branch keeps every chunk (a 1 GiB upload held 1 GiB). Here a FileBody goes out from two reused
 * buffers, each refilled only once its write has been flushed; any other stream one chunk at a
 * time. Memory stays flat whatever the size. The headers go first with `Expect: 100-continue`, as
 * curl does, so that a server that refuses (401, 413…) says so before any byte is sent. Instead
 * of one deadline, which a large upload would outlive, the upload fails after `idleMs` without
 * progress. An abort (Ctrl-C, SIGTERM) or a failure destroys the request at once.
 */
export async function sendStreamed(req: StreamedRequest, settings: UploadSettings): Promise<RawAnswer> {
  const body = req.body
  const file = body instanceof FileBody ? body : undefined
  const signals = [file?.opts.signal, req.signal].filter((s): s is AbortSignal => Boolean(s))
  const headers: Record<string, string> = {
    ...(file ? {'Content-Length': String(file.src.size)} : {}),
    Expect: '100-continue',
    ...req.headers,
  }
  const url = new URL(req.url)
  const secure = url.protocol === 'https:'
  const {request} = secure ? await import('node:https') : await import('node:http')
  const tls = secure ? await settings.tls() : undefined
  const http: ClientRequest = request(url, {
    method: req.method,
    headers,
    agent: false,
    ...(tls ? {rejectUnauthorized: tls.rejectUnauthorized, ...(tls.ca ? {ca: tls.ca} : {})} : {}),
  })

  let failure: Error | undefined
  let idle = false
  let timer: NodeJS.Timeout | undefined
  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      idle = true
      http.destroy(new Error('stalled'))
    }, settings.idleMs)
  }
  const onAbort = (event: Event) => {
    failure ??= ((event.target as AbortSignal).reason as Error) ?? new Error('aborted')
    http.destroy(failure)
  }
  for (const s of signals) s.addEventListener('abort', onAbort, {once: true})
  // Errors after the first (a reset once the answer came) must not go unhandled.
  let broken = false
  http.on('error', () => (broken = true))
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    http.once('response', resolve)
    http.once('error', reject)
  })
  // An early answer (a refusal before all was sent) ends the writing; it is read below.
  let answered = false
  response.then(
    () => (answered = true),
    () => undefined,
  )
  let connected = false
  http.once('socket', (socket) => socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true)))
  const reader = file ? undefined : body.getReader()

  try {
    arm()
    const aborted = signals.find((s) => s.aborted)
    if (aborted) onAbort({target: aborted} as unknown as Event)
    // Send the body once the server says "100 Continue", or after a second without an answer
    // (a server that ignores Expect, as curl assumes); a final answer instead ends it here.
    http.flushHeaders()
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 1000)
      const go = () => {
        clearTimeout(t)
        resolve()
      }
      http.once('continue', go)
      response.then(go, go)
    })
    const stop = () => answered || broken || Boolean(failure)
    await (file ? writeFile(http, file, stop, arm) : writeStream(http, reader!, stop, arm))
    if (!stop()) http.end()
    const res = await response
    arm()
    return {status: res.statusCode ?? 0, headers: responseHeaders(res), text: await readAll(res)}
  } catch (error) {
    if (failure) throw failure
    if (error instanceof MrctlError) {
      http.destroy()
      throw error
    }
    // The server may have refused the upload and closed the connection (a write then fails):
    // its answer says why, so it wins over the socket error.
    if (idle) throw stalled(req, settings.idleMs, 'upload')
    if (answered) {
      const res = await response
      return {status: res.statusCode ?? 0, headers: responseHeaders(res), text: await readAll(res).catch(() => '')}
    }
    const cause = causeOf(error)
    settings.debug?.(`RESP: ${req.method} ${req.url} failed: ${cause.code ?? cause.message}`)
    if (connected) {
      throw new ConnectionError(`${req.service} closed the connection during the upload (${cause.code ?? cause.message})`, {
        actions: [`the server may have refused the data: run again with --debug, or see the ${req.service} log`],
      })
    }
    throw unreachable(req, cause)
  } finally {
    clearTimeout(timer)
    for (const s of signals) s.removeEventListener('abort', onAbort)
    await reader?.cancel().catch(() => undefined)
  }
}

/** Double-buffered: a buffer is refilled only once its previous write has gone out. */
async function writeFile(http: ClientRequest, body: FileBody, stop: () => boolean, progress: () => void): Promise<void> {
  const {src, chunkSize, opts} = body
  const size = Math.max(1, Math.min(chunkSize, src.size))
  const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)]
  const flushed: Array<Promise<void>> = [Promise.resolve(), Promise.resolve()]
  let position = 0
  for (let i = 0; position < src.size && !stop(); i ^= 1) {
    await flushed[i]
    if (stop()) break
    const n = await readChunk(src, buffers[i], Math.min(chunkSize, src.size - position), position)
    position += n
    const sentSoFar = position
    flushed[i] = written(http, buffers[i].subarray(0, n), () => {
      progress()
      opts.onProgress?.(sentSoFar)
    })
  }
  if (!stop()) await Promise.all(flushed)
}

/** Any other stream: one chunk in flight at a time. */
async function writeStream(http: ClientRequest, reader: ReadableStreamDefaultReader<Uint8Array>, stop: () => boolean, progress: () => void): Promise<void> {
  while (!stop()) {
    const {done, value} = await reader.read()
    if (done || stop()) return
    await written(http, value, progress)
  }
}

function written(http: ClientRequest, chunk: Uint8Array, onFlushed: () => void): Promise<void> {
  const p = new Promise<void>((resolve, reject) => {
    if (http.destroyed) return reject(new Error('the request was closed'))
    http.write(chunk, (error) => {
      if (error) return reject(error)
      onFlushed()
      resolve()
    })
  })
  // A rejected write surfaces through the request's error; keep it from being unhandled.
  p.catch(() => undefined)
  return p
}

async function readAll(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of res) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function responseHeaders(res: IncomingMessage): Headers {
  const h = new Headers()
  for (const [k, v] of Object.entries(res.headers)) {
    if (Array.isArray(v)) for (const x of v) h.append(k, x)
    else if (v !== undefined) h.set(k, v)
  }
  return h
}
