import type {CatalogEntry} from '../auth/catalog.js'

import {versionedUrl} from '../auth/catalog.js'
import {MrctlError, UsageError} from '../core/errors.js'

export type SimService = 'zun' | 'tricircle'
export const SIM_SERVICES: SimService[] = ['zun', 'tricircle']

/** One emulator to start: where the catalog says the service is. */
export interface SimListener {
  service: SimService
  region: string
  host: string
  port: number
  /** The catalog endpoint, as clients will call it. */
  endpoint: string
}

export interface SimPlan {
  listeners: SimListener[]
  /** Per region: the Glance endpoint its Zun looks images up in. */
  glance: Record<string, string>
  /** The Neutron every Zun creates its ports in (Tricircle's local plugin gives Zun the central one). */
  neutron: {region: string; endpoint: string}
}

function endpointOf(catalog: CatalogEntry[], type: string, region: string, iface: string): string | undefined {
  for (const s of catalog) {
    if (s.type !== type) continue
    const e = s.endpoints.find((x) => (x.region_id ?? x.region) === region && x.interface === iface && x.url)
    if (e) return e.url
  }
  return undefined
}

function regionsOf(catalog: CatalogEntry[], type: string, iface: string): string[] {
  const out: string[] = []
  for (const s of catalog) {
    if (s.type !== type) continue
    for (const e of s.endpoints) {
      const r = e.region_id ?? e.region ?? ''
      if (e.interface === iface && e.url && !out.includes(r)) out.push(r)
    }
  }
  return out.sort()
}

/**
 * What `mrctl sim serve` starts for a cloud: a Zun emulator on each region's `container`
 * endpoint, a Tricircle emulator on the `tricircle` endpoint, backed by the cloud's real
 * Neutron (the central region's) and each region's Glance.
 */
export function planSim(
  catalog: CatalogEntry[],
  opts: {services: SimService[]; iface: string; neutronRegion?: string},
): SimPlan {
  const listeners: SimListener[] = []
  const glance: Record<string, string> = {}
  if (opts.services.includes('zun')) {
    const regions = regionsOf(catalog, 'container', opts.iface)
    if (regions.length === 0) throw new MrctlError('the catalog has no container (Zun) endpoint to serve', {actions: ['use --services tricircle']})
    for (const region of regions) {
      const image = endpointOf(catalog, 'image', region, opts.iface)
      if (!image) {
        throw new MrctlError(`region ${region} has a container endpoint but no image (Glance) endpoint for its Zun to use`)
      }
      glance[region] = versionedUrl('image', image)
      listeners.push(listener('zun', region, endpointOf(catalog, 'container', region, opts.iface)!))
    }
  }
  if (opts.services.includes('tricircle')) {
    const regions = regionsOf(catalog, 'tricircle', opts.iface)
    if (regions.length === 0) throw new MrctlError('the catalog has no tricircle endpoint to serve', {actions: ['use --services zun']})
    if (regions.length > 1) throw new MrctlError(`the catalog has tricircle endpoints in several regions (${regions.join(', ')}); Tricircle has one`)
    listeners.push(listener('tricircle', regions[0], endpointOf(catalog, 'tricircle', regions[0], opts.iface)!))
  }
  const networkRegions = regionsOf(catalog, 'network', opts.iface)
  const neutronRegion = opts.neutronRegion ?? (networkRegions.includes('CentralRegion') ? 'CentralRegion' : networkRegions[0])
  const neutron = neutronRegion ? endpointOf(catalog, 'network', neutronRegion, opts.iface) : undefined
  if (opts.services.includes('zun') && !neutron) {
    throw new UsageError(`no network endpoint in ${neutronRegion ?? 'any region'} for Zun's ports`, [
      `regions with network: ${networkRegions.join(', ') || 'none'}`,
    ])
  }
  return {listeners, glance, neutron: {region: neutronRegion ?? '', endpoint: neutron ? versionedUrl('network', neutron) : ''}}
}

function listener(service: SimService, region: string, endpoint: string): SimListener {
  const u = new URL(endpoint)
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80))
  if (u.protocol !== 'http:') throw new MrctlError(`the ${service} endpoint ${endpoint} is not plain http: the emulators serve http only`)
  return {service, region, host: u.hostname, port, endpoint}
}
