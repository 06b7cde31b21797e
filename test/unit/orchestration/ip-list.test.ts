import {describe, expect, it} from 'vitest'

import {findConflicts, regionEntries} from '../../../src/orchestration/ip-list.js'

const port = (id: string, network_id: string, ips: Array<[string, string]>, extra: Record<string, unknown> = {}) => ({
  id, name: '', network_id, mac_address: `fa:16:3e:00:00:${id.slice(-2)}`, device_owner: 'compute:nova', device_id: `vm-${id}`,
  fixed_ips: ips.map(([subnet_id, ip_address]) => ({subnet_id, ip_address})), status: 'ACTIVE', admin_state_up: true, project_id: 'p', ...extra,
})
const subnet = (id: string, network_id: string, cidr: string) => ({id, name: `sub-${id}`, network_id, cidr}) as never
const network = (id: string, name: string) => ({id, name}) as never

describe('regionEntries', () => {
  it('one entry per fixed IP (names of network and subnet, the device) and per floating IP (its subnet found by range)', () => {
    const entries = regionEntries('R1', {
      ports: [port('p01', 'n1', [['s1', '10.0.0.5'], ['s6', 'fd00::5']])] as never,
      subnets: [subnet('s1', 'n1', '10.0.0.0/24'), subnet('s6', 'n1', 'fd00::/64'), subnet('ext-a', 'ext', '172.24.0.0/24'), subnet('ext-b', 'ext', '172.24.4.0/24')],
      networks: [network('n1', 'net1'), network('ext', 'public')],
      floatingIps: [{id: 'f1', floating_ip_address: '172.24.4.7', floating_network_id: 'ext', fixed_ip_address: '10.0.0.5', port_id: 'p01'}],
    })
    expect(entries.map((e) => [e.address, e.kind, e.networkName, e.subnetName, e.cidr, e.portId, e.deviceId])).toEqual([
      ['10.0.0.5', 'fixed', 'net1', 'sub-s1', '10.0.0.0/24', 'p01', 'vm-p01'],
      ['fd00::5', 'fixed', 'net1', 'sub-s6', 'fd00::/64', 'p01', 'vm-p01'],
      ['172.24.4.7', 'floating', 'public', 'sub-ext-b', '172.24.4.0/24', 'p01', 'vm-p01'],
    ])
  })
})

describe('findConflicts', () => {
  const at = (region: string, networkId: string, cidr: string, ips: string[]) =>
    regionEntries(region, {ports: [port(`${region}-${networkId}`, networkId, ips.map((ip) => ['s', ip]))] as never, subnets: [subnet('s', networkId, cidr)], networks: [], floatingIps: []})

  it('the same address in two regions on different networks is a conflict; in one region it is not', () => {
    const entries = [
      ...at('R1', 'n1', '10.0.0.0/24', ['10.0.0.5', '10.0.0.6']),
      ...at('R2', 'n2', '10.0.0.0/16', ['10.0.0.5']),
      ...at('R2', 'n3', '10.0.0.0/24', ['10.0.0.6']),
      ...at('R2', 'n4', '10.0.0.0/24', ['10.0.0.7']),
      ...at('R2', 'n5', '10.0.0.0/24', ['10.0.0.7']),
    ]
    const groups = findConflicts(entries)
    expect(groups.map((g) => g.map((e) => `${e.region}:${e.address}`))).toEqual([
      ['R1:10.0.0.5', 'R2:10.0.0.5'],
      ['R1:10.0.0.6', 'R2:10.0.0.6'],
    ])
  })

  it('the same network ID in two regions (Tricircle mirrors) is one network: no conflict', () => {
    expect(findConflicts([...at('Central', 'n1', '10.0.0.0/24', ['10.0.0.5']), ...at('R1', 'n1', '10.0.0.0/24', ['10.0.0.5'])])).toEqual([])
  })

  it('IPv6 addresses are compared as numbers, not as text', () => {
    const groups = findConflicts([...at('R1', 'n1', 'fd00::/64', ['fd00::5']), ...at('R2', 'n2', 'fd00::/64', ['fd00:0:0:0::5'])])
    expect(groups).toHaveLength(1)
  })
})
