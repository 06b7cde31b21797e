import type {Session} from '../auth/session.js'
import type {ServiceClient} from '../http/service-client.js'

import {ApiError, NotFoundError} from '../core/errors.js'
import {fanout} from './fanout.js'

/**
 * "Not found here, but it exists there": a name that is not found in the region asked may exist
 * in another region of the profile (the guide's `container-subnet` lives in CentralRegion, not in
 * RegionOne). The lookup that failed is repeated in the other regions of its service, with the
 * same rule (ID first, then name), and the hint names the regions and IDs found.
 */

interface Lookup {
  serviceType: string
  /** An ID from another region is taken as it is here (Octavia's references to Neutron objects). */
  idFromElsewhere: boolean
  /** What was looked for. */
  searched: string
  /** The region's own lookup: the IDs found there (none: not there). */
  find: (session: Session, region: string) => Promise<string[]>
}

type Finder = (c: ServiceClient, nameOrId: string) => Promise<{id: string}>

/** NotFoundError.resource → the service and the find of that resource. */
const FINDERS: Record<string, {serviceType: string; find: () => Promise<Finder>; idFromElsewhere?: boolean}> = {
  Network: {serviceType: 'network', find: async () => (await import('../clients/neutron/networks.js')).findNetwork},
  Subnet: {serviceType: 'network', find: async () => (await import('../clients/neutron/subnets.js')).findSubnet},
  Port: {serviceType: 'network', find: async () => (await import('../clients/neutron/ports.js')).findPort},
  Router: {serviceType: 'network', find: async () => (await import('../clients/neutron/routers.js')).findRouter},
  SecurityGroup: {serviceType: 'network', find: async () => (await import('../clients/neutron/security-groups.js')).findSecurityGroup},
  Image: {serviceType: 'image', find: async () => (await import('../clients/glance/images.js')).findImage},
  loadbalancers: {serviceType: 'load-balancer', find: async () => (await import('../clients/octavia/loadbalancers.js')).findLoadBalancer},
  listeners: {serviceType: 'load-balancer', find: async () => (await import('../clients/octavia/listeners.js')).findListener},
  pools: {serviceType: 'load-balancer', find: async () => (await import('../clients/octavia/pools.js')).findPool},
  // Octavia's references to Neutron objects (--vip-subnet-id, --subnet-id …).
  subnets: {serviceType: 'network', find: neutronRef('subnets'), idFromElsewhere: true},
  networks: {serviceType: 'network', find: neutronRef('networks'), idFromElsewhere: true},
  ports: {serviceType: 'network', find: neutronRef('ports'), idFromElsewhere: true},
}

function neutronRef(collection: 'subnets' | 'networks' | 'ports'): () => Promise<Finder> {
  return async () => {
    const {resolveNeutronRef} = await import('../clients/octavia/neutron-refs.js')
    return async (c, nameOrId) => ({id: await resolveNeutronRef(async () => c, collection, nameOrId)})
  }
}

/** The lookup to repeat elsewhere for this error, when there is one. */
export function lookupFor(error: unknown): Lookup | undefined {
  if (error instanceof NotFoundError && error.searched && error.resource && FINDERS[error.resource]) {
    const {serviceType, find, idFromElsewhere} = FINDERS[error.resource]
    const searched = error.searched
    return {
      serviceType,
      idFromElsewhere: Boolean(idFromElsewhere),
      searched,
      find: async (session, region) => {
        try {
          return [(await (await find())(await session.client(serviceType, region), searched)).id]
        } catch (error_) {
          if (error_ instanceof NotFoundError) return []
          throw error_
        }
      },
    }
  }
  // Zun finds containers by name or UUID itself: a 404 on /containers/<ref>.
  const m = error instanceof ApiError && error.status === 404 ? /\/containers\/([^/?]+)$/.exec(new URL(error.url, 'http://x').pathname) : null
  if (m) {
    const ref = decodeURIComponent(m[1])
    return {
      serviceType: 'container',
      idFromElsewhere: false,
      searched: ref,
      find: async (session, region) => {
        const [{zunClient}, {getContainer}] = await Promise.all([import('../clients/zun/client.js'), import('../clients/zun/containers.js')])
        try {
          return [(await getContainer(await zunClient(session, region), ref)).uuid]
        } catch (error_) {
          if (error_ instanceof ApiError && error_.status === 404) return []
          throw error_
        }
      },
    }
  }
  return undefined
}

/** Where else `lookup` finds something: the other regions of its service, in parallel, within `timeoutMs`. */
export async function findElsewhere(
  session: Session,
  lookup: Lookup,
  here: string | undefined,
  timeoutMs = 5000,
): Promise<Array<{region: string; ids: string[]}>> {
  const regions = (await session.regionsFor(lookup.serviceType)).filter((r) => r !== here)
  if (regions.length === 0) return []
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<[]>((resolve) => {
    timer = setTimeout(() => resolve([]), timeoutMs)
    timer.unref()
  })
  const results = await Promise.race([fanout(regions, (r) => lookup.find(session, r)), late])
  clearTimeout(timer)
  return results.flatMap((r) => (r.ok && r.value.length ? [{region: r.region, ids: r.value}] : []))
}

/** `container-subnet exists in CentralRegion (ID 9a1c…): …`. */
export function elsewhereHint(lookup: Pick<Lookup, 'searched' | 'idFromElsewhere'>, found: Array<{region: string; ids: string[]}>): string {
  const where = found.map((f) => `${f.region} (ID ${f.ids.join(', ')})`).join(', ')
  const there = `--os-region-name ${found[0].region}`
  return lookup.idFromElsewhere
    ? `${lookup.searched} exists in ${where}: give its ID (it is taken as it is), or add ${there}`
    : `${lookup.searched} exists in ${where}: add ${there}`
}
