import type {ServiceClient} from '../../http/service-client.js'
import type {OctaviaQuery} from './loadbalancers.js'

import {listAll, paging} from '../../http/paginate.js'
import {find} from '../../core/find.js'
import {OCTAVIA_LOOKUP} from './find.js'

// --- types: a member of one pool ---
export interface Member {
  id: string
  name: string
  address: string
  protocol_port: number
  subnet_id: string | null
  weight: number
  backup: boolean
  admin_state_up: boolean
  monitor_address: string | null
  monitor_port: number | null
  provisioning_status: string
  operating_status: string
  project_id: string
  tags: string[]
  created_at: string
  updated_at: string | null
  [key: string]: unknown
}

export interface CreateMemberOpts {
  address: string
  protocol_port: number
  subnet_id?: string
  name?: string
  weight?: number
  backup?: boolean
  admin_state_up?: boolean
  monitor_address?: string
  monitor_port?: number
  tags?: string[]
}

export interface UpdateMemberOpts {
  name?: string
  weight?: number
  backup?: boolean
  admin_state_up?: boolean
  monitor_address?: string
  monitor_port?: number
  tags?: string[]
}

// --- paths ---
const root = (poolId: string) => `/lbaas/pools/${encodeURIComponent(poolId)}/members`
const item = (poolId: string, id: string) => `${root(poolId)}/${encodeURIComponent(id)}`

// --- verbs ---
export async function listMembers(c: ServiceClient, poolId: string, q?: OctaviaQuery): Promise<Member[]> {
  return listAll<Member>(c, paging.links, root(poolId), {key: 'members', query: q})
}

export async function getMember(c: ServiceClient, poolId: string, id: string): Promise<Member> {
  return (await c.get<{member: Member}>(item(poolId, id))).member
}

export async function createMember(c: ServiceClient, poolId: string, opts: CreateMemberOpts): Promise<Member> {
  return (await c.post<{member: Member}>(root(poolId), {member: opts})).member
}

export async function updateMember(c: ServiceClient, poolId: string, id: string, opts: UpdateMemberOpts): Promise<Member> {
  return (await c.put<{member: Member}>(item(poolId, id), {member: opts})).member
}

export async function deleteMember(c: ServiceClient, poolId: string, id: string): Promise<void> {
  await c.delete(item(poolId, id))
}

/** A member of `poolId` by name or ID ("Unable to locate <x> in members"). */
export async function findMember(c: ServiceClient, poolId: string, nameOrId: string): Promise<Member> {
  return find({resource: 'members', get: (id) => getMember(c, poolId, id), list: (name) => listMembers(c, poolId, {name}), ...OCTAVIA_LOOKUP}, nameOrId)
}
