import {describe, expect, it} from 'vitest'

import {SimClock} from '../../../../src/sim/cloud/clock.js'
import {FaultTable, serviceType} from '../../../../src/sim/cloud/faults.js'
import {numberWord, regionsForCount, servicesByRegion, validateRegions} from '../../../../src/sim/cloud/topology.js'

describe('the sim clock', () => {
  it('immediate: every duration is 0; realistic: divided by the speed; manual: unchanged', () => {
    expect(new SimClock({mode: 'immediate'}).duration(3000)).toBe(0)
    expect(new SimClock({mode: 'realistic', speed: 4}).duration(3000)).toBe(750)
    expect(new SimClock({mode: 'manual'}).duration(3000)).toBe(3000)
  })

  it('manual time stands still until ticked; the other modes refuse a tick', () => {
    const c = new SimClock({mode: 'manual', start: 1_000_000})
    expect(c.nowMs()).toBe(1_000_000)
    c.tick(2.5)
    expect(c.nowMs()).toBe(1_002_500)
    expect(() => new SimClock({mode: 'realistic'}).tick(1)).toThrow(/only a --time manual simulator can be ticked/)
    expect(() => c.tick(-1)).toThrow(/cannot tick by -1/)
  })

  it('refuses a speed that is not positive', () => {
    expect(() => new SimClock({speed: 0})).toThrow(/positive/)
  })
})

describe('fault rules', () => {
  it('match region, service, method and path; a counted rule is spent after N requests', () => {
    const t = new FaultTable()
    t.add({region: 'RegionTwo', service: 'container', method: 'post', status: 503, count: 2})
    expect(t.take('RegionOne', 'container', 'POST', '/v1/containers')).toBeUndefined()
    expect(t.take('RegionTwo', 'container', 'GET', '/v1/containers')).toBeUndefined()
    expect(t.take('RegionTwo', 'container', 'POST', '/v1/containers')?.status).toBe(503)
    expect(t.take('RegionTwo', 'container', 'POST', '/v1/containers')?.hits).toBe(2)
    expect(t.take('RegionTwo', 'container', 'POST', '/v1/containers')).toBeUndefined()
    expect(t.list()).toEqual([])
  })

  it('paths match as a substring, or as a glob with *', () => {
    const t = new FaultTable()
    t.add({path: '/v2.0/ports', delayMs: 10})
    t.add({path: '/v2/images/*/file', status: 500})
    expect(t.take('R', 'network', 'GET', '/v2.0/ports/abc')?.delayMs).toBe(10)
    expect(t.take('R', 'image', 'PUT', '/v2/images/x/file')?.status).toBe(500)
    expect(t.take('R', 'image', 'PUT', '/v2/images/x/file/more')).toBeUndefined()
  })

  it('refuses a rule with neither status nor delay, a status that is not HTTP, a count below 1; clears per region', () => {
    const t = new FaultTable()
    expect(() => t.add({region: 'R'})).toThrow(/status, a delay, or both/)
    expect(() => t.add({status: 42})).toThrow(/not an HTTP status/)
    expect(() => t.add({status: 500, count: 0})).toThrow(/at least 1/)
    t.add({region: 'A', status: 500})
    t.add({region: 'B', status: 500})
    expect(t.clear('A')).toBe(1)
    expect(t.list().map((r) => r.region)).toEqual(['B'])
  })

  it('knows the services by type and by project name', () => {
    expect(serviceType('octavia')).toBe('load-balancer')
    expect(serviceType('Zun')).toBe('container')
    expect(serviceType('nova')).toBeUndefined()
  })
})

describe('regions', () => {
  it('--region-count N: CentralRegion and N regions named as the guide names them', () => {
    expect(regionsForCount(3)).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo', 'RegionThree'])
    expect(numberWord(25)).toBe('TwentyFive')
    expect(numberWord(50)).toBe('Fifty')
    expect(() => regionsForCount(0)).toThrow(/1 to 999/)
  })

  it('CentralRegion runs the central Neutron and Tricircle; the others Neutron, Glance, Octavia, Zun; no CentralRegion, no Tricircle', () => {
    expect(servicesByRegion(['CentralRegion', 'RegionOne'])).toEqual({CentralRegion: ['network', 'tricircle'], RegionOne: ['network', 'image', 'load-balancer', 'container']})
    expect(servicesByRegion(['A', 'B']).A).toEqual(['network', 'image', 'load-balancer', 'container'])
  })

  it('refuses duplicate or malformed names', () => {
    expect(() => validateRegions(['A', 'A'])).toThrow(/given twice/)
    expect(() => validateRegions(['bad name'])).toThrow(/not valid/)
  })
})
