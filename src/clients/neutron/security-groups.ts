import type {ServiceClient} from '../../http/service-client.js'
import type {TagFilters} from '../../core/tags.js'
import type {NeutronQuery} from './common.js'
import type {SecurityGroupRule} from './security-group-rules.js'

import {find} from '../../core/find.js'
import {listAll, paging} from '../../http/paginate.js'
import {tagsAfterSet} from '../../core/tags.js'
import {compact, replaceTags, tagQuery} from './common.js'

// --- types: the security group as Neutron returns it ---
export interface SecurityGroup {
  id: string
  name: string
  description: string
  project_id: string
  tenant_id?: string
  stateful?: boolean
  security_group_rules: SecurityGroupRule[]
  tags?: string[]
  [key: string]: unknown
}

export interface CreateSecurityGroupOpts {
  name: string
  description?: string
  stateful?: boolean
  project_id?: string
}

// --- paths ---
const root = () => '/security-groups'
const item = (id: string) => `/security-groups/${encodeURIComponent(id)}`

// --- verbs ---
export async function listSecurityGroups(c: ServiceClient, q?: NeutronQuery): Promise<SecurityGroup[]> {
  return listAll<SecurityGroup>(c, paging.links, root(), {key: 'security_groups', query: q})
}

export async function getSecurityGroup(c: ServiceClient, id: string): Promise<SecurityGroup> {
  return (await c.get<{security_group: SecurityGroup}>(item(id))).security_group
}

export async function createSecurityGroup(c: ServiceClient, opts: CreateSecurityGroupOpts): Promise<SecurityGroup> {
  return (await c.post<{security_group: SecurityGroup}>(root(), {security_group: opts})).security_group
}

export async function deleteSecurityGroup(c: ServiceClient, id: string): Promise<void> {
  await c.delete(item(id))
}

/** openstacksdk names the resource `SecurityGroup`: "No SecurityGroup found for x". */
export async function findSecurityGroup(c: ServiceClient, nameOrId: string): Promise<SecurityGroup> {
  return find({resource: 'SecurityGroup', get: (id) => getSecurityGroup(c, id), list: (name) => listSecurityGroups(c, {name})}, nameOrId)
}

// --- operations ---

export interface SecurityGroupCreateInput {
  name: string
  /** Defaults to the name, as in OSC. */
  description?: string
  stateful?: boolean
  projectId?: string
  tags?: string[]
  noTag?: boolean
}

/** `security group create`: create, then tag (deleting the group again if tagging fails). */
export async function securityGroupCreate(c: ServiceClient, i: SecurityGroupCreateInput): Promise<SecurityGroup> {
  const opts: CreateSecurityGroupOpts = {name: i.name, description: i.description ?? i.name}
  if (i.stateful !== undefined) opts.stateful = i.stateful
  if (i.projectId) opts.project_id = i.projectId
  const sg = await createSecurityGroup(c, opts)
  const tags = tagsAfterSet(sg.tags ?? [], i.tags, i.noTag)
  if (!tags) return sg
  try {
    return {...sg, tags: await replaceTags(c, 'security-groups', sg.id, tags)}
  } catch (error) {
    await deleteSecurityGroup(c, sg.id).catch(() => undefined)
    throw error
  }
}

export async function securityGroupDelete(c: ServiceClient, nameOrId: string): Promise<SecurityGroup> {
  const sg = await findSecurityGroup(c, nameOrId)
  await deleteSecurityGroup(c, sg.id)
  return sg
}

export interface SecurityGroupListFilters extends TagFilters {
  projectId?: string
}

export async function securityGroupList(c: ServiceClient, f: SecurityGroupListFilters): Promise<SecurityGroup[]> {
  return listSecurityGroups(c, compact({project_id: f.projectId, ...tagQuery(f)}))
}
