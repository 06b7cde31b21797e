import type {ClientRequest, IncomingMessage} from 'node:http'
import type {HttpRequest, HttpResponse} from '../../http/transport.js'
import type {TokenSource} from '../../http/service-client.js'

import {ApiError, ConnectionError, errorMessageFromBody, MrctlError} from '../../http/errors.js'
import {redactHeaders} from '../../http/redact.js'
import {ServiceClient} from '../../http/service-client.js'
import {elapsed, origin, parseBody, tlsFetch, Transport} from '../../http/transport.js'
import {FileBody, readChunk} from './data.js'

/**
 * STOPGAP until src/http/transport.ts streams request bodies itself.
 *
 * The shared transport sends every request through ky, and ky clones each Request before sending
 * it (to be able to retry). Cloning a Request whose body is a stream tees that stream, and the
 * unread branch keeps every chunk: a 1 GiB upload then holds 1 GiB in memory. Node's fetch does
 * the same unless `redirect: 'error'` is set (the Fetch spec clones a request that may follow a
 * redirect). Measured on a 256 MiB PUT to Glance: 325 MiB peak RSS through ky, 106 MiB here.
 *
 * This transport sends a FileBody (an image file) with node:http from two reused buffers, each
 * refilled only once its write has been flushed (the write callback): no allocation per chunk,
 * so memory stays flat and low whatever the size. Another stream body goes through fetch directly
 * (`duplex: 'half'`, `redirect: 'error'`); everything else through the shared transport. Instead
 * of one deadline for the whole request, which a large upload would outlive, an upload fails
 * when nothing has gone out (or no answer has come after the last byte) for the request timeout.
 */
export class StreamingTransport extends Transport {
  override async request(req: HttpRequest): Promise<HttpResponse> {
    if (req.body instanceof FileBody) return this.sendFile(req, req.body)
    if (!(req.body instanceof ReadableStream)) return super.request(req)
    const started = performance.now()
    const idleMs = this.options.requestTimeoutMs
    const abort = new AbortController()
    let timer: NodeJS.Timeout | undefined
    let stalled = false
    const arm = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        stalled = true
        abort.abort(new Error('stalled'))
      }, idleMs)
    }
    let sourceError: unknown
    const source = req.body as ReadableStream<Uint8Array>
    const reader = source.getReader()
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          arm()
          try {
            const {done, value} = await reader.read()
            if (done) controller.close()
            else controller.enqueue(value)
          } catch (error) {
            sourceError = error
            controller.error(error)
          }
        },
        async cancel(reason) {
          await reader.cancel(reason).catch(() => undefined)
        },
      },
      {highWaterMark: 0},
    )
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.options.userAgent,
      ...req.headers,
    }
    const debug = this.options.debug
    this.debugStreamed(req, headers)
    const doFetch = await this.fetchFunction()
    let res: Response
    arm()
    try {
      res = await doFetch(req.url, {
        method: req.method,
        headers,
        body,
        duplex: 'half',
        redirect: 'error',
        signal: abort.signal,
      } as RequestInit)
    } catch (error) {
      clearTimeout(timer)
      await reader.cancel().catch(() => undefined)
      if (sourceError instanceof Error) throw sourceError
      const e = error as Error & {cause?: {code?: string; message?: string}}
      const reason = stalled
        ? `nothing sent or received for ${idleMs / 1000} s`
        : e.cause?.code ?? e.cause?.message ?? e.message
      debug?.(`RESP: ${req.method} ${req.url} failed after ${elapsed(started)}: ${reason}`)
      throw new ConnectionError(`${req.service}: cannot reach ${origin(req.url)} (${reason})`, {
        actions: [
          stalled
            ? 'raise the limit with --timeout SECONDS'
            : `check that the ${req.service} endpoint is up and that the catalog or profile points at the right host`,
        ],
      })
    } finally {
      clearTimeout(timer)
    }
    return this.finish(req, res.status, res.headers, await res.text(), started)
  }

  /** PUT/POST a file with node:http(s), double-buffered: constant memory, no per-chunk allocation. */
  private async sendFile(req: HttpRequest, body: FileBody): Promise<HttpResponse> {
    const {src, chunkSize, opts} = body
    const started = performance.now()
    const idleMs = this.options.requestTimeoutMs
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.options.userAgent,
      'Content-Length': String(src.size),
      // As curl does for large uploads: a server that refuses (401, 413…) says so before any byte is sent.
      Expect: '100-continue',
      ...req.headers,
    }
    this.debugStreamed(req, headers)
    const url = new URL(req.url)
    const {request} = url.protocol === 'https:' ? await import('node:https') : await import('node:http')
    const tls = url.protocol === 'https:' ? await this.tlsOptions() : {}
    const http: ClientRequest = request(url, {method: req.method, headers, agent: false, ...tls})

    let failure: Error | undefined
    let stalled = false
    let timer: NodeJS.Timeout | undefined
    const arm = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        stalled = true
        http.destroy(new Error('stalled'))
      }, idleMs)
    }
    const onAbort = () => {
      failure ??= (opts.signal?.reason as Error) ?? new Error('aborted')
      http.destroy(failure)
    }
    opts.signal?.addEventListener('abort', onAbort, {once: true})
    // Errors after the first (a reset once the answer came) must not go unhandled.
    http.on('error', () => undefined)
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
    http.once('socket', (socket) => socket.once('connect', () => (connected = true)))
    try {
      arm()
      if (opts.signal?.aborted) onAbort()
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
      const buffers = [Buffer.allocUnsafe(Math.min(chunkSize, src.size)), Buffer.allocUnsafe(Math.min(chunkSize, src.size))]
      const flushed: Array<Promise<void>> = [Promise.resolve(), Promise.resolve()]
      let position = 0
      for (let i = 0; position < src.size && !answered && !failure; i ^= 1) {
        await flushed[i] // this buffer's previous write has gone out: it can be refilled
        if (answered || failure) break
        const n = await readChunk(src, buffers[i], Math.min(chunkSize, src.size - position), position)
        position += n
        const sentSoFar = position
        flushed[i] = new Promise<void>((resolve, reject) => {
          http.write(buffers[i].subarray(0, n), (error) => {
            if (error) return reject(error)
            arm()
            opts.onProgress?.(sentSoFar)
            resolve()
          })
        })
        // a rejected write surfaces through the request's error (below); keep it from being unhandled
        flushed[i].catch(() => undefined)
      }
      if (!answered && !failure) {
        await Promise.all(flushed)
        http.end()
      }
      const res = await response
      clearTimeout(timer)
      arm()
      const chunks: Buffer[] = []
      for await (const c of res) chunks.push(c as Buffer)
      const text = Buffer.concat(chunks).toString('utf8')
      return this.finish(req, res.statusCode ?? 0, responseHeaders(res), text, started)
    } catch (error) {
      if (failure) throw failure
      if (error instanceof MrctlError) {
        http.destroy()
        throw error
      }
      // The server may have refused the upload and closed the connection (a write then fails):
      // its answer says why, so it wins over the socket error.
      if (answered) {
        const res = await response
        const chunks: Buffer[] = []
        try {
          for await (const c of res) chunks.push(c as Buffer)
        } catch {}
        return this.finish(req, res.statusCode ?? 0, responseHeaders(res), Buffer.concat(chunks).toString('utf8'), started)
      }
      const e = error as NodeJS.ErrnoException
      const reason = stalled ? `nothing sent or received for ${idleMs / 1000} s` : e.code ?? e.message
      this.options.debug?.(`RESP: ${req.method} ${req.url} failed after ${elapsed(started)}: ${reason}`)
      if (connected && !stalled) {
        throw new ConnectionError(`${req.service} closed the connection during the upload (${reason})`, {
          actions: [`the server may have refused the data: run again with --debug, or see the ${req.service} log`],
        })
      }
      throw new ConnectionError(`${req.service}: cannot reach ${url.origin} (${reason})`, {
        actions: [
          stalled
            ? 'raise the limit with --timeout SECONDS'
            : `check that the ${req.service} endpoint is up and that the catalog or profile points at the right host`,
        ],
      })
    } finally {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
    }
  }

  private debugStreamed(req: HttpRequest, headers: Record<string, string>): void {
    const debug = this.options.debug
    if (!debug) return
    const h = Object.entries(redactHeaders(headers))
      .map(([k, v]) => ` -H "${k}: ${v}"`)
      .join('')
    debug(`REQ: curl -g -i -X ${req.method} ${req.url}${h}`)
    debug('REQ BODY: <streamed>')
  }

  /** The answer to a streamed request: debug lines, ApiError for an error status. */
  private finish(req: HttpRequest, status: number, headers: Headers, text: string, started: number): HttpResponse {
    const debug = this.options.debug
    const requestId = headers.get('x-openstack-request-id') ?? undefined
    debug?.(`RESP: [${status}] ${req.url} ${elapsed(started)}${requestId ? ` request ${requestId}` : ''}`)
    if (text) debug?.(`RESP BODY: ${text.length > 2000 ? `<${text.length} bytes>` : text}`)
    if ((status < 200 || status >= 300) && !req.okStatuses?.includes(status)) {
      throw new ApiError(
        req.service,
        status,
        errorMessageFromBody(text, status),
        requestId,
        req.url,
        parseBody(text),
        headers.get('www-authenticate') ?? undefined,
      )
    }
    return {status, headers, data: parseBody(text)}
  }

  private async tlsOptions(): Promise<{ca?: Buffer; rejectUnauthorized?: boolean}> {
    const {cacert, insecure} = this.options
    let ca: Buffer | undefined
    if (cacert) {
      const {readFile} = await import('node:fs/promises')
      try {
        ca = await readFile(cacert)
      } catch (error) {
        throw new MrctlError(`cannot read the CA file ${cacert}: ${(error as Error).message}`)
      }
    }
    return {...(ca ? {ca} : {}), ...(insecure ? {rejectUnauthorized: false} : {})}
  }

  private fetchImpl?: Promise<typeof fetch>

  /** Node's fetch, or undici's with a dispatcher when a CA file or --insecure is in play (as the shared transport does). */
  private fetchFunction(): Promise<typeof fetch> {
    const {cacert, insecure} = this.options
    this.fetchImpl ??= cacert || insecure ? tlsFetch(cacert, insecure) : Promise.resolve(fetch)
    return this.fetchImpl
  }
}

/** The same endpoint, token source and headers as `c`, sending streamed bodies in constant memory. */
export function streamingClient(c: ServiceClient, auth: TokenSource): ServiceClient {
  return new ServiceClient(new StreamingTransport(c.transport.options), c.service, c.serviceType, c.region, c.baseUrl, auth, c.headers)
}

function responseHeaders(res: IncomingMessage): Headers {
  const h = new Headers()
  for (const [k, v] of Object.entries(res.headers)) {
    if (Array.isArray(v)) for (const x of v) h.append(k, x)
    else if (v !== undefined) h.set(k, v)
  }
  return h
}
