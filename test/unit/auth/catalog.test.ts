import {describe, expect, it} from 'vitest'

import type {CatalogEntry} from '../../../src/auth/catalog.js'

import {allRegions, findEndpoint, regionsWith, serviceDisplay, versionedUrl} from '../../../src/auth/catalog.js'
import {EndpointNotFoundError} from '../../../src/core/errors.js'

const CATALOG: CatalogEntry[] = [
  {
    type: 'network',
    name: 'neutron',
    endpoints: [
      {interface: 'public', region: 'CentralRegion', region_id: 'CentralRegion', url: 'http://central:9696'},
      {interface: 'internal', region: 'CentralRegion', region_id: 'CentralRegion', url: 'http://central-int:9696'},
      {interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: 'http://one:9696'},
      {interface: 'public', region: 'RegionTwo', region_id: 'RegionTwo', url: 'http://two:9696'},
    ],
  },
  {
    type: 'load-balancer',
    name: 'octavia',
    endpoints: [
      {interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: 'http://one:9876'},
      // an endpoint with an empty URL is skipped
      {interface: 'public', region: 'RegionTwo', region_id: 'RegionTwo', url: ''},
    ],
  },
  {
    type: 'container',
    name: 'zun',
    endpoints: [{interface: 'public', region: 'RegionTwo', region_id: null, url: 'http://two:9517/v1'}],
  },
  {type: 'identity', name: 'keystone', endpoints: [{interface: 'public', region: null, url: 'http://k:5000/v3'}]},
]

function thrown(fn: () => unknown): EndpointNotFoundError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(EndpointNotFoundError)
    return error as EndpointNotFoundError
  }
  throw new Error('did not throw')
}

describe('findEndpoint', () => {
  it('picks by type, region and interface', () => {
    expect(findEndpoint(CATALOG, 'network', 'RegionOne')).toBe('http://one:9696')
    expect(findEndpoint(CATALOG, 'network', 'RegionTwo')).toBe('http://two:9696')
    expect(findEndpoint(CATALOG, 'network', 'CentralRegion', 'internal')).toBe('http://central-int:9696')
    expect(findEndpoint(CATALOG, 'network', 'CentralRegion', 'public')).toBe('http://central:9696')
  })

  it('falls back to `region` when region_id is null', () => {
    expect(findEndpoint(CATALOG, 'container', 'RegionTwo')).toBe('http://two:9517/v1')
  })

  it('without a region, a service in a single region is found', () => {
    expect(findEndpoint(CATALOG, 'load-balancer', undefined)).toBe('http://one:9876')
  })

  it('without a region, a service in several regions is refused rather than guessed', () => {
    const e = thrown(() => findEndpoint(CATALOG, 'network', undefined))
    expect(e.message).toBe('several regions offer network and none was chosen')
    expect(e.actions).toHaveLength(1)
    expect(e.actions[0]).toMatch(/^choose one with --os-region-name \(regions with network: /)
    for (const r of ['CentralRegion', 'RegionOne', 'RegionTwo']) expect(e.actions[0]).toContain(r)
  })

  it('a region lacking the service is keystoneauth\'s error, naming the regions that have it', () => {
    const e = thrown(() => findEndpoint(CATALOG, 'load-balancer', 'CentralRegion'))
    expect(e.message).toBe('public endpoint for load-balancer service in CentralRegion region not found')
    expect(e.actions).toEqual(['regions with load-balancer: RegionOne'])
  })

  it('an endpoint with an empty URL does not count', () => {
    const e = thrown(() => findEndpoint(CATALOG, 'load-balancer', 'RegionTwo'))
    expect(e.message).toBe('public endpoint for load-balancer service in RegionTwo region not found')
    expect(e.actions).toEqual(['regions with load-balancer: RegionOne'])
  })

  it('an unknown region says so and names the regions that have the service', () => {
    const e = thrown(() => findEndpoint(CATALOG, 'network', 'RegionNine'))
    expect(e.message).toBe('public endpoint for network service in RegionNine region not found')
    expect(e.actions[0]).toMatch(/^region RegionNine is not in the catalog/)
    expect(e.actions[1]).toMatch(/^regions with network: /)
    for (const r of ['CentralRegion', 'RegionOne', 'RegionTwo']) expect(e.actions[1]).toContain(r)
  })

  it('a wanted interface no region offers is an error', () => {
    const e = thrown(() => findEndpoint(CATALOG, 'load-balancer', 'RegionOne', 'admin'))
    expect(e.message).toBe('admin endpoint for load-balancer service in RegionOne region not found')
    expect(e.actions).toEqual(['no region of this cloud offers load-balancer on the admin interface'])
  })

  it('a service type missing from the catalog is an error', () => {
    const e = thrown(() => findEndpoint(CATALOG, 'tricircle', 'RegionOne'))
    expect(e.message).toBe('public endpoint for tricircle service in RegionOne region not found')
  })

  it('an empty catalog gives keystoneauth\'s message', () => {
    expect(thrown(() => findEndpoint([], 'network', 'RegionOne')).message).toBe('The service catalog is empty.')
  })
})

describe('regionsWith and allRegions', () => {
  it('list regions in catalog order, without duplicates or empty URLs', () => {
    expect(regionsWith(CATALOG, 'network')).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
    expect(regionsWith(CATALOG, 'network', 'internal')).toEqual(['CentralRegion'])
    expect(regionsWith(CATALOG, 'load-balancer')).toEqual(['RegionOne'])
    expect(allRegions(CATALOG)).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
  })
})

describe('versionedUrl', () => {
  it.each([
    ['network', 'http://h:9696', 'http://h:9696/v2.0'],
    ['network', 'http://h:9696/', 'http://h:9696/v2.0'],
    ['network', 'http://h/networking', 'http://h/networking/v2.0'],
    ['image', 'http://h:9292', 'http://h:9292/v2'],
    ['load-balancer', 'http://h:9876', 'http://h:9876/v2'],
    ['identity', 'http://h:5000', 'http://h:5000/v3'],
    // versioned catalog URLs are used as registered
    ['container', 'http://h:9517/v1', 'http://h:9517/v1'],
    ['tricircle', 'http://h:19999/v1.0', 'http://h:19999/v1.0'],
    ['tricircle', 'http://h:19999/v1.0/', 'http://h:19999/v1.0'],
    // already versioned: kept, whatever the service
    ['network', 'http://h:9696/v2.0', 'http://h:9696/v2.0'],
    ['network', 'http://h:9696/v2.0/', 'http://h:9696/v2.0'],
    ['load-balancer', 'http://h:9876/v2.0', 'http://h:9876/v2.0'],
    ['image', 'http://h:9292/v2', 'http://h:9292/v2'],
    // no known suffix: unchanged
    ['container', 'http://h:9517', 'http://h:9517'],
    ['compute', 'http://h:8774/v2.1', 'http://h:8774/v2.1'],
    // Nova's unversioned root gets v2.1, as novaclient's discovery would pick
    ['compute', 'http://h:8774', 'http://h:8774/v2.1'],
  ])('%s %s → %s', (type, url, want) => {
    expect(versionedUrl(type, url)).toBe(want)
  })
})

describe('serviceDisplay', () => {
  it('names the services for error messages', () => {
    expect(['network', 'image', 'load-balancer', 'container', 'tricircle', 'identity', 'compute'].map(serviceDisplay)).toEqual([
      'Neutron',
      'Glance',
      'Octavia',
      'Zun',
      'Tricircle',
      'Keystone',
      'Nova',
    ])
    // A service mrctl does not call is named by its type.
    expect(serviceDisplay('volumev3')).toBe('volumev3')
  })
})
