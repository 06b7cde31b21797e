import type {ServiceClient} from '../../../http/service-client.js'
import type {ObservedResource} from '../model.js'
import type {SubnetDoc} from '../schema.js'

import {createNetwork, deleteNetwork, listNetworks} from '../../../clients/neutron/networks.js'
import {replaceTags} from '../../../clients/neutron/common.js'
import {createSubnet, deleteSubnet, listSubnets, updateSubnet} from '../../../clients/neutron/subnets.js'
import {ApiError} from '../../../core/errors.js'
import {waitFor} from '../../../http/wait.js'
import {markOfTags, markTag, resourceKey, tagsWithMark} from '../model.js'
import {parseCidr} from '../../../clients/neutron/input.js'

/** Every call the topology makes to Neutron (the central region's). */


/** The networks and subnets of a region: two lists. */
export async function observeNeutron(c: ServiceClient, region: string, projectId: string): Promise<ObservedResource[]> {
  const [networks, subnets] = await Promise.all([listNetworks(c), listSubnets(c)])
  const foreign = (p?: string) => Boolean(projectId && p && p !== projectId)
  const out: ObservedResource[] = networks.map((n) => ({
    key: resourceKey('network', region, n.name),
    kind: 'network',
    region,
    name: n.name,
    id: n.id,
    foreign: foreign(n.project_id ?? n.tenant_id),
    mark: markOfTags(n.tags),
    fingerprint: `${n.id}@${n.revision_number ?? n.updated_at ?? ''}`,
    refs: [],
    attrs: {availability_zone_hints: n.availability_zone_hints ?? [], tags: n.tags ?? []},
  }))
  for (const s of subnets) {
    out.push({
      key: resourceKey('subnet', region, s.name),
      kind: 'subnet',
      region,
      name: s.name,
      id: s.id,
      foreign: foreign(s.project_id ?? (s as {tenant_id?: string}).tenant_id),
      mark: markOfTags(s.tags as string[] | undefined),
      fingerprint: `${s.id}@${s.revision_number ?? s.updated_at ?? ''}`,
      refs: [s.network_id],
      attrs: {
        cidr: s.cidr,
        network_id: s.network_id,
        gateway_ip: s.gateway_ip ?? null,
        enable_dhcp: s.enable_dhcp,
        allocation_pools: s.allocation_pools,
        dns_nameservers: s.dns_nameservers,
        tags: s.tags ?? [],
      },
    })
  }
  return out
}

export async function makeNetwork(c: ServiceClient, name: string, topology: string, azHints: string[]): Promise<{id: string}> {
  const net = await createNetwork(c, {name, ...(azHints.length ? {availability_zone_hints: azHints} : {})})
  await markOrUndo(c, 'networks', net.id, [markTag(topology)], () => deleteNetwork(c, net.id))
  return {id: net.id}
}

export async function makeSubnet(c: ServiceClient, s: SubnetDoc, networkId: string, topology: string): Promise<{id: string}> {
  const version = s.ip_version ?? parseCidr(s.cidr)?.version ?? 4
  const subnet = await createSubnet(c, {
    name: s.name,
    network_id: networkId,
    cidr: s.cidr,
    ip_version: version,
    ...(s.gateway !== undefined ? {gateway_ip: s.gateway} : {}),
    enable_dhcp: s.dhcp,
    ...(s.allocation_pools ? {allocation_pools: s.allocation_pools} : {}),
    ...(s.dns_nameservers ? {dns_nameservers: s.dns_nameservers} : {}),
  })
  await markOrUndo(c, 'subnets', subnet.id, [markTag(topology)], () => deleteSubnet(c, subnet.id))
  return {id: subnet.id}
}

export async function changeSubnet(c: ServiceClient, id: string, s: SubnetDoc): Promise<void> {
  await updateSubnet(c, id, {
    ...(s.gateway !== undefined ? {gateway_ip: s.gateway} : {}),
    enable_dhcp: s.dhcp,
    ...(s.allocation_pools ? {allocation_pools: s.allocation_pools} : {}),
    ...(s.dns_nameservers ? {dns_nameservers: s.dns_nameservers} : {}),
  })
}

/** Adds the mark to a network or subnet that exists (--adopt). */
export async function markNeutron(c: ServiceClient, collection: 'networks' | 'subnets', id: string, tags: string[], topology: string): Promise<void> {
  await replaceTags(c, collection, id, tagsWithMark(tags, topology))
}

/**
 * Deletes a network or subnet; one that is gone already counts as deleted. A 409 for ports still
 * on it is retried for a while: the ports of containers just deleted are released after them.
 */
export async function removeNeutron(c: ServiceClient, kind: 'network' | 'subnet', id: string, deadlineAt = Date.now() + 30_000, signal?: AbortSignal): Promise<void> {
  const attempt = async (): Promise<ApiError | undefined> => {
    try {
      await (kind === 'network' ? deleteNetwork(c, id) : deleteSubnet(c, id))
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined
      if (error instanceof ApiError && error.status === 409) return error
      throw error
    }
    return undefined
  }
  let last = await attempt()
  if (!last) return
  const until = Math.min(deadlineAt, Date.now() + 30_000)
  try {
    await waitFor(async () => (last = await attempt()), {until: (e) => e === undefined, what: `${kind} ${id} to be deleted`, timeoutMs: until - Date.now(), minDelayMs: 500, maxDelayMs: 2000, signal})
  } catch (error) {
    if (last) throw last
    throw error
  }
}

/** Neutron takes no tags in a POST: tag in a second call, and delete again if that fails (nothing unmarked is left). */
async function markOrUndo(c: ServiceClient, collection: string, id: string, tags: string[], undo: () => Promise<void>): Promise<void> {
  try {
    await replaceTags(c, collection, id, tags)
  } catch (error) {
    await undo().catch(() => undefined)
    throw error
  }
}
