import {randomUUID} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'

import type {TokenInfo} from '../common/auth.js'

/**
 * What the simulated Keystone, Neutron, Glance and Octavia share: reading bodies, writing JSON the
 * way their Python servers do, request IDs, and one error type that each service renders in its
 * own shape.
 */

/** A request handler as every simulated service exposes it. */
export interface ServiceHandler {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>
}

/** An HTTP error a service answers with; `render` belongs to the service (shapes differ). */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The exception class name where the service exposes it (Neutron's `type`). */
    readonly type = '',
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'SimHttpError'
  }
}

export const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  300: 'Multiple Choices',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export function requestId(): string {
  return `req-${randomUUID()}`
}

/** Reads the whole body, refusing more than `limit` bytes with a 413. */
export async function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new SimHttpError(413, 'Request Entity Too Large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Parses a JSON body; `undefined` for an empty one, `bad()` for text that is not JSON. */
export async function readJson(req: IncomingMessage, bad: () => Error): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8')
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw bad()
  }
}

/** JSON as Python's `json.dumps` writes it by default: `", "` and `": "` separators. */
export function pyJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map((v) => pyJson(v)).join(', ')}]`
  if (typeof value === 'object') {
    const parts: string[] = []
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue
      parts.push(`${JSON.stringify(k)}: ${pyJson(v)}`)
    }
    return `{${parts.join(', ')}}`
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null'
  return JSON.stringify(value)
}

export interface SendOptions {
  headers?: Record<string, string>
  /** Compact JSON (`JSON.stringify`), as Neutron and Keystone write success bodies. */
  compact?: boolean
}

export function sendJson(res: ServerResponse, status: number, body: unknown, opts: SendOptions = {}): void {
  if (body === undefined || status === 204) {
    res.writeHead(status, {...(status === 204 ? {} : {'Content-Length': '0'}), ...opts.headers})
    res.end()
    return
  }
  const text = opts.compact ? JSON.stringify(body) : pyJson(body)
  res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...opts.headers})
  res.end(text)
}

export function sendText(res: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)), ...headers})
  res.end(text)
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')
}

/** webob's HTML error page (Glance's errors, and any WSGI service's default). */
export function webobHtml(status: number, detail: string): string {
  const title = `${status} ${REASONS[status] ?? 'Error'}`
  return `<html>\n <head>\n  <title>${title}</title>\n </head>\n <body>\n  <h1>${title}</h1>\n  ${htmlEscape(detail)}<br /><br />\n\n\n\n </body>\n</html>`
}

/** Whether the client asked for JSON (webob then answers errors as JSON, as Glance and pecan do). */
export function wantsJson(req: IncomingMessage): boolean {
  return String(req.headers.accept ?? '').includes('application/json')
}

/** webob's error, negotiated: JSON `{message, code, title}` for a JSON client, the HTML page otherwise. */
export function sendWebobError(req: IncomingMessage, res: ServerResponse, status: number, detail: string, headers: Record<string, string> = {}): void {
  if (wantsJson(req)) {
    sendJson(res, status, {message: `${detail}<br /><br />\n\n\n`, code: `${status} ${REASONS[status] ?? 'Error'}`, title: REASONS[status] ?? 'Error'}, {headers})
    return
  }
  sendText(res, status, webobHtml(status, detail), 'text/html; charset=UTF-8', headers)
}

/** `X-Auth-Token` as one string, or undefined. */
export function authToken(req: IncomingMessage): string | undefined {
  const raw = req.headers['x-auth-token']
  const v = Array.isArray(raw) ? raw[0] : raw
  return v ? v : undefined
}

/**
 * keystonemiddleware in front of a service: the caller's token info, or (undefined) the 401 it
 * answers for a missing or invalid token, with `WWW-Authenticate` pointing at Keystone.
 */
export async function authenticate(
  req: IncomingMessage,
  res: ServerResponse,
  auth: {validate(token: string): Promise<TokenInfo | undefined>},
  keystoneUri: string,
  headers: Record<string, string> = {},
): Promise<TokenInfo | undefined> {
  const token = authToken(req)
  const info = token ? await auth.validate(token) : undefined
  if (info) return info
  req.resume()
  sendJson(res, 401, {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}}, {
    headers: {'WWW-Authenticate': `Keystone uri="${keystoneUri}"`, ...headers},
  })
  return undefined
}

/** The request's path and query, with repeated slashes kept (services differ on them). */
export function splitUrl(req: IncomingMessage): {path: string; query: URLSearchParams} {
  const url = new URL(req.url ?? '/', 'http://sim.invalid')
  return {path: decodeURIComponent(url.pathname), query: url.searchParams}
}

/** `http://host:port` of this request as the client addressed it (links follow the Host header). */
export function origin(req: IncomingMessage): string {
  const host = req.headers.host ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? ''}`
  return `http://${host}`
}

/** A UTC timestamp without fractions, as Neutron and Octavia print them: `2026-11-23T06:56:26Z` (or without Z). */
export function isoSeconds(ms: number, z = true): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', z ? 'Z' : '')
}

/** A 32-hex ID, as Keystone makes them. */
export function hexId(): string {
  return randomUUID().replace(/-/g, '')
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Path segments after a prefix, or undefined when the path is not below it. */
export function below(path: string, prefix: string): string[] | undefined {
  if (path !== prefix && !path.startsWith(`${prefix}/`)) return undefined
  return path.slice(prefix.length).split('/').filter((s, i, all) => s !== '' || i < all.length - 1).filter(Boolean)
}
