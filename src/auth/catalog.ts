import {EndpointNotFoundError} from '../core/errors.js'

export interface CatalogEndpoint {
  id?: string
  interface: string
  region: string | null
  region_id?: string | null
  url: string
}

export interface CatalogEntry {
  id?: string
  type: string
  name?: string
  endpoints: CatalogEndpoint[]
}

export interface ServiceInfo {
  /** Display name for errors: `Neutron 404: …`. */
  display: string
  /** Suffix appended to an unversioned catalog URL, as the real clients do. */
  versionSuffix?: string
}

/** The services mrctl calls. Catalog type and microversion header name are separate things (Zun: `container`). */
export const SERVICES: Record<string, ServiceInfo> = {
  identity: {display: 'Keystone', versionSuffix: '/v3'},
  network: {display: 'Neutron', versionSuffix: '/v2.0'},
  image: {display: 'Glance', versionSuffix: '/v2'},
  'load-balancer': {display: 'Octavia', versionSuffix: '/v2'},
  container: {display: 'Zun'},
  tricircle: {display: 'Tricircle'},
  compute: {display: 'Nova', versionSuffix: '/v2.1'},
}

export function serviceDisplay(type: string): string {
  return SERVICES[type]?.display ?? type
}

/** Appends the service's version unless the URL already ends in `/v<N>` or `/v<N>.<M>`. */
export function versionedUrl(serviceType: string, url: string): string {
  const trimmed = url.replace(/\/+$/, '')
  if (/\/v\d+(\.\d+)?$/.test(trimmed)) return trimmed
  const suffix = SERVICES[serviceType]?.versionSuffix
  return suffix ? `${trimmed}${suffix}` : trimmed
}

function regionOf(e: CatalogEndpoint): string {
  return e.region_id ?? e.region ?? ''
}

/** Regions of the catalog that offer a service type on an interface, in catalog order. */
export function regionsWith(catalog: CatalogEntry[], type: string, iface = 'public'): string[] {
  const out: string[] = []
  for (const s of catalog) {
    if (s.type !== type) continue
    for (const e of s.endpoints) if (e.interface === iface && e.url && !out.includes(regionOf(e))) out.push(regionOf(e))
  }
  return out
}

export function allRegions(catalog: CatalogEntry[]): string[] {
  const out: string[] = []
  for (const s of catalog) for (const e of s.endpoints) if (regionOf(e) && !out.includes(regionOf(e))) out.push(regionOf(e))
  return out
}

/**
 * keystoneauth's choice: service type, then interface, then region. A region that lacks the
 * service (or is unknown) is an error naming the regions that do have it; with no region given
 * and several regions offering the service, we refuse to guess.
 */
export function findEndpoint(catalog: CatalogEntry[], type: string, region: string | undefined, iface = 'public'): string {
  if (catalog.length === 0) throw new EndpointNotFoundError('The service catalog is empty.')
  const matches = catalog
    .filter((s) => s.type === type)
    .flatMap((s) => s.endpoints)
    .filter((e) => e.interface === iface && e.url)
  const inRegion = region === undefined ? matches : matches.filter((e) => regionOf(e) === region)
  const having = [...regionsWith(catalog, type, iface)].sort()
  if (inRegion.length === 0) {
    const known = allRegions(catalog)
    const regionNote = region !== undefined && !known.includes(region) ? `region ${region} is not in the catalog` : undefined
    throw new EndpointNotFoundError(`${iface} endpoint for ${type} service${region ? ` in ${region} region` : ''} not found`, {
      actions: [
        ...(regionNote ? [regionNote] : []),
        having.length ? `regions with ${type}: ${having.join(', ')}` : `no region of this cloud offers ${type} on the ${iface} interface`,
      ],
    })
  }
  if (region === undefined && new Set(inRegion.map(regionOf)).size > 1) {
    throw new EndpointNotFoundError(`several regions offer ${type} and none was chosen`, {
      actions: [`choose one with --os-region-name (regions with ${type}: ${having.join(', ')})`],
    })
  }
  return inRegion[0].url
}
