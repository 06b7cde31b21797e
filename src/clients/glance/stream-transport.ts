import type {HttpRequest, HttpResponse} from '../../http/transport.js'
import type {TokenSource} from '../../http/service-client.js'

import {ApiError, ConnectionError, errorMessageFromBody, MrctlError} from '../../http/errors.js'
import {redactHeaders} from '../../http/redact.js'
import {ServiceClient} from '../../http/service-client.js'
import {Transport} from '../../http/transport.js'

/**
 * STOPGAP until src/http/transport.ts streams request bodies itself.
 *
 * The shared transport sends every request through ky, and ky clones each Request before sending
 * it (to be able to retry). Cloning a Request whose body is a stream tees that stream, and the
 * unread branch keeps every chunk: a 1 GiB upload then holds 1 GiB in memory. Node's fetch does
 * the same unless `redirect: 'error'` is set (the Fetch spec clones a request that may follow a
 * redirect). Measured on a 256 MiB PUT to Glance: 325 MiB peak RSS through ky, 106 MiB here.
 *
 * This transport sends requests whose body is a stream with fetch directly (`duplex: 'half'`,
 * `redirect: 'error'`), and everything else through the shared transport. Instead of one
 * deadline for the whole request, which a large upload would outlive, it fails when no chunk
 * has gone out (or no answer has come after the last one) for the request timeout.
 */
export class StreamingTransport extends Transport {
  override async request(req: HttpRequest): Promise<HttpResponse> {
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
    if (debug) {
      const h = Object.entries(redactHeaders(headers))
        .map(([k, v]) => ` -H "${k}: ${v}"`)
        .join('')
      debug(`REQ: curl -g -i -X ${req.method} ${req.url}${h}`)
      debug('REQ BODY: <streamed>')
    }
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
    const text = await res.text()
    const requestId = res.headers.get('x-openstack-request-id') ?? undefined
    debug?.(`RESP: [${res.status}] ${req.url} ${elapsed(started)}${requestId ? ` request ${requestId}` : ''}`)
    if (text) debug?.(`RESP BODY: ${text.length > 2000 ? `<${text.length} bytes>` : text}`)
    if (!res.ok && !req.okStatuses?.includes(res.status)) {
      throw new ApiError(req.service, res.status, errorMessageFromBody(text, res.status), requestId, req.url, parseBody(text))
    }
    return {status: res.status, headers: res.headers, data: parseBody(text)}
  }

  private fetchImpl?: Promise<typeof fetch>

  /** Node's fetch, or undici's with a dispatcher when a CA file or --insecure is in play (as the shared transport does). */
  private fetchFunction(): Promise<typeof fetch> {
    this.fetchImpl ??= (async () => {
      const {cacert, insecure} = this.options
      if (!cacert && !insecure) return fetch
      const [{Agent, fetch: undiciFetch}, {readFile}] = await Promise.all([import('undici'), import('node:fs/promises')])
      let ca: Buffer | undefined
      if (cacert) {
        try {
          ca = await readFile(cacert)
        } catch (error) {
          throw new MrctlError(`cannot read the CA file ${cacert}: ${(error as Error).message}`)
        }
      }
      const dispatcher = new Agent({connect: {ca, rejectUnauthorized: !insecure}})
      return ((input: string | URL | Request, init?: RequestInit) =>
        undiciFetch(input as never, {...(init as object), dispatcher} as never)) as unknown as typeof fetch
    })()
    return this.fetchImpl
  }
}

/** The same endpoint, token source and headers as `c`, sending streamed bodies in constant memory. */
export function streamingClient(c: ServiceClient, auth: TokenSource): ServiceClient {
  return new ServiceClient(new StreamingTransport(c.transport.options), c.service, c.serviceType, c.region, c.baseUrl, auth, c.headers)
}

function parseBody(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function elapsed(started: number): string {
  return `${Math.round(performance.now() - started)}ms`
}

function origin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}
