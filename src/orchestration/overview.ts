import type {Session} from '../auth/session.js'
import type {NeutronQuery} from '../clients/neutron/common.js'
import type {ServiceClient} from '../http/service-client.js'
import type {ServiceUsage} from './quota-usage.js'

import {fanout} from './fanout.js'
import {QUOTA_RESOURCES} from './quota-usage.js'
import {cloudRegions, serviceRegions} from './region-targets.js'

/**
 * `mrctl overview`: the multisite requirement's "summarized view of the total resource capacity and
 * the live utilization", per region and in total. Every read is one list call per resource type
 * and region (or a quota read), and all of them run at once; each is timed, and the quickest call
 * of a service in a region is its latency there.
 */

export interface Counted {
  total: number
  /** Counts per value (status, format…). */
  by: Record<string, Record<string, number>>
}

export interface OverviewRegion {
  region: string
  networks?: number
  subnets?: number
  ports?: number
  routers?: number
  securityGroups?: number
  /** By `status` and `disk_format`. */
  images?: Counted
  /** By `status`, with the cpu and memory (MiB) they hold. */
  containers?: Counted & {cpu: number; memoryMiB: number}
  /** By `provisioning_status` and `operating_status`. */
  loadBalancers?: Counted
  pods?: number
  /** Limit and use of each quota resource read there. */
  quota: ServiceUsage
  /** Per service type: the quickest call's time in ms. */
  latencyMs: Record<string, number>
  failures: Array<{service: string; what: string; error: Error}>
}

export interface QuotaHighlight {
  region: string
  resource: string
  limit: number
  inUse: number
  percent: number
}

export interface Overview {
  project: {id: string; name: string | null}
  regions: OverviewRegion[]
  totals: Omit<OverviewRegion, 'region' | 'latencyMs' | 'failures'>
  /** The quota uses nearest their limit, highest first (unlimited ones left out). */
  nearest: QuotaHighlight[]
}

/** One read: what it fills in a region's overview. */
interface Read {
  region: string
  service: string
  what: string
  run: () => Promise<(o: OverviewRegion) => void>
}

function countBy(items: Array<Record<string, unknown>>, keys: string[]): Counted {
  const by: Counted['by'] = {}
  for (const k of keys) {
    by[k] = {}
    for (const it of items) {
      const v = String(it[k] ?? 'None')
      by[k][v] = (by[k][v] ?? 0) + 1
    }
  }
  return {total: items.length, by}
}

type Lister = (c: ServiceClient, q: NeutronQuery) => Promise<unknown[]>
/** The Neutron lists the overview counts (only their IDs are asked for). */
const NEUTRON_LISTS: Record<string, Lister> = {
  networks: async (c, q) => (await import('../clients/neutron/networks.js')).listNetworks(c, q),
  subnets: async (c, q) => (await import('../clients/neutron/subnets.js')).listSubnets(c, q),
  ports: async (c, q) => (await import('../clients/neutron/ports.js')).listPorts(c, q),
  routers: async (c, q) => (await import('../clients/neutron/routers.js')).listRouters(c, q),
  'security groups': async (c, q) => (await import('../clients/neutron/security-groups.js')).listSecurityGroups(c, q),
}

/** Only the regions that offer each service are read; `regions` (when given) narrows them all. */
async function plan(session: Session, projectId: string, ownProject: boolean, regions?: string[]): Promise<Read[]> {
  const reads: Read[] = []
  const ids = {project_id: projectId, fields: 'id'}
  for (const region of await serviceRegions(session, 'network', regions)) {
    const count = (what: string, set: (o: OverviewRegion, n: number) => void) =>
      reads.push({
        region, service: 'network', what,
        run: async () => {
          const n = (await NEUTRON_LISTS[what](await session.client('network', region), ids)).length
          return (o) => set(o, n)
        },
      })
    count('networks', (o, n) => (o.networks = n))
    count('subnets', (o, n) => (o.subnets = n))
    count('ports', (o, n) => (o.ports = n))
    count('routers', (o, n) => (o.routers = n))
    count('security groups', (o, n) => (o.securityGroups = n))
    reads.push({
      region, service: 'network', what: 'quota',
      run: async () => {
        const {readUsage} = await import('./quota-usage.js')
        const u = await readUsage(session, 'network', region, projectId)
        return (o) => Object.assign(o.quota, u)
      },
    })
  }
  for (const region of await serviceRegions(session, 'image', regions)) {
    reads.push({
      region, service: 'image', what: 'images',
      run: async () => {
        const {listImages} = await import('../clients/glance/images.js')
        const images = await listImages(await session.client('image', region), {owner: projectId, limit: 1000})
        return (o) => (o.images = countBy(images, ['status', 'disk_format']))
      },
    })
  }
  for (const region of await serviceRegions(session, 'container', regions)) {
    reads.push({
      region, service: 'container', what: 'containers',
      run: async () => {
        const [{zunClient}, {listContainers}] = await Promise.all([import('../clients/zun/client.js'), import('../clients/zun/containers.js')])
        const zc = await zunClient(session, region)
        const list = await listContainers(zc, ownProject ? {} : {allProjects: true, projectId})
        const num = (v: unknown) => (Number.isFinite(Number.parseFloat(String(v))) ? Number.parseFloat(String(v)) : 0)
        const live = list.filter((c) => c.status === 'Running' || c.status === 'Paused')
        const cpu = live.reduce((n, c) => n + num(c.cpu), 0)
        const memoryMiB = live.reduce((n, c) => n + num(c.memory), 0)
        return (o) => (o.containers = {...countBy(list, ['status']), cpu, memoryMiB})
      },
    })
    reads.push({
      region, service: 'container', what: 'quota',
      run: async () => {
        const {readUsage} = await import('./quota-usage.js')
        const u = await readUsage(session, 'container', region, projectId)
        return (o) => Object.assign(o.quota, u)
      },
    })
  }
  for (const region of await serviceRegions(session, 'load-balancer', regions)) {
    reads.push({
      region, service: 'load-balancer', what: 'load balancers',
      run: async () => {
        const [{listLoadBalancers}, {getOctaviaQuota}] = await Promise.all([import('../clients/octavia/loadbalancers.js'), import('../clients/octavia/quotas.js')])
        const c = await session.client('load-balancer', region)
        const [lbs, quota] = await Promise.all([
          listLoadBalancers(c, {project_id: projectId, fields: ['id', 'provisioning_status', 'operating_status']}),
          getOctaviaQuota(c, projectId),
        ])
        const limit = [quota.load_balancer, quota.loadbalancer].find((v) => typeof v === 'number') ?? -1
        return (o) => {
          o.loadBalancers = countBy(lbs, ['provisioning_status', 'operating_status'])
          o.quota['load-balancers'] = {limit, inUse: lbs.length}
        }
      },
    })
  }
  for (const region of await serviceRegions(session, 'tricircle', regions)) {
    reads.push({
      region, service: 'tricircle', what: 'pods',
      run: async () => {
        const {listPods} = await import('../clients/tricircle/pods.js')
        const pods = await listPods(await session.client('tricircle', region))
        return (o) => (o.pods = pods.length)
      },
    })
  }
  return reads
}

/** Reads everything at once and puts the overview together. */
export async function gatherOverview(
  session: Session,
  opts: {project: {id: string; name: string | null}; ownProject: boolean; regions?: string[]},
): Promise<Overview> {
  await session.tokenData()
  const reads = await plan(session, opts.project.id, opts.ownProject, opts.regions)
  const order = opts.regions?.length ? opts.regions : await cloudRegions(session)
  const byRegion = new Map<string, OverviewRegion>()
  const regionOf = (r: string) => {
    if (!byRegion.has(r)) byRegion.set(r, {region: r, quota: {}, latencyMs: {}, failures: []})
    return byRegion.get(r)!
  }
  const timed = await fanout(
    reads.map((_, i) => String(i)),
    async (i) => {
      const started = performance.now()
      const apply = await reads[Number(i)].run()
      return {apply, ms: performance.now() - started}
    },
    {concurrency: 32},
  )
  timed.forEach((t, i) => {
    const read = reads[i]
    const o = regionOf(read.region)
    if (!t.ok) {
      o.failures.push({service: read.service, what: read.what, error: t.error})
      return
    }
    t.value.apply(o)
    const ms = Math.round(t.value.ms)
    o.latencyMs[read.service] = Math.min(o.latencyMs[read.service] ?? ms, ms)
  })
  const regions = [...byRegion.values()].sort((a, b) => rank(order, a.region) - rank(order, b.region))
  return {project: opts.project, regions, totals: totalsOf(regions), nearest: nearestToLimit(regions)}
}

const rank = (order: string[], r: string) => (order.includes(r) ? order.indexOf(r) : order.length)

function sumCounted(xs: Array<Counted | undefined>): Counted | undefined {
  const present = xs.filter((x): x is Counted => x !== undefined)
  if (present.length === 0) return undefined
  const by: Counted['by'] = {}
  for (const x of present) {
    for (const [k, m] of Object.entries(x.by)) {
      by[k] ??= {}
      for (const [v, n] of Object.entries(m)) by[k][v] = (by[k][v] ?? 0) + n
    }
  }
  return {total: present.reduce((n, x) => n + x.total, 0), by}
}

function sum(xs: Array<number | undefined>): number | undefined {
  const present = xs.filter((x): x is number => x !== undefined)
  return present.length ? present.reduce((n, x) => n + x, 0) : undefined
}

function totalsOf(regions: OverviewRegion[]): Overview['totals'] {
  const containers = sumCounted(regions.map((r) => r.containers))
  const quota: ServiceUsage = {}
  for (const res of QUOTA_RESOURCES) {
    const mine = regions.map((r) => r.quota[res.name]).filter((u) => u !== undefined)
    if (mine.length) {
      quota[res.name] = {limit: mine.some((u) => u.limit < 0) ? -1 : mine.reduce((n, u) => n + u.limit, 0), inUse: mine.reduce((n, u) => n + u.inUse, 0)}
    }
  }
  return {
    networks: sum(regions.map((r) => r.networks)),
    subnets: sum(regions.map((r) => r.subnets)),
    ports: sum(regions.map((r) => r.ports)),
    routers: sum(regions.map((r) => r.routers)),
    securityGroups: sum(regions.map((r) => r.securityGroups)),
    images: sumCounted(regions.map((r) => r.images)),
    containers: containers && {
      ...containers,
      cpu: regions.reduce((n, r) => n + (r.containers?.cpu ?? 0), 0),
      memoryMiB: regions.reduce((n, r) => n + (r.containers?.memoryMiB ?? 0), 0),
    },
    loadBalancers: sumCounted(regions.map((r) => r.loadBalancers)),
    pods: sum(regions.map((r) => r.pods)),
    quota,
  }
}

/** Every limited quota use, highest share of its limit first. */
export function nearestToLimit(regions: OverviewRegion[]): QuotaHighlight[] {
  const out: QuotaHighlight[] = []
  for (const r of regions) {
    for (const [resource, u] of Object.entries(r.quota)) {
      if (u.limit < 0) continue
      const percent = u.limit === 0 ? (u.inUse > 0 ? 100 : 0) : Math.round((u.inUse / u.limit) * 1000) / 10
      out.push({region: r.region, resource, limit: u.limit, inUse: u.inUse, percent})
    }
  }
  return out.sort((a, b) => b.percent - a.percent || b.inUse - a.inUse)
}
