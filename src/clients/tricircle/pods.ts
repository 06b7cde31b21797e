import type {ServiceClient} from '../../http/service-client.js'

import {ApiError} from '../../core/errors.js'
import {listAll, paging} from '../../http/paginate.js'
import {pathSegment} from '../../http/service-client.js'
import {adminCall} from './common.js'

// --- types: the pod as Tricircle returns it ---
export interface Pod {
  pod_id: string
  region_name: string
  /** The AZ name used inside the region's own Neutron; '' for none. */
  pod_az_name: string
  dc_name: string
  /** '' for the central (top) pod. */
  az_name: string
  [key: string]: unknown
}

export interface CreatePodOpts {
  region_name: string
  /** Leave out (or '') for the central pod. */
  az_name?: string
  pod_az_name?: string
  dc_name?: string
}

// --- paths ---
const root = () => '/pods'
const item = (id: string) => `/pods/${pathSegment('pod ID', id)}`

/** `{"pod": {...}}` with the optional keys left out when empty, as python-tricircleclient sends it. */
export function podCreateBody(opts: CreatePodOpts): {pod: Record<string, string>} {
  const pod: Record<string, string> = {region_name: opts.region_name}
  for (const k of ['az_name', 'pod_az_name', 'dc_name'] as const) {
    const v = opts[k]
    if (v) pod[k] = v
  }
  return {pod}
}

// --- verbs ---
export async function listPods(c: ServiceClient): Promise<Pod[]> {
  return (await adminCall(c.get<{pods: Pod[]}>(root()))).pods ?? []
}

export async function getPod(c: ServiceClient, id: string): Promise<Pod> {
  return (await adminCall(c.get<{pod: Pod}>(item(id)))).pod
}

export async function createPod(c: ServiceClient, opts: CreatePodOpts): Promise<Pod> {
  return (await adminCall(c.post<{pod: Pod}>(root(), podCreateBody(opts)))).pod
}

/**
 * 200 `{}`. A real Tricircle (on MySQL) answers a pod that resource routings still reference with
 * an unexplained 500 "Failed to delete pod" (the foreign key refuses it): the routings of the
 * token's project that use the pod are then listed, and the hint names them.
 */
export async function deletePod(c: ServiceClient, id: string): Promise<void> {
  try {
    await adminCall(c.delete(item(id)))
  } catch (error) {
    if (error instanceof ApiError && error.status === 500) error.actions.push(await podInUseHint(c, id))
    throw error
  }
}

async function podInUseHint(c: ServiceClient, id: string): Promise<string> {
  let ids: Array<string | number>
  try {
    ids = (await listAll<{id: number}>(c, paging.marker, '/routings', {key: 'routings', query: {pod_id: id}})).map((r) => r.id)
  } catch {
    return `resource routings may still use pod ${id} (they could not be listed to check)`
  }
  if (ids.length === 0) {
    return `no resource routing of this project uses pod ${id}; routings of other projects may (the list shows only the token's project)`
  }
  return `${ids.length} resource routing(s) still use pod ${id}; delete them first: mrctl multiregion networking routing delete ${ids.join(' ')}`
}
