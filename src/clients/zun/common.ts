// What every Zun resource module shares: zunclient's headers, path segments, query shapes, the
// admin-only hint, and the list walk.

import type {ServiceClient} from '../../http/service-client.js'
import type {MarkerPage} from '../../http/paginate.js'

import {ApiError, UsageError} from '../../core/errors.js'
import {listAll, paging} from '../../http/paginate.js'

/** zunclient's `json_request` sends `Content-Type: application/json` on every call, body or not. */
export const ZUN_JSON_HEADERS: Readonly<Record<string, string>> = {'Content-Type': 'application/json'}
/** zunclient's DELETE goes through `raw_request`: `Content-Type: application/octet-stream`, no body. */
export const ZUN_RAW_HEADERS: Readonly<Record<string, string>> = {'Content-Type': 'application/octet-stream'}

/** A query as sent, in insertion order (unset keys left out): zunclient's order matters for the trace. */
export type ZunQuery = Record<string, string | number | undefined>

/** Zun's query booleans are Python's `True`/`False`. */
export function pyBool(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'True' : 'False'
}

/** `--marker`, `--limit`, `--sort-key`, `--sort-dir` of the list commands. */
export interface ZunPageOptions extends MarkerPage {
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
 * A Zun list (`{<key>: [...], next: <url> | null}`): the `next` links are followed until the list
 * ends or `limit` items have come. The server's `next` keeps only its paging keys, and zunclient
 * then drops the filters (zun-api.md §1, "Quirk"); here every key of the first query that the
 * link lacks (filters, `all_projects`) is sent again, so a limited list stays filtered.
 */
export function listZun<T>(c: ServiceClient, path: string, key: string, query: ZunQuery, limit?: number): Promise<T[]> {
  return listAll<T>(c, paging.zunNext, path, {key, query, limit, headers: {...ZUN_JSON_HEADERS}})
}

/** A body that should be a list, or an empty one. */
export function asList<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : []
}
