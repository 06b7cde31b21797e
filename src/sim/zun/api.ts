import type {IncomingMessage, ServerResponse} from 'node:http'

import type {TokenInfo} from '../common/auth.js'
import {type Handler as RouteHandler, mediaType, readJsonBody, type Reply, Router} from '../common/router.js'
import {isPlainObject} from '../common/python.js'
import {errors, ZunCrash, type ZunError} from './errors.js'
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

/** A route's microversion window (outside it: 406), and whether a wrong method is a 404 (pecan's custom actions). */
interface RouteMeta extends VersionWindow {
  notFoundOnWrongMethod?: boolean
}

/** The `/v1` routes, each with its microversion window (outside it: 406). */
export class Api {
  private readonly router = new Router<ZunCtx, RouteMeta>()

  route(method: string, path: string, handler: Handler, meta: RouteMeta = {}): this {
    this.router.on(method, path, handler, meta)
    return this
  }

  /**
   * What pecan answers while routing, before any handler: 404 (no such path; a custom action
   * asked with another method), 405, or 406 for an API outside its version window. These
   * answers carry no version headers. Undefined when a handler takes the request.
   */
  route404or405(ctx: ZunCtx, path: string): ZunError | undefined {
    const m = this.router.match(ctx.method, path)
    if ('status' in m) {
      if (m.status === 404 || this.wrongMethodIsNotFound(path)) return errors.routeNotFound()
      return errors.methodNotAllowed(ctx.method)
    }
    if (!inWindow(ctx.version, m.meta)) return errors.apiNotInVersion(formatVersion(ctx.version))
    return undefined
  }

  private wrongMethodIsNotFound(path: string): boolean {
    return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].some((method) => {
      const m = this.router.match(method, path)
      return !('status' in m) && m.meta.notFoundOnWrongMethod === true
    })
  }

  /** Calls the handler of a request `route404or405` let through. */
  async dispatch(ctx: ZunCtx, path: string): Promise<Reply> {
    const m = this.router.match(ctx.method, path)
    if ('status' in m) throw errors.routeNotFound()
    ctx.params = m.params
    return m.handler(ctx)
  }
}

/**
 * Zun's `enforce_content_types(['application/json'])` on create calls. Anything else was meant to
 * be a 415, but the check crashes on Python 3 while wording it: the real server answers an empty 500.
 */
export function requireJsonContentType(ctx: ZunCtx): void {
  if (mediaType(ctx.req) !== 'application/json') throw new ZunCrash(`content type ${ctx.req.headers['content-type'] ?? 'None'}`)
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

/** webob's `req.params.mixed()`, what `validate_query_param` checks: the query string, a repeated key as a list. */
export function queryMixed(ctx: ZunCtx): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(ctx.query.keys())) {
    const all = ctx.query.getAll(key)
    out[key] = all.length > 1 ? all : all[0]
  }
  return out
}

/**
 * The keyword arguments pecan gives a controller, what `validated` checks: the query string's
 * parameters, and the keys of a JSON object body (only with `Content-Type: application/json`).
 * `named` are the controller's own parameters, which pecan passes apart.
 */
export async function pecanKwargs(ctx: ZunCtx, named: string[] = []): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {...queryMixed(ctx)}
  if (mediaType(ctx.req) === 'application/json') {
    const body = await jsonBody(ctx)
    if (isPlainObject(body)) Object.assign(out, body)
  } else {
    ctx.req.resume()
  }
  for (const n of named) delete out[n]
  return out
}

/** Discards a request body that the handler does not read. */
export function drain(ctx: ZunCtx): void {
  ctx.req.resume()
}
