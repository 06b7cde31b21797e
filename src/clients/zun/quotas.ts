import type {ServiceClient} from '../../http/service-client.js'

import {pathSegment} from '../../http/service-client.js'
import {UsageError} from '../../core/errors.js'
import {adminOnly, ZUN_JSON_HEADERS, zunDelete, zunGet} from './common.js'

// --- types: a quota set as Zun returns it (`-1` means unlimited) ---
export interface QuotaUsage {
  limit: number
  in_use: number
}

/** `{containers, memory, cpu, disk}`: numbers, or `{limit, in_use}` with `?usages=True`. */
export type QuotaSet = Record<string, number | QuotaUsage | unknown>

/** `--containers`, `--memory` (MiB), `--cpu`, `--disk` (GiB) of `quota update` and `quota class update`. */
export interface QuotaUpdateOpts {
  containers?: number | string
  memory?: number | string
  cpu?: number | string
  disk?: number | string
}

/**
 * The PUT body of `quota update` and `quota class update`: only the limits given, in zunclient's
 * order (cpu, memory, containers, disk) and as strings, as it sends them. Each must be a whole
 * number of at least -1 (the server's schema); anything else is refused before the call.
 */
export function quotaUpdateBody(o: QuotaUpdateOpts): Record<string, string> {
  const body: Record<string, string> = {}
  for (const k of ['cpu', 'memory', 'containers', 'disk'] as const) {
    const v = o[k]
    if (v === undefined) continue
    const text = String(v).trim()
    if (!/^-?\d+$/.test(text) || Number(text) < -1) {
      throw new UsageError(`--${k} ${String(v)}: expected a whole number, or -1 for unlimited`)
    }
    body[k] = String(Number(text))
  }
  return body
}

// --- paths ---
const item = (project: string) => `/quotas/${pathSegment('project ID', project)}`

// --- verbs ---
/** `GET /v1/quotas/{project}`, with `?usages=True` for `{limit, in_use}` pairs (admin, or the project's own). */
export async function getQuota(c: ServiceClient, project: string, usages = false): Promise<QuotaSet> {
  return zunGet<QuotaSet>(c, item(project), usages ? {usages: 'True'} : undefined)
}

export async function getDefaultQuota(c: ServiceClient, project: string): Promise<QuotaSet> {
  return zunGet<QuotaSet>(c, `${item(project)}/defaults`)
}

/** `PUT /v1/quotas/{project}` → the new limits (admin only). */
export async function updateQuota(c: ServiceClient, project: string, o: QuotaUpdateOpts): Promise<QuotaSet> {
  const path = item(project)
  const json = quotaUpdateBody(o)
  return (await adminOnly(c.request('PUT', path, {json, headers: {...ZUN_JSON_HEADERS}}))).data as QuotaSet
}

/** `DELETE /v1/quotas/{project}` → 200 `null`: the project falls back to the default class (admin only). */
export async function deleteQuota(c: ServiceClient, project: string): Promise<void> {
  const path = item(project)
  return adminOnly(zunDelete(c, path))
}
