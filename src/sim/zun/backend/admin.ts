import {randomUUID} from 'node:crypto'

import {errors} from '../errors.js'
import {isUuidLike} from '../params.js'
import type {Caller} from '../policy.js'
import type {QuotaSet, RegistryRecord, ServiceRecord, ZunNetworkRecord, ZunState} from './state.js'

/**
 * The admin side of the backend: zun-compute services, quotas and quota classes, private
 * registries and the Docker/Kuryr network records (zun-api.md §3.19–§3.21, §6.1).
 */

// ---- services

export function findService(state: ZunState, host: string, binary: string): ServiceRecord {
  const s = state.services.find((x) => x.host === host && x.binary === binary)
  if (!s) throw errors.zunServiceNotFound(binary, host)
  return s
}

export function deleteService(state: ZunState, s: ServiceRecord): void {
  state.services.splice(state.services.indexOf(s), 1)
}

export function setServiceDisabled(s: ServiceRecord, disabled: boolean, reason: string | null, now: number): void {
  s.updatedAt = now
  s.disabled = disabled
  s.disabledReason = disabled ? reason : null
}

export function setServiceForcedDown(s: ServiceRecord, forcedDown: boolean, now: number): void {
  s.updatedAt = now
  s.forcedDown = forcedDown
}

// ---- quotas

export function setProjectQuotas(state: ZunState, projectId: string, patch: Partial<QuotaSet>): void {
  state.quotas.set(projectId, {...state.quotas.get(projectId), ...patch})
}

export function deleteProjectQuotas(state: ZunState, projectId: string): void {
  state.quotas.delete(projectId)
}

export function setClassQuotas(state: ZunState, name: string, patch: Partial<QuotaSet>): void {
  state.quotaClasses.set(name, {...state.quotaClasses.get(name), ...patch})
}

// ---- registries

export type RegistryFields = Partial<Record<'name' | 'domain' | 'username' | 'password', string>>

export function createRegistry(state: ZunState, fields: RegistryFields & {domain: string}, caller: Caller): RegistryRecord {
  const r: RegistryRecord = {
    uuid: randomUUID(),
    name: fields.name ?? '',
    domain: fields.domain,
    username: fields.username ?? null,
    password: fields.password ?? null,
    userId: caller.userId,
    projectId: caller.projectId,
    seq: state.nextSeq(),
  }
  state.registries.set(r.uuid, r)
  return r
}

/** By UUID or name among the registries the caller may see; 409 when a name is shared. */
export function findRegistry(state: ZunState, ident: string, caller: Caller): RegistryRecord {
  const scope = [...state.registries.values()].filter((r) => caller.isAdmin || r.projectId === caller.projectId)
  if (isUuidLike(ident)) {
    const r = scope.find((x) => x.uuid === ident)
    if (r) return r
  }
  const named = scope.filter((x) => x.name === ident)
  if (named.length === 1) return named[0]
  if (named.length > 1) throw errors.conflict('Multiple registries exist with same name. Please use the registry uuid instead.')
  throw errors.registryNotFound(ident)
}

export function updateRegistry(r: RegistryRecord, fields: RegistryFields): void {
  if (fields.name !== undefined) r.name = fields.name
  if (fields.domain !== undefined) r.domain = fields.domain
  if (fields.username !== undefined) r.username = fields.username
  if (fields.password !== undefined) r.password = fields.password
}

/** Containers that used it keep running without it. */
export function deleteRegistry(state: ZunState, r: RegistryRecord): void {
  state.registries.delete(r.uuid)
  for (const c of state.containers.values()) if (c.registryId === r.uuid) c.registryId = null
}

// ---- Docker/Kuryr networks

/** `POST /v1/networks`: the record of a Neutron network's Docker network (404 when Neutron has no such network). */
export async function createZunNetwork(state: ZunState, neutronNetId: string, name: string, caller: Caller): Promise<ZunNetworkRecord> {
  const net = await state.neutron.getNetwork(neutronNetId)
  if (!net) throw errors.networkNotFound(neutronNetId)
  return state.ensureZunNetwork(net.id, caller, name)
}

/** `DELETE /v1/networks/{id}` (1.27+): refused while a container uses the network. */
export function deleteZunNetwork(state: ZunState, neutronNetId: string): void {
  const rec = state.zunNetworks.get(neutronNetId)
  if (!rec) throw errors.networkNotFound(neutronNetId)
  const inUse = [...state.containers.values()].some((c) => c.attachments.some((a) => a.networkId === rec.neutronNetId))
  if (inUse) throw errors.conflict(`Network ${rec.neutronNetId} is in use by containers and cannot be deleted.`)
  state.zunNetworks.delete(rec.neutronNetId)
}
