import type {TokenInfo} from '../common/auth.js'
import {type Handler as RouteHandler, mediaType, readJsonBody, type RouteContext} from '../common/router.js'
import {apiError} from './errors.js'
import {isPlainObject, pyInt, pyRepr} from '../common/python.js'
import type {TricircleState} from './state.js'

/** Who is calling, from the validated token (keystonemiddleware's X-Roles / X-Project-Id). */
export interface Caller {
  admin: boolean
  projectId: string
  token: TokenInfo
}

export interface Ctx extends RouteContext {
  caller: Caller
  state: TricircleState
}

export type Handler = RouteHandler<Ctx>

/**
 * The request body as JSON; undefined when it is empty or not JSON. pecan merges a JSON body into
 * the controller's keyword arguments only when the request says `Content-Type: application/json`:
 * without it the body is not read at all (a create then answers "Request body pod not found").
 */
export async function readBody(ctx: Ctx): Promise<unknown> {
  if (mediaType(ctx.req) !== 'application/json') {
    ctx.req.resume()
    return undefined
  }
  try {
    return await readJsonBody(ctx.req)
  } catch (e) {
    if (e instanceof SyntaxError) return undefined
    throw e
  }
}

/** `'<key>' in body` for a JSON object body. */
export function hasKey(body: unknown, key: string): body is Record<string, unknown> {
  return isPlainObject(body) && Object.hasOwn(body, key)
}

/** The distinct query parameter names, in the order they first appear. */
export function queryNames(query: URLSearchParams): string[] {
  return [...new Set(query.keys())]
}

/** The filter names that are not `limit`, `marker` or one of `allowed`. */
export function unsupportedFilters(query: URLSearchParams, allowed: readonly string[]): string[] {
  return queryNames(query).filter((k) => k !== 'limit' && k !== 'marker' && !allowed.includes(k))
}

/** `limit`: absent or ≤ 0 → the maximum; above it → capped; not an integer → 400. */
export function pageLimit(query: URLSearchParams, max: number): number {
  const raw = query.get('limit')
  if (raw === null) return max
  const n = pyInt(raw)
  if (n === undefined) throw apiError(400, `Limit should be an integer or a valid literal for int() rather than ${pyRepr(raw)}`)
  return n <= 0 || n > max ? max : n
}
