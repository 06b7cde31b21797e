import type {FetchAnswer, FetchFunction} from './node-fetch.js'
import type {TlsSettings} from './tls.js'

import {apiError, causeOf, cutShort, debugRequest, debugResponse, parseBody, stalled, timedOut, unreachable} from './exchange.js'
import {MrctlError} from '../core/errors.js'
import {redactBodyText} from './redact.js'
import {backoffMs, IDEMPOTENT, RETRY_STATUSES, retryAfterMs, seconds} from './retry.js'
import {sendStreamed} from './stream-upload.js'
import {nodeFetch} from './node-fetch.js'
import {isCertificateError, loadTlsSettings} from './tls.js'

export {elapsed, origin, parseBody} from './exchange.js'

export interface TransportOptions {
  /**
   * The time budget of one call, in ms: the whole exchange, body and retries included, for
   * ordinary calls; the longest silence for streamed uploads and downloads.
   */
  requestTimeoutMs: number
  /** Retries for idempotent methods on connection errors and 502/503/504. */
  retries: number
  insecure: boolean
  cacert?: string
  userAgent: string
  /** Receives one redacted line per event when --debug is on. */
  debug?: (line: string) => void
  /** Told before each wait between tries (a spinner can show it): seconds, and why. */
  onRetryWait?: (seconds: number, reason: string) => void
}

export interface HttpRequest {
  method: string
  url: string
  /** Display name of the service, for errors: "Neutron", "Keystone"… */
  service: string
  headers?: Record<string, string>
  json?: unknown
  /** A raw body. A stream (a FileBody, say) is sent in constant memory and never retried. */
  body?: RequestInit['body']
  /** Hand back the response stream unread (downloads). */
  stream?: boolean
  /** Statuses the caller handles itself (no ApiError thrown). */
  okStatuses?: number[]
  /** Aborting stops the call (an interrupt). */
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  headers: Headers
  /** Parsed JSON when the body was JSON, the text otherwise; undefined for an empty body or a stream. */
  data: unknown
  stream?: ReadableStream<Uint8Array>
}

/** One try's outcome: an answer (body read, or a stream), or a failure before or during it. */
interface Answer {
  status: number
  headers: Headers
  text?: string
  stream?: ReadableStream<Uint8Array>
}

/** Marks a failure that another try might not have (the network, not the server's verdict). */
class Transient extends Error {
  constructor(readonly error: MrctlError) {
    super(error.message)
  }
}

/**
 * One HTTP client per session, for every service: JSON calls with retries and a time budget for
 * the whole exchange, streamed downloads and uploads with an idle timeout, the TLS settings,
 * User-Agent, error mapping and redacted --debug lines.
 */
export class Transport {
  private fetchPromise?: Promise<FetchFunction>
  private tlsPromise?: Promise<TlsSettings>

  constructor(readonly options: TransportOptions) {}

  async request(req: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = {Accept: 'application/json', 'User-Agent': this.options.userAgent, ...req.headers}
    if (req.body instanceof ReadableStream) return this.upload(req, req.body, headers)
    let body: string | undefined
    let shown: string | undefined
    if (req.json !== undefined) {
      body = JSON.stringify(req.json)
      headers['Content-Type'] ??= 'application/json'
      shown = redactBodyText(body)
    } else if (req.body !== undefined && req.body !== null) {
      body = req.body as string
      shown = '<raw body>'
    }
    const budget = this.options.requestTimeoutMs
    const started = performance.now()
    const deadline = started + budget
    const mayRetry = IDEMPOTENT.has(req.method.toUpperCase()) && req.body === undefined
    const debug = this.options.debug
    debugRequest(debug, req, headers, shown)
    for (let retry = 0; ; retry++) {
      let answer: Answer
      let waitMs: number
      let reason: string
      try {
        answer = await this.once(req, headers, body, deadline)
      } catch (error) {
        if (!(error instanceof Transient)) throw error
        if (!mayRetry || retry >= this.options.retries) throw error.error
        waitMs = backoffMs(retry + 1)
        reason = error.error.message
        if (performance.now() + waitMs >= deadline) throw error.error
        await this.wait(req, retry + 1, waitMs, reason)
        continue
      }
      const {status} = answer
      const text = answer.text ?? ''
      debugResponse(debug, req, status, answer.headers, started, answer.stream ? undefined : text)
      if ((status >= 200 && status < 300) || req.okStatuses?.includes(status)) {
        return {status, headers: answer.headers, data: answer.stream ? undefined : parseBody(text), stream: answer.stream}
      }
      // The first try did the work but its answer was lost (a 503 from a proxy, a reset): done.
      if (status === 404 && retry > 0 && req.method.toUpperCase() === 'DELETE') {
        debug?.(`404 on a retried DELETE: the earlier try deleted ${req.url}`)
        return {status, headers: answer.headers, data: undefined}
      }
      if (!mayRetry || !RETRY_STATUSES.has(status) || retry >= this.options.retries) throw apiError(req, status, answer.headers, text)
      const after = retryAfterMs(answer.headers.get('retry-after'))
      const left = deadline - performance.now()
      if (after !== undefined && after >= left) {
        const asked = `${req.service} asked to retry after ${seconds(after)} s, more than the ${seconds(left)} s left of --http-timeout`
        debug?.(`RETRY-AFTER ${seconds(after)} s is more than the ${seconds(left)} s left of --http-timeout: not retrying ${req.method} ${req.url}`)
        throw apiError(req, status, answer.headers, text, [`${asked}: try again later, or raise --http-timeout`])
      }
      waitMs = after ?? backoffMs(retry + 1)
      if (waitMs >= left) throw apiError(req, status, answer.headers, text)
      reason = `${req.service} answered ${status}${after === undefined ? '' : ` with Retry-After: ${answer.headers.get('retry-after')}`}`
      await this.wait(req, retry + 1, waitMs, reason)
    }
  }

  /** One try, bounded by the deadline from the first byte sent to the last byte read. */
  private async once(req: HttpRequest, headers: Record<string, string>, body: string | undefined, deadline: number): Promise<Answer> {
    const fetchFn = await this.fetcher()
    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(), Math.max(0, deadline - performance.now()))
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal
    let res: FetchAnswer | undefined
    try {
      res = await fetchFn(req.url, {method: req.method, headers, body, signal})
      if (req.stream && res.ok) {
        clearTimeout(timer)
        return {status: res.status, headers: res.headers, stream: idleBounded(req, res.body, this.options.requestTimeoutMs, timeout)}
      }
      return {status: res.status, headers: res.headers, text: await res.text()}
    } catch (error) {
      if (req.signal?.aborted) throw req.signal.reason ?? error
      if (timeout.signal.aborted) throw timedOut(req, this.options.requestTimeoutMs, res !== undefined)
      const cause = causeOf(error)
      this.options.debug?.(`RESP: ${req.method} ${req.url} failed: ${cause.code ?? cause.message}`)
      if (res !== undefined) throw new Transient(cutShort(req, cause))
      // A certificate refused now will be refused again.
      if (isCertificateError(cause.code)) throw unreachable(req, cause)
      throw new Transient(unreachable(req, cause))
    } finally {
      clearTimeout(timer)
    }
  }

  private async wait(req: HttpRequest, retry: number, ms: number, reason: string): Promise<void> {
    this.options.debug?.(`RETRY ${retry} in ${seconds(ms)} s: ${req.method} ${req.url} (${reason})`)
    this.options.onRetryWait?.(ms / 1000, reason)
    const signal = req.signal
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(t)
        reject(signal?.reason)
      }
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal?.addEventListener('abort', onAbort, {once: true})
    })
  }

  /** A streamed body (an image file): node:http, constant memory, idle timeout, no retry. */
  private async upload(req: HttpRequest, body: ReadableStream<Uint8Array>, headers: Record<string, string>): Promise<HttpResponse> {
    const started = performance.now()
    debugRequest(this.options.debug, req, headers, '<streamed>')
    const answer = await sendStreamed(
      {method: req.method, url: req.url, service: req.service, headers, body, signal: req.signal},
      {idleMs: this.options.requestTimeoutMs, tls: () => this.tls(), debug: this.options.debug},
    )
    debugResponse(this.options.debug, req, answer.status, answer.headers, started, answer.text)
    if ((answer.status >= 200 && answer.status < 300) || req.okStatuses?.includes(answer.status)) {
      return {status: answer.status, headers: answer.headers, data: parseBody(answer.text)}
    }
    throw apiError(req, answer.status, answer.headers, answer.text)
  }

  private tls(): Promise<TlsSettings> {
    this.tlsPromise ??= loadTlsSettings(this.options.cacert, this.options.insecure)
    return this.tlsPromise
  }

  /** fetch over node:http(s) (node-fetch.ts), with the CA file or --insecure when in play. */
  private fetcher(): Promise<FetchFunction> {
    const {cacert, insecure} = this.options
    this.fetchPromise ??= cacert || insecure ? this.tls().then(nodeFetch) : Promise.resolve(nodeFetch())
    return this.fetchPromise
  }
}

/**
 * A download's body that fails when no byte comes for `idleMs` while it is being read (a slow
 * reader is not a stalled server: the clock runs only while a read waits on the network).
 */
function idleBounded(req: HttpRequest, body: ReadableStream<Uint8Array> | null, idleMs: number, abort: AbortController): ReadableStream<Uint8Array> | undefined {
  if (!body) return undefined
  const reader = body.getReader()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let timer: NodeJS.Timeout | undefined
        const idle = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            reject(stalled(req, idleMs, 'download'))
            abort.abort()
          }, idleMs)
        })
        try {
          const next = await Promise.race([reader.read(), idle])
          if (next.done) controller.close()
          else controller.enqueue(next.value)
        } catch (error) {
          reader.cancel().catch(() => undefined)
          controller.error(error instanceof MrctlError ? error : req.signal?.aborted ? req.signal.reason : cutShort(req, causeOf(error)))
        } finally {
          clearTimeout(timer)
        }
      },
      async cancel(reason) {
        await reader.cancel(reason).catch(() => undefined)
      },
    },
    {highWaterMark: 0},
  )
}

