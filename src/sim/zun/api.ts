import type {IncomingMessage, ServerResponse} from 'node:http'

import type {TokenInfo} from '../common/auth.js'
import {type Handler as RouteHandler, mediaType, readJsonBody, type Reply, Router} from '../common/router.js'
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

export type {Reply} from '../common/router.js'
export {reply} from '../common/router.js'

export type Handler = RouteHandler<ZunCtx>

/** The `/v1` routes, each with its microversion window (outside it: 406). */
export class Api {
  private readonly router = new Router<ZunCtx, VersionWindow>()

  route(method: string, path: string, handler: Handler, window: VersionWindow = {}): this {
    this.router.on(method, path, handler, window)
    return this
  }

  /** Routes `ctx` (path relative to `/v1`); 404/405 as pecan answers them. */
  async dispatch(ctx: ZunCtx, path: string): Promise<Reply> {
    const m = this.router.match(ctx.method, path)
    if ('status' in m) throw m.status === 404 ? errors.routeNotFound() : errors.methodNotAllowed(ctx.method)
    if (!inWindow(ctx.version, m.meta)) throw errors.apiNotInVersion(formatVersion(ctx.version))
    ctx.params = m.params
    return m.handler(ctx)
  }
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
