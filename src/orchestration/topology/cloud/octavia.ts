import type {ServiceClient} from '../../../http/service-client.js'
import type {ObservedResource} from '../model.js'
import type {ListenerDoc, PoolDoc} from '../schema.js'

import {
  createListener,
  createLoadBalancer,
  createMember,
  createPool,
  deleteListener,
  deleteLoadBalancer,
  deleteMember,
  deletePool,
  getListener,
  getLoadBalancer,
  getMember,
  getPool,
  listListeners,
  listLoadBalancers,
  listMembers,
  listPools,
  updateLoadBalancer,
  updateMember,
} from '../../../clients/octavia/index.js'
import {createUnderLoadBalancer, Deadline, deleteUnderLoadBalancer, updateUnderLoadBalancer, waitForLoadBalancerActive} from '../../lb-wait.js'
import {markOfTags, markTag, resourceKey, tagsWithMark} from '../model.js'

/** Every call the topology makes to Octavia. Changes under a load balancer wait for it to be ACTIVE again. */

const TIMING = {minDelayMs: 250, maxDelayMs: 1000}
const deadline = (at: number) => new Deadline(Math.max(1, at - Date.now()))

/**
 * The load balancers, listeners and pools of a region (three lists), and the members of the pools
 * of load balancers that the topology names or marked (one list per such pool).
 */
export async function observeOctavia(c: ServiceClient, region: string, projectId: string, lbNames: Set<string>, topology: string): Promise<ObservedResource[]> {
  const q = projectId ? {project_id: projectId} : undefined
  const [lbs, listeners, pools] = await Promise.all([listLoadBalancers(c, q), listListeners(c, q), listPools(c, q)])
  const lbName = new Map(lbs.map((l) => [l.id, l.name]))
  const fp = (x: {id: string; updated_at: string | null; provisioning_status: string}) =>
    `${x.id}@${x.updated_at ?? ''}/${x.provisioning_status === 'ERROR' ? 'ERROR' : ''}`
  const out: ObservedResource[] = lbs.map((l) => ({
    key: resourceKey('loadbalancer', region, l.name),
    kind: 'loadbalancer' as const,
    region,
    name: l.name,
    id: l.id,
    mark: markOfTags(l.tags),
    fingerprint: fp(l),
    refs: [l.vip_subnet_id],
    attrs: {vip_subnet_id: l.vip_subnet_id, provisioning_status: l.provisioning_status, operating_status: l.operating_status, vip_address: l.vip_address, tags: l.tags},
  }))
  for (const l of listeners) {
    const lb = l.loadbalancers[0]?.id ?? ''
    const name = `${lbName.get(lb) ?? lb}/${l.name}`
    out.push({
      key: resourceKey('listener', region, name),
      kind: 'listener',
      region,
      name,
      id: l.id,
      mark: markOfTags(l.tags),
      fingerprint: fp(l),
      refs: [lb],
      attrs: {protocol: l.protocol, protocol_port: l.protocol_port, default_pool_id: l.default_pool_id, loadbalancer_id: lb, provisioning_status: l.provisioning_status},
    })
  }
  const memberPools: Array<{id: string; name: string; lb: string}> = []
  for (const p of pools) {
    const lb = p.loadbalancers[0]?.id ?? ''
    const name = `${lbName.get(lb) ?? lb}/${p.name}`
    const mark = markOfTags(p.tags)
    out.push({
      key: resourceKey('pool', region, name),
      kind: 'pool',
      region,
      name,
      id: p.id,
      mark,
      fingerprint: fp(p),
      refs: [lb, ...p.listeners.map((x) => x.id)],
      attrs: {protocol: p.protocol, lb_algorithm: p.lb_algorithm, listener_ids: p.listeners.map((x) => x.id), loadbalancer_id: lb, provisioning_status: p.provisioning_status},
    })
    if (mark === topology || lbNames.has(lbName.get(lb) ?? '')) memberPools.push({id: p.id, name, lb})
  }
  const members = await Promise.all(memberPools.map(async (p) => ({p, list: await listMembers(c, p.id)})))
  for (const {p, list} of members) {
    for (const m of list) {
      const name = `${p.name}/${m.name || `${m.address}:${m.protocol_port}`}`
      out.push({
        key: resourceKey('member', region, name),
        kind: 'member',
        region,
        name,
        id: m.id,
        mark: markOfTags(m.tags),
        fingerprint: fp(m),
        refs: [p.id, ...(m.subnet_id ? [m.subnet_id] : [])],
        attrs: {
          address: m.address,
          protocol_port: m.protocol_port,
          subnet_id: m.subnet_id,
          weight: m.weight,
          pool_id: p.id,
          loadbalancer_id: p.lb,
          provisioning_status: m.provisioning_status,
          operating_status: m.operating_status,
        },
      })
    }
  }
  return out
}

export async function makeLoadBalancer(c: ServiceClient, name: string, vipSubnetId: string, topology: string, deadlineAt: number, signal?: AbortSignal): Promise<{id: string; vip_address: string}> {
  const lb = await createLoadBalancer(c, {name, vip_subnet_id: vipSubnetId, tags: [markTag(topology)]})
  const active = await waitForLoadBalancerActive(c, lb.id, deadline(deadlineAt), {...TIMING, signal, context: `load balancer ${name} (${lb.id}) was created`})
  return {id: lb.id, vip_address: active.vip_address}
}

/** A listener, pool or member made under a load balancer: retried while it is busy, never twice, then waited ACTIVE again. */
async function createChild<T extends {id: string}>(
  c: ServiceClient,
  lbId: string,
  what: string,
  calls: {create: () => Promise<T>; candidates: () => Promise<T[]>; refetch: (id: string) => Promise<T>},
  deadlineAt: number,
  signal?: AbortSignal,
): Promise<{id: string}> {
  const res = await createUnderLoadBalancer(c, {lbId, wait: true, deadline: deadline(deadlineAt), what, timing: {...TIMING, signal}, ...calls})
  return {id: res.value.id}
}

export async function makeListener(c: ServiceClient, lbId: string, l: ListenerDoc, topology: string, deadlineAt: number, signal?: AbortSignal): Promise<{id: string}> {
  return createChild(
    c,
    lbId,
    `listener ${l.name}`,
    {
      create: () => createListener(c, {loadbalancer_id: lbId, name: l.name, protocol: l.protocol, protocol_port: l.port, tags: [markTag(topology)]}),
      candidates: async () => (await listListeners(c, {loadbalancer_id: lbId})).filter((x) => x.name === l.name),
      refetch: (id) => getListener(c, id),
    },
    deadlineAt,
    signal,
  )
}

export async function makePool(
  c: ServiceClient,
  at: {lbId: string; listenerId?: string},
  p: PoolDoc,
  topology: string,
  deadlineAt: number,
  signal?: AbortSignal,
): Promise<{id: string}> {
  const parent = at.listenerId ? {listener_id: at.listenerId} : {loadbalancer_id: at.lbId}
  return createChild(
    c,
    at.lbId,
    `pool ${p.name}`,
    {
      create: () => createPool(c, {name: p.name, protocol: p.protocol, lb_algorithm: p.lb_algorithm, ...parent, tags: [markTag(topology)]}),
      candidates: async () => (await listPools(c, {loadbalancer_id: at.lbId})).filter((x) => x.name === p.name),
      refetch: (id) => getPool(c, id),
    },
    deadlineAt,
    signal,
  )
}

export async function makeMember(
  c: ServiceClient,
  at: {lbId: string; poolId: string},
  m: {name: string; address: string; port: number; subnetId: string; weight?: number},
  topology: string,
  deadlineAt: number,
  signal?: AbortSignal,
): Promise<{id: string}> {
  const weight = m.weight === undefined ? {} : {weight: m.weight}
  return createChild(
    c,
    at.lbId,
    `member ${m.address}:${m.port}`,
    {
      create: () => createMember(c, at.poolId, {name: m.name, address: m.address, protocol_port: m.port, subnet_id: m.subnetId, ...weight, tags: [markTag(topology)]}),
      candidates: async () => (await listMembers(c, at.poolId)).filter((x) => x.address === m.address && x.protocol_port === m.port),
      refetch: (id) => getMember(c, at.poolId, id),
    },
    deadlineAt,
    signal,
  )
}

/** Adds the mark to a load balancer or member that exists (--adopt). */
export async function markOctavia(
  c: ServiceClient,
  kind: 'loadbalancer' | 'member',
  ids: {id: string; lbId: string; poolId?: string},
  tags: string[],
  topology: string,
  deadlineAt: number,
): Promise<void> {
  const next = tagsWithMark(tags, topology)
  await updateUnderLoadBalancer(c, {
    lbId: ids.lbId,
    wait: true,
    deadline: deadline(deadlineAt),
    update: async (): Promise<unknown> =>
      kind === 'loadbalancer' ? updateLoadBalancer(c, ids.id, {tags: next}) : updateMember(c, ids.poolId!, ids.id, {tags: next}),
    what: `${kind} ${ids.id}`,
    timing: TIMING,
  })
}

/** Deletes a load balancer with everything under it (cascade), or one listener, pool or member; waits until it is gone. */
export async function removeOctavia(
  c: ServiceClient,
  kind: 'loadbalancer' | 'listener' | 'pool' | 'member',
  ids: {id: string; lbId: string; poolId?: string},
  deadlineAt: number,
  signal?: AbortSignal,
): Promise<void> {
  const ops = {
    loadbalancer: {del: () => deleteLoadBalancer(c, ids.id, {cascade: true}), get: () => getLoadBalancer(c, ids.id)},
    listener: {del: () => deleteListener(c, ids.id), get: () => getListener(c, ids.id)},
    pool: {del: () => deletePool(c, ids.id), get: () => getPool(c, ids.id)},
    member: {del: () => deleteMember(c, ids.poolId!, ids.id), get: () => getMember(c, ids.poolId!, ids.id)},
  }[kind]
  await deleteUnderLoadBalancer(c, {
    lbId: ids.lbId,
    wait: true,
    deadline: deadline(deadlineAt),
    del: async () => {
      try {
        await ops.del()
      } catch (error) {
        if ((error as {status?: number}).status === 404) return
        throw error
      }
    },
    get: ops.get,
    what: `${kind} ${ids.id}`,
    isLoadBalancer: kind === 'loadbalancer',
    timing: {...TIMING, signal},
  })
}
