import type {IncomingMessage, ServerResponse} from 'node:http'

import type {TokenInfo} from '../common/auth.js'
import {readJsonBody, Router} from '../common/router.js'
import {errors} from './errors.js'
import {formatVersion, inWindow, type Version, type VersionWindow} from './microversion.js'
import type {Caller} from './policy.js'

/** What a handler knows about its request. */
export interface ZunCtx {
  req: IncomingMessage
  res: ServerResponse
  method: string
  /** Path parameters, URL-decoded. */
  params: Record<string, string>
  query: URLSearchParams
  version: Version
  caller: Caller
  token: TokenInfo
  requestId: string
  /** `http://host:port` as the client addressed us (for links and Location). */
  hostUrl: string
  /** The injected clock, read once per request (epoch ms). */
  now: number
}

/** A handler's answer. `body: undefined` sends no body; `null` sends the JSON literal `null`. */
export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export type Handler = (ctx: ZunCtx) => Promise<Reply> | Reply

export function reply(status: number, body?: unknown, headers?: Record<string, string>): Reply {
  return {status, body, headers}
}

/** The `/v1` routes, each with its microversion window (outside it: 406). */
export class Api {
  readonly router = new Router()
  private readonly handlers = new WeakMap<IncomingMessage, ZunCtx>()

  route(method: string, path: string, handler: Handler, window: VersionWindow = {}): this {
    this.router.on(method, path, async (rc) => {
      const ctx = this.handlers.get(rc.req)
      if (!ctx) throw new Error('request context missing')
      ctx.params = rc.params
      if (!inWindow(ctx.version, window)) throw errors.apiNotInVersion(formatVersion(ctx.version))
      const out = await handler(ctx)
      pending.set(rc.req, out)
    })
    return this
  }

  /** Routes `ctx` (path relative to `/v1`); 404/405 as pecan answers them. */
  async dispatch(ctx: ZunCtx, path: string): Promise<Reply> {
    const m = this.router.match(ctx.method, path)
    if (m === 404) throw errors.routeNotFound()
    if (m === 405) throw errors.methodNotAllowed(ctx.method)
    this.handlers.set(ctx.req, ctx)
    await m.handler({req: ctx.req, res: ctx.res, params: m.params, query: ctx.query, path})
    const out = pending.get(ctx.req)
    if (!out) throw new Error('handler gave no reply')
    return out
  }
}

const pending = new WeakMap<IncomingMessage, Reply>()

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
}

/** Zun's `enforce_content_types(['application/json'])` on create calls: 415 otherwise. */
export function requireJsonContentType(ctx: ZunCtx): void {
  const got = mediaType(ctx.req)
  if (got !== 'application/json') throw errors.unsupportedMediaType(ctx.req.headers['content-type'] ?? 'None')
}

/** The JSON body (undefined when empty); 400 when it is not JSON. */
export async function jsonBody(ctx: ZunCtx): Promise<unknown> {
  try {
    return await readJsonBody(ctx.req)
  } catch (err) {
    if (err instanceof SyntaxError) throw errors.malformedBody()
    throw err
  }
}

/**
 * Action parameters: the query string, plus the keys of a JSON object body (pecan merges both, so
 * tempest's `execute` with `{"command": …}` works). Query values win.
 */
export async function actionParams(ctx: ZunCtx): Promise<URLSearchParams> {
  const params = new URLSearchParams(ctx.query)
  if (mediaType(ctx.req) !== 'application/json') {
    ctx.req.resume()
    return params
  }
  const body = await jsonBody(ctx)
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (params.has(k) || v === undefined || v === null) continue
      params.set(k, typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v))
    }
  }
  return params
}

/** Discards a request body that the handler does not read. */
export function drain(ctx: ZunCtx): void {
  ctx.req.resume()
}
