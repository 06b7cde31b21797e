// Keystone project lookup for the Neutron commands' `--project` and `quota show <project>`.
// It is an identity call; it lives here only because src/clients/identity/ belongs to another
// part of the code base. Move it there when that folder grows a projects module.

import type {ServiceClient} from '../../http/service-client.js'

import {AmbiguousError, ApiError, NotFoundError} from '../../core/errors.js'

export interface Project {
  id: string
  name: string
  domain_id?: string
  [key: string]: unknown
}

/**
 * osc-lib `find_resource` on projects: GET by ID, then `?name=`, with osc-lib's messages.
 * `identity` is the Keystone v3 client (`session.identityClient()`).
 */
export async function findProject(identity: ServiceClient, nameOrId: string): Promise<Project> {
  try {
    return (await identity.get<{project: Project}>(`/projects/${encodeURIComponent(nameOrId)}`)).project
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 403)) throw error
  }
  const {projects} = await identity.get<{projects: Project[]}>('/projects', {name: nameOrId})
  const matches = projects.filter((p) => p.name === nameOrId)
  if (matches.length === 1) return matches[0]
  if (matches.length === 0) throw new NotFoundError(`No project with a name or ID of '${nameOrId}' exists.`, 'project')
  throw new AmbiguousError(
    `More than one project exists with the name '${nameOrId}': ${matches.map((m) => m.id).join(', ')}`,
    matches.map((m) => m.id),
  )
}
