import type {ServiceClient} from '../../http/service-client.js'

import {adminCall, idSegment} from './common.js'

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
const item = (id: string) => `/pods/${idSegment('pod', id)}`

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

/** 200 `{}`. */
export async function deletePod(c: ServiceClient, id: string): Promise<void> {
  await adminCall(c.delete(item(id)))
}
