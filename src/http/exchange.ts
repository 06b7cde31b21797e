import {ApiError, ConnectionError, errorMessageFromBody} from '../core/errors.js'
import {redactBodyText, redactHeaders} from './redact.js'
import {seconds} from './retry.js'
import {isCertificateError} from './tls.js'

/** What the transport needs to know about a request to describe it (debug lines, errors). */
export interface ExchangeInfo {
  method: string
  url: string
  service: string
}

export type DebugSink = ((line: string) => void) | undefined

export function debugRequest(debug: DebugSink, req: ExchangeInfo, headers: Record<string, string>, body: string | undefined): void {
  if (!debug) return
  const h = Object.entries(redactHeaders(headers))
    .map(([k, v]) => ` -H "${k}: ${v}"`)
    .join('')
  debug(`REQ: curl -g -i -X ${req.method} ${req.url}${h}`)
  if (body !== undefined) debug(`REQ BODY: ${body}`)
}

export function debugResponse(debug: DebugSink, req: ExchangeInfo, status: number, headers: Headers, started: number, text: string | undefined): void {
  if (!debug) return
  const requestId = headers.get('x-openstack-request-id')
  debug(`RESP: [${status}] ${req.url} ${elapsed(started)}${requestId ? ` request ${requestId}` : ''}${text === undefined ? ' (streamed body)' : ''}`)
  const hs: Record<string, string> = {}
  headers.forEach((v, k) => (hs[k] = v))
  debug(`RESP HEADERS: ${JSON.stringify(redactHeaders(hs))}`)
  if (text) debug(`RESP BODY: ${redactBodyText(text)}`)
}

/** An error status as an ApiError: the service's own message, its request ID, the parsed body. */
export function apiError(req: ExchangeInfo, status: number, headers: Headers, text: string, actions?: string[]): ApiError {
  return new ApiError(
    req.service,
    status,
    errorMessageFromBody(text, status),
    headers.get('x-openstack-request-id') ?? headers.get('x-compute-request-id') ?? undefined,
    req.url,
    parseBody(text),
    headers.get('www-authenticate') ?? undefined,
    actions,
  )
}

/** No connection, or it failed before an answer: the certificate, the network, the server. */
export function unreachable(req: ExchangeInfo, cause: {code?: string; message?: string}): ConnectionError {
  if (isCertificateError(cause.code)) {
    return new ConnectionError(
      `${req.service}: the TLS certificate of ${origin(req.url)} cannot be verified (${cause.code}${cause.message && cause.message !== cause.code ? `: ${cause.message}` : ''})`,
      {
        actions: [
          'trust the CA that signed it with --os-cacert FILE (or OS_CACERT, or cacert: in clouds.yaml)',
          'or, on a network you trust, skip the check with --insecure (or verify: false in clouds.yaml)',
        ],
      },
    )
  }
  return new ConnectionError(`${req.service}: cannot reach ${origin(req.url)} (${cause.code ?? cause.message ?? 'unknown error'})`, {
    actions: [`check that the ${req.service} endpoint is up and that the catalog or profile points at the right host`],
  })
}

const RAISE_TIMEOUT = 'raise the limit with --http-timeout SECONDS'

/** The time budget ran out: before the answer began, or while its body was coming. */
export function timedOut(req: ExchangeInfo, timeoutMs: number, answered: boolean): ConnectionError {
  return answered
    ? new ConnectionError(`${req.service}: ${origin(req.url)} did not finish its answer within ${seconds(timeoutMs)} s`, {actions: [RAISE_TIMEOUT]})
    : new ConnectionError(`${req.service}: cannot reach ${origin(req.url)} (no answer within ${seconds(timeoutMs)} s)`, {actions: [RAISE_TIMEOUT]})
}

/** Nothing came (or went) for the idle timeout during a streamed transfer. */
export function stalled(req: ExchangeInfo, idleMs: number, what: 'upload' | 'download'): ConnectionError {
  return new ConnectionError(
    what === 'download'
      ? `${req.service}: no data from ${origin(req.url)} for ${seconds(idleMs)} s during the download`
      : `${req.service}: cannot reach ${origin(req.url)} (nothing sent or received for ${seconds(idleMs)} s)`,
    {actions: [RAISE_TIMEOUT]},
  )
}

/** The server closed the connection after the headers, before the body was complete. */
export function cutShort(req: ExchangeInfo, cause: {code?: string; message?: string}): ConnectionError {
  return new ConnectionError(
    `${req.service}: ${origin(req.url)} closed the connection before the answer was complete (${cause.code ?? cause.message ?? 'terminated'})`,
    {actions: ['run the command again; if it keeps failing, see the service log (or run with --debug)']},
  )
}

/** The innermost `{code, message}` of a fetch or socket error. */
export function causeOf(error: unknown): {code?: string; message?: string} {
  let e = error as {code?: string; message?: string; cause?: unknown} | undefined
  for (let i = 0; i < 4 && e?.cause && typeof e.cause === 'object'; i++) e = e.cause as typeof e
  return {code: e?.code, message: e?.message}
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
