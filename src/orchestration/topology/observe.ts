import type {CloudClients} from './cloud/clients.js'
import type {DesiredResource, Kind, Observed, ObservedResource} from './model.js'

/**
 * Reads the clouds for a topology: in parallel, one list per resource type and region (Octavia
 * members: one per pool of the topology's load balancers), never one request per resource. A
 * (region, service) that cannot be read is recorded, not thrown: its resources' steps fail and
 * the rest of the topology goes on.
 */

interface Read {
  region: string
  kinds: Kind[]
  read: () => Promise<ObservedResource[]>
}

export async function observe(
  clients: CloudClients,
  desired: DesiredResource[],
  opts: {topology: string; tricircleRegion?: string; onRead?: (region: string, what: string) => void},
): Promise<Observed> {
  const regionsOf = (...kinds: Kind[]) => [...new Set(desired.filter((d) => kinds.includes(d.kind)).map((d) => d.region))]
  const reads: Read[] = []
  const [{observePods}, {observeNeutron}, {observeImages}, {observeContainers}, {observeOctavia}] = await Promise.all([
    import('./cloud/tricircle.js'),
    import('./cloud/neutron.js'),
    import('./cloud/glance.js'),
    import('./cloud/zun.js'),
    import('./cloud/octavia.js'),
  ])
  if (desired.some((d) => d.kind === 'pod')) {
    const region = opts.tricircleRegion ?? ''
    reads.push({region, kinds: ['pod'], read: async () => observePods(await clients.tricircle(region))})
  }
  for (const region of regionsOf('network', 'subnet')) {
    reads.push({region, kinds: ['network', 'subnet'], read: async () => observeNeutron(await clients.network(region), region, clients.projectId)})
  }
  for (const region of regionsOf('image')) {
    reads.push({region, kinds: ['image'], read: async () => observeImages(await clients.image(region), region, clients.projectId)})
  }
  for (const region of regionsOf('container')) {
    reads.push({region, kinds: ['container'], read: async () => observeContainers(await clients.container(region), region)})
  }
  for (const region of regionsOf('loadbalancer', 'listener', 'pool', 'member')) {
    const names = new Set(desired.filter((d) => d.kind === 'loadbalancer' && d.region === region).map((d) => d.name))
    reads.push({
      region,
      kinds: ['loadbalancer', 'listener', 'pool', 'member'],
      read: async () => observeOctavia(await clients.loadBalancer(region), region, clients.projectId, names, opts.topology),
    })
  }
  const results = await Promise.all(
    reads.map(async (r) => {
      try {
        const resources = await r.read()
        opts.onRead?.(r.region, r.kinds.join('/'))
        return {r, resources}
      } catch (error) {
        return {r, error: error as Error}
      }
    }),
  )
  const out: Observed = {resources: [], failures: []}
  for (const x of results) {
    if (x.error) for (const kind of x.r.kinds) out.failures.push({region: x.r.region, kind, error: x.error})
    else out.resources.push(...x.resources!)
  }
  return out
}
