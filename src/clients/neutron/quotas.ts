import type {ServiceClient} from '../../http/service-client.js'

import {MrctlError} from '../../core/errors.js'
import {findProject} from '../identity/projects.js'

/** Neutron's quota set: wire names (`network`, `security_group_rule`…) to limits (-1: unlimited). */
export type NeutronQuota = Record<string, number>

// --- paths ---
const item = (projectId: string) => `/quotas/${encodeURIComponent(projectId)}`

// --- verbs ---
export async function getQuota(c: ServiceClient, projectId: string): Promise<NeutronQuota> {
  return (await c.get<{quota: NeutronQuota}>(item(projectId))).quota
}

/** Limit and use of one resource (`quota_details` extension). */
export interface NeutronQuotaDetail {
  limit: number
  used: number
  reserved: number
}

/** `GET /quotas/{project}/details`: limit, used and reserved per resource (the `quota_details` extension). */
export async function getQuotaDetails(c: ServiceClient, projectId: string): Promise<Record<string, NeutronQuotaDetail>> {
  return (await c.get<{quota: Record<string, NeutronQuotaDetail>}>(`${item(projectId)}/details`)).quota
}

/** `PUT /quotas/{project}` with the wire names to change → the project's new limits (admin only). */
export async function updateQuota(c: ServiceClient, projectId: string, limits: NeutronQuota): Promise<NeutronQuota> {
  return (await c.put<{quota: NeutronQuota}>(item(projectId), {quota: limits})).quota
}

export async function getQuotaDefault(c: ServiceClient, projectId: string): Promise<NeutronQuota> {
  return (await c.get<{quota: NeutronQuota}>(`${item(projectId)}/default`)).quota
}

// --- operations ---

export interface QuotaShowResult {
  project: {id: string; name: string | null}
  quota: NeutronQuota
  /** The defaults (`--default`), not the project's own limits. */
  defaults: boolean
}

/**
 * `quota show [<project>] [--default]`, network part: the project is resolved in Keystone
 * (`identity`), or is the token's own project when none is given, as OSC does.
 */
export async function quotaShow(
  network: ServiceClient,
  identity: ServiceClient,
  opts: {project?: string; defaults?: boolean; current: {id?: string; name?: string}},
): Promise<QuotaShowResult> {
  let project: {id: string; name: string | null}
  if (opts.project) {
    const p = await findProject(identity, opts.project)
    project = {id: p.id, name: p.name}
  } else if (opts.current.id) {
    project = {id: opts.current.id, name: opts.current.name ?? null}
  } else {
    throw new MrctlError('the token is not scoped to a project; name one: quota show <project>')
  }
  const quota = opts.defaults ? await getQuotaDefault(network, project.id) : await getQuota(network, project.id)
  return {project, quota, defaults: Boolean(opts.defaults)}
}
