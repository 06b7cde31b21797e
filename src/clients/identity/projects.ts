import type {ServiceClient} from '../../http/service-client.js'

import {find, findMessages} from '../../core/find.js'

export interface Project {
  id: string
  name: string
  domain_id?: string
  [key: string]: unknown
}

export async function getProject(identity: ServiceClient, id: string): Promise<Project> {
  return (await identity.get<{project: Project}>(`/projects/${encodeURIComponent(id)}`)).project
}

export async function listProjects(identity: ServiceClient, query: {name?: string} = {}): Promise<Project[]> {
  return (await identity.get<{projects: Project[]}>('/projects', query)).projects
}

/**
 * osc-lib `find_resource` on projects (the `--project` of the Neutron commands, `quota show
 * <project>`): GET by ID, then `?name=`, with osc-lib's messages. `identity` is the Keystone v3
 * client (`session.identityClient()`).
 */
export async function findProject(identity: ServiceClient, nameOrId: string): Promise<Project> {
  const spec = {resource: 'project', get: (id: string) => getProject(identity, id), list: (name: string) => listProjects(identity, {name}), messages: findMessages.oscLib}
  return find(spec, nameOrId)
}
