import type {KyInstance, Options as KyOptions} from 'ky'

import {ApiError, ConnectionError, errorMessageFromBody, MrctlError} from './errors.js'
import {redactBodyText, redactHeaders} from './redact.js'

export interface TransportOptions {
  /** Time for one request to answer (headers), in ms. */
  requestTimeoutMs: number
  /** Retries for idempotent methods on connection errors and 502/503/504. */
  retries: number
  insecure: boolean
  cacert?: string
  userAgent: string
  /** Receives one redacted line per event when --debug is on. */
  debug?: (line: string) => void
}

export interface HttpRequest {
  method: string
  url: string
  /** Display name of the service, for errors: "Neutron", "Keystone"… */
  service: string
  headers?: Record<string, string>
  json?: unknown
  /** A raw body (streams for uploads). Uploads are never retried. */
  body?: RequestInit['body']
  /** Hand back the response stream unread (downloads). */
  stream?: boolean
  /** Statuses the caller handles itself (no ApiError thrown). */
  okStatuses?: number[]
}

export interface HttpResponse {
  status: number
  headers: Headers
  /** Parsed JSON when the body was JSON, the text otherwise; undefined for an empty body or a stream. */
  data: unknown
  stream?: ReadableStream<Uint8Array>
}

const IDEMPOTENT = ['get', 'put', 'head', 'delete', 'options']

/** One HTTP client per session: timeouts, keep-alive (fetch's default), retries, User-Agent, debug lines. */
export class Transport {
  private ky?: Promise<KyInstance>

  constructor(readonly options: TransportOptions) {}

  async request(req: HttpRequest): Promise<HttpResponse> {
    const ky = await this.client()
    const started = performance.now()
    const headers: Record<string, string> = {Accept: 'application/json', ...req.headers}
    const init: KyOptions = {method: req.method, headers, throwHttpErrors: true}
    if (req.json !== undefined) init.json = req.json
    if (req.body !== undefined) {
      init.body = req.body
      ;(init as Record<string, unknown>).duplex = 'half'
      init.retry = 0
    }
    this.debugRequest(req, headers)
    let res: Response
    try {
      res = await ky(req.url, init)
    } catch (error) {
      const e = error as Error & {response?: Response; name: string}
      if (e.name === 'HTTPError' && e.response) {
        res = e.response
        const text = await res.text()
        this.debugResponse(res, started, text)
        if (req.okStatuses?.includes(res.status)) return {status: res.status, headers: res.headers, data: parseBody(text)}
        throw new ApiError(
          req.service,
          res.status,
          errorMessageFromBody(text, res.status),
          res.headers.get('x-openstack-request-id') ?? res.headers.get('x-compute-request-id') ?? undefined,
          req.url,
          parseBody(text),
          res.headers.get('www-authenticate') ?? undefined,
        )
      }
      throw this.connectionError(req, e, started)
    }
    if (req.stream) {
      this.options.debug?.(`RESP: [${res.status}] ${req.method} ${req.url} ${elapsed(started)} (streamed body)`)
      return {status: res.status, headers: res.headers, data: undefined, stream: res.body ?? undefined}
    }
    const text = await res.text()
    this.debugResponse(res, started, text)
    return {status: res.status, headers: res.headers, data: parseBody(text)}
  }

  private connectionError(req: HttpRequest, e: Error & {cause?: unknown}, started: number): MrctlError {
    const cause = e.cause as {code?: string; message?: string} | undefined
    const reason =
      e.name === 'TimeoutError'
        ? `no answer within ${this.options.requestTimeoutMs / 1000} s`
        : cause?.code ?? cause?.message ?? e.message
    this.options.debug?.(`RESP: ${req.method} ${req.url} failed after ${elapsed(started)}: ${reason}`)
    return new ConnectionError(`${req.service}: cannot reach ${origin(req.url)} (${reason})`, {
      actions: [
        e.name === 'TimeoutError'
          ? 'raise the limit with --timeout SECONDS'
          : `check that the ${req.service} endpoint is up and that the catalog or profile points at the right host`,
      ],
    })
  }

  private debugRequest(req: HttpRequest, headers: Record<string, string>): void {
    const debug = this.options.debug
    if (!debug) return
    const h = Object.entries(redactHeaders(headers))
      .map(([k, v]) => ` -H "${k}: ${v}"`)
      .join('')
    debug(`REQ: curl -g -i -X ${req.method} ${req.url}${h}`)
    if (req.json !== undefined) debug(`REQ BODY: ${redactBodyText(JSON.stringify(req.json))}`)
    else if (req.body !== undefined) debug('REQ BODY: <streamed>')
  }

  private debugResponse(res: Response, started: number, text: string): void {
    const debug = this.options.debug
    if (!debug) return
    const requestId = res.headers.get('x-openstack-request-id')
    debug(`RESP: [${res.status}] ${res.url} ${elapsed(started)}${requestId ? ` request ${requestId}` : ''}`)
    const hs: Record<string, string> = {}
    res.headers.forEach((v, k) => (hs[k] = v))
    debug(`RESP HEADERS: ${JSON.stringify(redactHeaders(hs))}`)
    if (text) debug(`RESP BODY: ${redactBodyText(text)}`)
  }

  private client(): Promise<KyInstance> {
    this.ky ??= this.createClient()
    return this.ky
  }

  private async createClient(): Promise<KyInstance> {
    const {default: ky} = await import('ky')
    const {insecure, cacert} = this.options
    let customFetch: typeof fetch | undefined
    if (cacert || insecure) customFetch = await tlsFetch(cacert, insecure)
    return ky.create({
      timeout: this.options.requestTimeoutMs,
      retry: {
        limit: this.options.retries,
        methods: IDEMPOTENT,
        statusCodes: [502, 503, 504],
        backoffLimit: 4000,
      },
      headers: {'User-Agent': this.options.userAgent},
      ...(customFetch ? {fetch: customFetch} : {}),
      hooks: {
        beforeRetry: [
          ({request, retryCount}) => {
            this.options.debug?.(`RETRY ${retryCount}: ${request.method} ${request.url}`)
          },
        ],
      },
    })
  }
}

/** Node's fetch cannot take a CA file or skip verification per request: undici's can (loaded only then). */
export async function tlsFetch(cacert: string | undefined, insecure: boolean): Promise<typeof fetch> {
  const [{Agent, fetch: undiciFetch}, {readFile}] = await Promise.all([import('undici'), import('node:fs/promises')])
  let ca: Buffer | undefined
  if (cacert) {
    try {
      ca = await readFile(cacert)
    } catch (error) {
      throw new MrctlError(`cannot read the CA file ${cacert}: ${(error as Error).message}`, {
        actions: ['point --os-cacert (or OS_CACERT, or cacert in clouds.yaml) at a readable PEM file'],
      })
    }
  }
  const dispatcher = new Agent({connect: {ca, rejectUnauthorized: !insecure}})
  return ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as never, {...(init as object), dispatcher} as never)) as unknown as typeof fetch
}

export function parseBody(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export function elapsed(started: number): string {
  return `${Math.round(performance.now() - started)}ms`
}

export function origin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}
