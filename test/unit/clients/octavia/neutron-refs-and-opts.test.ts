import {afterEach, describe, expect, it} from 'vitest'

import {resolveNeutronRef} from '../../../../src/clients/octavia/neutron-refs.js'
import {checkIp, checkPort, checkWeight, isNoneWord, parseAdditionalVip, tagFilterQuery} from '../../../../src/clients/octavia/opts.js'
import {UsageError} from '../../../../src/core/errors.js'
import {FAKE_TOKEN as TOKEN, fakeClient} from '../../../fakes/client.js'
import {fakeServerPool} from '../../../fakes/server.js'

const SUBNET = '9a1c3f45-dfd1-4069-aceb-395e874a3bf5'

const fakes = fakeServerPool()
afterEach(() => fakes.verifyAndClose())

describe('resolveNeutronRef (--vip-subnet-id and the like)', () => {
  it('an ID is taken as it is, without asking Neutron (an ID from the central Neutron works)', async () => {
    let asked = 0
    const id = await resolveNeutronRef(async () => {
      asked++
      throw new Error('no Neutron needed')
    }, 'subnets', SUBNET)
    expect(id).toBe(SUBNET)
    expect(asked).toBe(0)
  })

  it("a name is looked up in the region's Neutron; none or several: octaviaclient's texts", async () => {
    const s = await fakes.start('neutron')
    s.on({method: 'GET', path: '/v2.0/subnets', query: {name: 'web'}, token: TOKEN, reply: {json: {subnets: [{id: SUBNET, name: 'web'}]}}})
    s.on({method: 'GET', path: '/v2.0/qos/policies', query: {name: 'gold'}, token: TOKEN, reply: {json: {policies: [{id: 'q1', name: 'gold'}, {id: 'q2', name: 'gold'}]}}})
    s.on({method: 'GET', path: '/v2.0/networks', query: {name: 'nope'}, token: TOKEN, reply: {json: {networks: []}}})
    const neutron = fakeClient(s, {service: 'Neutron', type: 'network', basePath: '/v2.0'})
    expect(await resolveNeutronRef(async () => neutron, 'subnets', 'web')).toBe(SUBNET)
    await expect(resolveNeutronRef(async () => neutron, 'policies', 'gold')).rejects.toThrow('2 policies found with name or ID of gold. Please try again with UUID')
    await expect(resolveNeutronRef(async () => neutron, 'networks', 'nope')).rejects.toThrow('Unable to locate nope in networks')
  })
})

describe("the values octaviaclient checks before sending (usage errors, exit 2)", () => {
  it('ports, weights and addresses', () => {
    expect(() => checkPort(0, 'protocol-port')).toThrow("Invalid input for field/attribute 'protocol-port', Value: '0'. Value must be between 1 and 65535.")
    expect(() => checkPort(443, 'protocol-port')).not.toThrow()
    expect(() => checkWeight(257)).toThrow(UsageError)
    expect(() => checkIp('10.0.0.300', 'vip-address')).toThrow("--vip-address: '10.0.0.300' does not appear to be an IPv4 or IPv6 address")
    expect(() => checkIp('2001:db8::1', 'vip-address')).not.toThrow()
  })

  it('--additional-vip: subnet-id required, ip-address optional and checked, nothing else', () => {
    expect(parseAdditionalVip('subnet-id=web,ip-address=10.0.0.9')).toEqual({subnet_id: 'web', ip_address: '10.0.0.9'})
    expect(() => parseAdditionalVip('ip-address=10.0.0.9')).toThrow('Additional VIPs must include a subnet-id.')
    expect(() => parseAdditionalVip('subnet-id=web,port=1')).toThrow('--additional-vip: unknown key port (keys: subnet-id, ip-address)')
    expect(() => parseAdditionalVip('web')).toThrow("--additional-vip: Expected comma separated 'key=value' pairs, but got: web")
  })

  it('None, null and void clear a QoS policy; the tag filters are lists on the wire', () => {
    expect(['None', 'null', 'VOID'].map(isNoneWord)).toEqual([true, true, true])
    expect(isNoneWord('gold')).toBe(false)
    expect(tagFilterQuery({tags: ['a'], notAnyTags: ['b', 'c']})).toEqual({'tags': ['a'], 'tags-any': undefined, 'not-tags': undefined, 'not-tags-any': ['b', 'c']})
  })
})
