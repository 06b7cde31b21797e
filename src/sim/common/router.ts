import type {IncomingMessage, ServerResponse} from 'node:http'

/**
 * The handler style both emulators share (moto's responses layer): a handler gets the parsed
 * request, validates it, calls an operation of the emulator's state (its backend), and returns
 * the reply to render; it never writes to the socket. Errors are thrown as the emulator's own
 * error type, which its server renders in the real service's shape.
 */

export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  params: Record<string, string>
  query: URLSearchParams
  /** The request path below the router's mount point. */
  path: string
}

/** A handler's answer. `body: undefined` sends no body; `null` is the JSON literal `null`. */
export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export function reply(status: number, body?: unknown, headers?: Record<string, string>): Reply {
  return {status, body, headers}
}

export type Handler<C> = (ctx: C) => Promise<Reply> | Reply

interface Route<C, M> {
  method: string
  pattern: RegExp
  names: string[]
  handler: Handler<C>
  meta: M
}

/** Why a request matched no route: no such path (404), or the path with another method (405, with the methods it has). */
export type NoRoute = {status: 404} | {status: 405; allowed: string[]}

/** A method + path router: `/containers/:id/start` style patterns, a trailing slash optional. `M` is per-route data. */
export class Router<C, M = undefined> {
  private readonly routes: Array<Route<C, M>> = []

  on(method: string, path: string, handler: Handler<C>, meta?: M): this {
    const names: string[] = []
    const source = path
      .replace(/\/+$/, '')
      .split('/')
      .map((part) => {
        if (part.startsWith(':')) {
          names.push(part.slice(1))
          return '([^/]+)'
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('/')
    this.routes.push({method, pattern: new RegExp(`^${source}/?$`), names, handler, meta: meta as M})
    return this
  }

  /** The route for a request, or why there is none. */
  match(method: string, path: string): {handler: Handler<C>; params: Record<string, string>; meta: M} | NoRoute {
    const allowed: string[] = []
    for (const r of this.routes) {
      const m = r.pattern.exec(path)
      if (!m) continue
      if (r.method !== method) {
        allowed.push(r.method)
        continue
      }
      const params: Record<string, string> = {}
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])))
      return {handler: r.handler, params, meta: r.meta}
    }
    return allowed.length ? {status: 405, allowed: [...new Set(allowed)].sort()} : {status: 404}
  }
}

/** Reads and parses a JSON body; undefined for an empty body. Throws SyntaxError on bad JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return undefined
  return JSON.parse(text)
}

/** The media type of the request body, lower case, without parameters ('' when there is none). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
}

/** Writes a reply whose body is serialised by `encode` (plain JSON, or Python's JSON for Zun). */
export function sendReply(res: ServerResponse, r: Reply, encode: (body: unknown) => string = JSON.stringify): void {
  const text = r.body === undefined || r.status === 204 || r.status === 304 ? '' : encode(r.body)
  res.writeHead(r.status, {
    ...(text ? {'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text))} : r.status === 204 ? {} : {'Content-Length': '0'}),
    ...r.headers,
  })
  res.end(text)
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendReply(res, {status, body, headers})
}
