import type {ServiceClient} from '../../http/service-client.js'

import {ApiError, UsageError} from '../../core/errors.js'

/** A query value as `ServiceClient.url` takes it. */
export type QueryValue = string | number | undefined

/**
 * A path segment for an id. An empty id would make `/pods/`, which the real server answers with
 * an empty 500 (a trailing slash on a collection), so it is refused before anything is sent.
 */
export function idSegment(thing: string, id: string): string {
  if (id.trim() === '') throw new UsageError(`The ${thing} ID must not be empty.`)
  return encodeURIComponent(id)
}

/** python-tricircleclient sorts the query parameters by name; so do we (only those that are set). */
export function sortedQuery(q: Record<string, QueryValue>): Record<string, string | number> | undefined {
  const keys = Object.keys(q)
    .filter((k) => q[k] !== undefined)
    .sort()
  if (keys.length === 0) return undefined
  const out: Record<string, string | number> = {}
  for (const k of keys) out[k] = q[k] as string | number
  return out
}

export interface PageOptions {
  /** `--limit`: one page of at most this many items (as the python client shows). */
  limit?: number
  /** `--marker`: start after this id. */
  marker?: string
}

/**
 * Tricircle's `limit`/`marker` paging (`{<key>: [...], <key>_links: [{rel: "next", href}]}`).
 * With `limit` one page is fetched, as python-tricircleclient does. Without it every page is
 * fetched: the server's next link keeps only `limit` and `marker` and drops the filters, so the
 * filters are sent again with each page. The link may point at an empty page; a repeated
 * marker or id (SQLite's timestamp ties) ends the walk instead of looping.
 */
export async function listPages<T extends {id: string | number}>(
  c: ServiceClient,
  path: string,
  key: string,
  filters: Record<string, QueryValue>,
  page: PageOptions = {},
): Promise<T[]> {
  const first = {...filters, limit: page.limit, marker: page.marker}
  if (page.limit !== undefined) {
    const body = await c.get<Record<string, unknown>>(path, sortedQuery(first))
    return (body[key] as T[] | undefined) ?? []
  }
  const out: T[] = []
  const seenIds = new Set<string>()
  const seenMarkers = new Set<string>()
  let query: Record<string, QueryValue> | undefined = first
  while (query) {
    const body: Record<string, unknown> = await c.get<Record<string, unknown>>(path, sortedQuery(query))
    const items = (body[key] as T[] | undefined) ?? []
    let fresh = 0
    for (const item of items) {
      const id = String(item.id)
      if (seenIds.has(id)) continue
      seenIds.add(id)
      out.push(item)
      fresh++
    }
    const next = nextLink(body[`${key}_links`])
    query = undefined
    if (next && fresh > 0 && next.marker !== undefined && !seenMarkers.has(next.marker)) {
      seenMarkers.add(next.marker)
      query = {...filters, limit: next.limit, marker: next.marker}
    }
  }
  return out
}

function nextLink(links: unknown): {limit?: string; marker?: string} | undefined {
  if (!Array.isArray(links)) return undefined
  const href = (links as Array<{rel?: string; href?: string}>).find((l) => l?.rel === 'next')?.href
  if (typeof href !== 'string') return undefined
  const params = new URL(href, 'http://next.invalid').searchParams
  return {limit: params.get('limit') ?? undefined, marker: params.get('marker') ?? undefined}
}

/**
 * Tricircle's admin API answers a caller without the admin role with 401 (pods) or 403
 * (routings, jobs) and "Unauthorized to …": the hint says what would work. `hints` add one for
 * a 400 whose message matches (the valid values, say).
 */
export async function adminCall<T>(p: Promise<T>, hints: Array<[RegExp, string]> = []): Promise<T> {
  try {
    return await p
  } catch (error) {
    if (error instanceof ApiError) {
      if ((error.status === 401 || error.status === 403) && /^Unauthorized to /.test(error.detail)) {
        error.actions.push('the Tricircle admin API needs a token with the admin role: use an admin cloud or profile (--os-cloud)')
      }
      for (const [when, hint] of hints) if (error.status === 400 && when.test(error.detail)) error.actions.push(hint)
    }
    throw error
  }
}
