import type {ServiceClient} from '../../http/service-client.js'

import {ApiError, UsageError} from '../../core/errors.js'
import {pyBool} from './client.js'

// --- shared by the admin resources (images, hosts, services, quotas, registries) ---

/** zunclient's `json_request` sends `Content-Type: application/json` on every call, body or not. */
export const ZUN_JSON_HEADERS: Readonly<Record<string, string>> = {'Content-Type': 'application/json'}
/** zunclient's DELETE goes through `raw_request`: `Content-Type: application/octet-stream`, no body. */
export const ZUN_RAW_HEADERS: Readonly<Record<string, string>> = {'Content-Type': 'application/octet-stream'}

/** A query as sent, in insertion order (unset keys left out): zunclient's order matters for the trace. */
export type ZunQuery = Record<string, string | number | undefined>

/**
 * A path segment for an identifier. An empty one would turn `/v1/images/{id}` into the collection
 * (`/v1/images/`), a different call altogether, so it is refused before anything is sent.
 */
export function zunSegment(thing: string, id: string): string {
  if (id.trim() === '') throw new UsageError(`The ${thing} must not be empty.`)
  return encodeURIComponent(id)
}

/** `--marker`, `--limit`, `--sort-key`, `--sort-dir` of the list commands. */
export interface ZunPageOptions {
  marker?: string
  /** At least 1 (the server refuses 0 and negatives). */
  limit?: number
  sortKey?: string
  sortDir?: 'asc' | 'desc'
}

/** zunclient's `common_filters`: `all_projects=1`, `limit`, `marker`, `sort_key`, `sort_dir`, in that order. */
export function commonFilters(p: ZunPageOptions, allProjects = false): ZunQuery {
  if (p.limit !== undefined && !(Number.isInteger(p.limit) && p.limit >= 1)) {
    throw new UsageError(`--limit ${p.limit}: expected a whole number of at least 1`)
  }
  return {
    all_projects: allProjects ? '1' : undefined,
    limit: p.limit,
    marker: p.marker,
    sort_key: p.sortKey,
    sort_dir: p.sortDir,
  }
}

/** The fix printed under a 403 from one of the admin-only APIs (hosts, images, services, quota updates, quota classes). */
export const ZUN_ADMIN_HINT = "Zun's default policy allows this to admins only: use an admin cloud or profile (--os-cloud, --profile)"

/** Adds ZUN_ADMIN_HINT to a policy refusal ("Policy doesn't allow … to be performed.", 403). */
export async function adminOnly<T>(p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (error) {
    if (error instanceof ApiError && error.status === 403 && /^Policy doesn't allow /.test(error.detail)) error.actions.push(ZUN_ADMIN_HINT)
    throw error
  }
}

export async function zunGet<T>(c: ServiceClient, path: string, query?: ZunQuery): Promise<T> {
  return (await c.request('GET', path, {query, headers: {...ZUN_JSON_HEADERS}})).data as T
}

export async function zunDelete(c: ServiceClient, path: string, query?: ZunQuery): Promise<void> {
  await c.request('DELETE', path, {query, headers: {...ZUN_RAW_HEADERS}})
}

/**
 * A Zun list (`{<key>: [...], next: <url> | null}`), as zunclient reads it: without a limit, one
 * GET (the server caps it at `[api] max_limit`, 1000); with one, the `next` links are followed
 * until `limit` items have come. The server's `next` keeps only its paging keys, and zunclient
 * then drops the filters (zun-api.md §1, "Quirk"); here every key of the first query that the
 * link lacks (filters, `all_projects`) is sent again, so a limited list stays filtered.
 */
export async function listZun<T>(c: ServiceClient, path: string, key: string, query: ZunQuery, limit?: number): Promise<T[]> {
  const first = await zunGet<Record<string, unknown>>(c, path, query)
  const items = asList<T>(first?.[key])
  if (limit === undefined) return items
  const out = items.slice(0, limit)
  const seen = new Set<string>()
  let body = first
  let fresh = items.length
  while (out.length < limit && fresh > 0) {
    const next = typeof body?.next === 'string' ? body.next : undefined
    if (!next || seen.has(next)) break
    seen.add(next)
    const req = nextRequest(c, next, query)
    body = await zunGet<Record<string, unknown>>(c, req.path, req.query)
    const page = asList<T>(body?.[key])
    fresh = page.length
    out.push(...page.slice(0, limit - out.length))
  }
  return out
}

function asList<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : []
}

/** The `next` URL without scheme and host, relative to the endpoint (which already ends in `/v1`). */
export function nextRequest(c: ServiceClient, next: string, carried: ZunQuery): {path: string; query: ZunQuery} {
  const u = new URL(next, 'http://next.invalid')
  const basePath = new URL(c.baseUrl).pathname.replace(/\/+$/, '')
  let path = u.pathname
  if (basePath && (path === basePath || path.startsWith(`${basePath}/`))) path = path.slice(basePath.length)
  else path = path.replace(/^\/v1(?=\/|$)/, '')
  const query: ZunQuery = {}
  for (const [k, v] of u.searchParams) query[k] = v
  for (const [k, v] of Object.entries(carried)) {
    if (v !== undefined && k !== 'marker' && k !== 'limit' && !(k in query)) query[k] = v
  }
  return {path: path || '/', query}
}

// --- types: the image as Zun returns it ---
export interface ZunImage {
  uuid: string
  image_id: string | null
  repo: string
  tag: string | null
  size: string | number | null
  project_id?: string
  image_pull_policy?: string | null
  host?: string
  [key: string]: unknown
}

/** One `image search` hit: a Docker Hub result (`name`, `description`, `metadata`…) or a Glance image (`id`, `name`, `tags`…). */
export type ImageSearchResult = Record<string, unknown>

export interface PullImageOpts {
  /** `<image>`: the repository, with an optional `:tag`. */
  repo: string
  /** `<host>`: name or UUID of the compute host. */
  host: string
}

export interface SearchImageOpts {
  imageDriver?: string
  exactMatch?: boolean
}

// --- paths ---
/** The collection keeps zunclient's trailing slash: `/v1/images/`. */
const root = () => '/images/'
const item = (id: string) => `/images/${zunSegment('image UUID', id)}`

// --- verbs ---
export async function listImages(c: ServiceClient, p: ZunPageOptions = {}): Promise<ZunImage[]> {
  const query = commonFilters(p)
  return adminOnly(listZun<ZunImage>(c, root(), 'images', query, p.limit))
}

export async function getImage(c: ServiceClient, id: string): Promise<ZunImage> {
  const path = item(id)
  return adminOnly(zunGet<ZunImage>(c, path))
}

/** `POST /v1/images/` `{"repo", "host"}` → 202 with the image (admin only). */
export async function pullImage(c: ServiceClient, o: PullImageOpts): Promise<ZunImage> {
  const res = await adminOnly(c.request('POST', root(), {json: {repo: o.repo, host: o.host}, headers: {...ZUN_JSON_HEADERS}}))
  return res.data as ZunImage
}

/**
 * `GET /v1/images/{name}/search?[image_driver=…&]exact_match=False|True`: a bare JSON array.
 * zunclient also sends the JSON body `null` on this GET; fetch cannot send a body with a GET, and
 * the server reads nothing from it.
 */
export async function searchImages(c: ServiceClient, name: string, o: SearchImageOpts = {}): Promise<ImageSearchResult[]> {
  const query: ZunQuery = {image_driver: o.imageDriver, exact_match: pyBool(o.exactMatch ?? false)}
  return asList<ImageSearchResult>(await zunGet<unknown>(c, `/images/${zunSegment('image name', name)}/search`, query))
}

/** `DELETE /v1/images/{uuid}` → 200 `null` (admin only). */
export async function deleteImage(c: ServiceClient, id: string): Promise<void> {
  const path = item(id)
  return adminOnly(zunDelete(c, path))
}
