import type {ServiceClient} from '../../http/service-client.js'

/**
 * Octavia's quota set: `load_balancer`, `listener`, `pool`, `member`, `health_monitor`, `l7policy`,
 * `l7rule` (-1: unlimited). Older servers also send the deprecated `loadbalancer` and
 * `healthmonitor`; a null means "the default", which the server fills in on GET.
 */
export type OctaviaQuota = Record<string, number | null>

// --- paths ---
const item = (projectId: string) => `/lbaas/quotas/${encodeURIComponent(projectId)}`

// --- verbs ---
export async function getOctaviaQuota(c: ServiceClient, projectId: string): Promise<OctaviaQuota> {
  return (await c.get<{quota: OctaviaQuota}>(item(projectId))).quota
}

/** `PUT /v2/lbaas/quotas/{project}` → the new quota (admin only). */
export async function updateOctaviaQuota(c: ServiceClient, projectId: string, limits: Record<string, number>): Promise<OctaviaQuota> {
  return (await c.put<{quota: OctaviaQuota}>(item(projectId), {quota: limits})).quota
}
