import {describe, expect, it} from 'vitest'

import {describeRecord, faultSpecFromFlags, parseDuration, parseUpFlags} from '../../../../src/sim/up-flags.js'

describe('sim up flags', () => {
  it('regions by list or by count; time and speed; the defaults', () => {
    expect(parseUpFlags({}).local).toMatchObject({regions: undefined, time: 'realistic'})
    expect(parseUpFlags({regions: 'CentralRegion, RegionOne'}).local.regions).toEqual(['CentralRegion', 'RegionOne'])
    expect(parseUpFlags({'region-count': 2}).local.regions).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
    expect(parseUpFlags({time: 'realistic', speed: '2.5'}).local).toMatchObject({time: 'realistic', speed: 2.5})
  })

  it('usage errors name the flag: a bad region, a speed that is not positive, speed with another clock, sim flags with --cloud', () => {
    expect(() => parseUpFlags({regions: 'A,A'})).toThrow('--regions: region A is given twice')
    expect(() => parseUpFlags({speed: '-1'})).toThrow('--speed -1: expected a positive number (2 runs twice as fast)')
    expect(() => parseUpFlags({speed: '2', time: 'manual'})).toThrow('--speed goes with --time realistic, not --time manual')
    expect(() => parseUpFlags({cloud: 'c', state: '/tmp/x'})).toThrow('--state is for the simulated cloud; it does not go with --cloud')
    expect(() => parseUpFlags({services: 'zun,nova'})).toThrow('--services zun,nova: unknown nova')
    expect(parseUpFlags({cloud: 'c', services: 'zun'})).toEqual({local: {}, cloud: 'c', services: ['zun']})
  })
})

describe('sim fault flags', () => {
  it('durations: 5s, 250ms, 1m, plain seconds', () => {
    expect([parseDuration('5s'), parseDuration('250ms'), parseDuration('1m'), parseDuration('1.5')]).toEqual([5000, 250, 60_000, 1500])
    expect(() => parseDuration('soon')).toThrow('--delay soon: expected a duration such as 5s, 250ms or 1m')
  })

  it('a fault: the service by any of its names, the method upper-cased; --down needs a region', () => {
    expect(faultSpecFromFlags({region: 'R', service: 'zun', method: 'post', status: 503, count: 2})).toEqual({region: 'R', service: 'container', method: 'POST', path: undefined, status: 503, count: 2, delayMs: undefined})
    expect(faultSpecFromFlags({region: 'R', down: true})).toEqual({region: 'R', down: true})
    expect(() => faultSpecFromFlags({down: true})).toThrow('--down needs --region')
    expect(faultSpecFromFlags({region: 'R', service: 'zun', down: true})).toEqual({region: 'R', service: 'container', down: true})
    expect(() => faultSpecFromFlags({region: 'R', service: 'keystone', down: true})).toThrow('--down --service identity: Keystone is not per region')
    expect(() => faultSpecFromFlags({region: 'R', service: 'nova', down: true})).toThrow('--service nova: not a service')
    expect(() => faultSpecFromFlags({method: 'FETCH', status: 500})).toThrow('--method FETCH: not an HTTP method')
  })
})

describe('what sim up prints', () => {
  it('the regions, the clock, each endpoint, the clouds.yaml and how to use it', () => {
    const lines = describeRecord({
      pid: 1,
      kind: 'sim',
      started_at: '',
      control_url: '',
      secret: 'S3CRET-VALUE',
      regions: ['RegionOne'],
      time: {mode: 'realistic', speed: 4},
      clouds_file: '/c/sim/clouds.yaml',
      cloud: 'sim',
      endpoints: [{service: 'network', region: 'RegionOne', url: 'http://127.0.0.1:1'}],
    })
    expect(lines).toEqual([
      'simulated cloud: 1 regions (RegionOne), time realistic ×4',
      '  network        RegionOne        http://127.0.0.1:1',
      'clouds.yaml: /c/sim/clouds.yaml (clouds sim and sim-demo); mrctl profile: sim',
      'use it: eval "$(mrctl sim env)", then openstack network list, or mrctl network list --all-regions',
    ])
    expect(lines.join('\n')).not.toContain('S3CRET-VALUE')
  })
})
