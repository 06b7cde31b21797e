import type {Session} from '../auth/session.js'
import type {ServiceClient} from '../http/service-client.js'

import {ApiError, UsageError} from '../core/errors.js'
import {fanout} from './fanout.js'
import {serviceRegions} from './region-targets.js'

/** The services whose quotas mrctl reads and sets, by catalog type. */
export type QuotaService = 'network' | 'container' | 'load-balancer'
export const QUOTA_SERVICES: QuotaService[] = ['network', 'container', 'load-balancer']

/** One quota resource: the name mrctl shows and takes, its service, and its name on the wire. */
export interface QuotaResource {
  name: string
  service: QuotaService
  wire: string
  /** Other names accepted for it (Neutron's and Kingbird's wire names). */
  aliases: string[]
}

/**
 * The resources of `quota show --all-regions` and the global limits. Neutron's names are those
 * `openstack quota show` prints; Zun's and Octavia's are their own.
 */
export const QUOTA_RESOURCES: QuotaResource[] = [
  {name: 'networks', service: 'network', wire: 'network', aliases: []},
  {name: 'subnets', service: 'network', wire: 'subnet', aliases: []},
  {name: 'ports', service: 'network', wire: 'port', aliases: []},
  {name: 'routers', service: 'network', wire: 'router', aliases: []},
  {name: 'floating-ips', service: 'network', wire: 'floatingip', aliases: ['floatingips']},
  {name: 'secgroups', service: 'network', wire: 'security_group', aliases: ['security-groups']},
  {name: 'secgroup-rules', service: 'network', wire: 'security_group_rule', aliases: ['security-group-rules']},
  {name: 'containers', service: 'container', wire: 'containers', aliases: []},
  {name: 'cpu', service: 'container', wire: 'cpu', aliases: []},
  {name: 'memory', service: 'container', wire: 'memory', aliases: []},
  {name: 'disk', service: 'container', wire: 'disk', aliases: []},
  {name: 'load-balancers', service: 'load-balancer', wire: 'load_balancer', aliases: ['loadbalancers', 'loadbalancer']},
  {name: 'listeners', service: 'load-balancer', wire: 'listener', aliases: []},
  {name: 'pools', service: 'load-balancer', wire: 'pool', aliases: []},
  {name: 'members', service: 'load-balancer', wire: 'member', aliases: []},
]

const norm = (s: string) => s.trim().toLowerCase().replaceAll('_', '-')

/** A resource by its name, its wire name or an alias (`-` and `_` alike); undefined when unknown. */
export function findQuotaResource(name: string): QuotaResource | undefined {
  const n = norm(name)
  return QUOTA_RESOURCES.find((r) => [r.name, r.wire, ...r.aliases].some((x) => norm(x) === n))
}

/** Like findQuotaResource, or a usage error listing the names there are. */
export function requireQuotaResource(name: string): QuotaResource {
  const r = findQuotaResource(name)
  if (!r) {
    throw new UsageError(`unknown quota resource '${name}'`, [`known resources: ${QUOTA_RESOURCES.map((x) => x.name).join(', ')}`])
  }
  return r
}

/** The limit (-1: unlimited) and use of one resource in one region. */
export interface Usage {
  limit: number
  inUse: number
}

/** One region's quotas for one service, by resource name (`networks`…). */
export type ServiceUsage = Record<string, Usage>

export interface RegionUsage {
  region: string
  service: QuotaService
  /** Absent when the region failed (then `error` says why). */
  usage?: ServiceUsage
  error?: Error
}

const resourcesOf = (service: QuotaService) => QUOTA_RESOURCES.filter((r) => r.service === service)

/**
 * Limits and use of every quota resource of `services`, in every region that offers them (or in
 * the `regions` asked, among those), all regions and services in parallel. A region that fails
 * is returned with its error, never thrown.
 */
export async function gatherUsage(
  session: Session,
  opts: {projectId: string; services?: QuotaService[]; regions?: string[]},
): Promise<RegionUsage[]> {
  const services = opts.services ?? QUOTA_SERVICES
  const pairs: Array<{region: string; service: QuotaService}> = []
  for (const service of services) {
    for (const region of await serviceRegions(session, service, opts.regions)) pairs.push({region, service})
  }
  await session.tokenData()
  const results = await fanout(
    pairs.map((_, i) => String(i)),
    async (i) => readUsage(session, pairs[Number(i)].service, pairs[Number(i)].region, opts.projectId),
  )
  return results.map((r, i) => ({...pairs[i], ...(r.ok ? {usage: r.value} : {error: r.error})}))
}

/** One service's quotas in one region. */
export async function readUsage(session: Session, service: QuotaService, region: string, projectId: string): Promise<ServiceUsage> {
  if (service === 'network') return neutronUsage(await session.client('network', region), projectId)
  if (service === 'load-balancer') return octaviaUsage(await session.client('load-balancer', region), projectId)
  const [{zunClient}, {getQuota}] = await Promise.all([import('../clients/zun/client.js'), import('../clients/zun/quotas.js')])
  const quota = await getQuota(await zunClient(session, region), projectId, true)
  const out: ServiceUsage = {}
  for (const r of resourcesOf('container')) {
    const q = quota[r.wire] as {limit?: number; in_use?: number} | undefined
    if (q && typeof q === 'object') out[r.name] = {limit: Number(q.limit ?? -1), inUse: Number(q.in_use ?? 0)}
  }
  return out
}

/**
 * Neutron: `quotas/{p}/details` (one call). A Neutron without the `quota_details` extension
 * answers 404: then its limits, and a count of each resource listed by project.
 */
async function neutronUsage(c: ServiceClient, projectId: string): Promise<ServiceUsage> {
  const {getQuota, getQuotaDetails} = await import('../clients/neutron/quotas.js')
  const out: ServiceUsage = {}
  try {
    const details = await getQuotaDetails(c, projectId)
    for (const r of resourcesOf('network')) {
      const d = details[r.wire]
      if (d) out[r.name] = {limit: d.limit, inUse: d.used}
    }
    return out
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error
  }
  const {listAll, paging} = await import('../http/paginate.js')
  const limits = await getQuota(c, projectId)
  const collections: Record<string, string> = {
    network: 'networks', subnet: 'subnets', port: 'ports', router: 'routers', floatingip: 'floatingips',
    security_group: 'security-groups', security_group_rule: 'security-group-rules',
  }
  await Promise.all(
    resourcesOf('network').map(async (r) => {
      const collection = collections[r.wire]
      const items = await listAll(c, paging.links, `/${collection}`, {key: collection.replaceAll('-', '_'), query: {project_id: projectId, fields: 'id'}})
      out[r.name] = {limit: limits[r.wire] ?? -1, inUse: items.length}
    }),
  )
  return Object.fromEntries(resourcesOf('network').filter((r) => out[r.name]).map((r) => [r.name, out[r.name]]))
}

/** Octavia: the quota, and the project's load balancers, listeners and pools (members counted from their pools). */
async function octaviaUsage(c: ServiceClient, projectId: string): Promise<ServiceUsage> {
  const [{getOctaviaQuota}, {listLoadBalancers}, {listListeners}, {listPools}] = await Promise.all([
    import('../clients/octavia/quotas.js'),
    import('../clients/octavia/loadbalancers.js'),
    import('../clients/octavia/listeners.js'),
    import('../clients/octavia/pools.js'),
  ])
  const q = {project_id: projectId, fields: 'id'}
  const [quota, lbs, listeners, pools] = await Promise.all([
    getOctaviaQuota(c, projectId),
    listLoadBalancers(c, q),
    listListeners(c, q),
    listPools(c, {project_id: projectId, fields: ['id', 'members']}),
  ])
  const limit = (...keys: string[]) => {
    for (const k of keys) if (typeof quota[k] === 'number') return quota[k] as number
    return -1
  }
  const members = pools.reduce((n, p) => n + (Array.isArray(p.members) ? p.members.length : 0), 0)
  return {
    'load-balancers': {limit: limit('load_balancer', 'loadbalancer'), inUse: lbs.length},
    listeners: {limit: limit('listener'), inUse: listeners.length},
    pools: {limit: limit('pool'), inUse: pools.length},
    members: {limit: limit('member'), inUse: members},
  }
}

/** Sums of limits and use per resource over regions; any unlimited region makes the total unlimited. */
export function totalUsage(rows: RegionUsage[]): ServiceUsage {
  const out: ServiceUsage = {}
  for (const r of QUOTA_RESOURCES) {
    const mine = rows.filter((x) => x.usage?.[r.name]).map((x) => x.usage![r.name])
    if (mine.length === 0) continue
    out[r.name] = {
      limit: mine.some((u) => u.limit < 0) ? -1 : mine.reduce((n, u) => n + u.limit, 0),
      inUse: mine.reduce((n, u) => n + u.inUse, 0),
    }
  }
  return out
}
