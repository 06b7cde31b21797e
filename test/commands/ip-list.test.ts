// `ip list` against loopback Neutrons whose handlers assert every request: a few list calls per
// region, never one per port, and the second round only for what the first did not bring.
import {describe, expect, it} from 'vitest'

import {PROJECT_ID} from '../fakes/keystone.js'
import {runCli, TOKEN, useFakeCloud} from './harness.js'

const PORT_FIELDS = ['id', 'name', 'network_id', 'fixed_ips', 'mac_address', 'device_owner', 'device_id']
const SUBNET_FIELDS = ['id', 'name', 'network_id', 'cidr']
const NETWORK_FIELDS = ['id', 'name']
const mine = {project_id: PROJECT_ID}
const port = (id: string, network_id: string, subnet_id: string, ip_address: string) => ({
  id, name: id, network_id, mac_address: 'fa:16:3e:00:00:01', device_owner: 'compute:nova', device_id: `vm-${id}`, fixed_ips: [{subnet_id, ip_address}],
})

describe('ip list (loopback Neutrons)', () => {
  const clouds = useFakeCloud()

  it('--all-regions: ports, floating IPs and the project’s subnets and networks at once; other networks by ID after', async () => {
    const cloud = await clouds.start({network: ['RegionOne', 'RegionTwo']})
    const [one, two] = [cloud.services.network.RegionOne, cloud.services.network.RegionTwo]
    const list = (s: typeof one, path: string, query: Record<string, string | string[]>, json: unknown) => s.on({method: 'GET', path, query, token: TOKEN, reply: {json}})
    // RegionOne: its own network, and a floating IP on the admin's external network.
    list(one, '/v2.0/ports', {...mine, fields: PORT_FIELDS}, {ports: [port('p1', 'n1', 's1', '10.0.0.5'), port('p2', 'n1', 's1', '10.0.0.6')]})
    list(one, '/v2.0/floatingips', mine, {floatingips: [{id: 'f1', floating_ip_address: '172.24.4.9', floating_network_id: 'ext', fixed_ip_address: '10.0.0.5', port_id: 'p1'}]})
    list(one, '/v2.0/subnets', {...mine, fields: SUBNET_FIELDS}, {subnets: [{id: 's1', name: 'sub1', network_id: 'n1', cidr: '10.0.0.0/24'}]})
    list(one, '/v2.0/networks', {...mine, fields: NETWORK_FIELDS}, {networks: [{id: 'n1', name: 'net1'}]})
    list(one, '/v2.0/subnets', {network_id: 'ext', fields: SUBNET_FIELDS}, {subnets: [{id: 'se', name: 'public-sub', network_id: 'ext', cidr: '172.24.4.0/24'}]})
    list(one, '/v2.0/networks', {id: 'ext', fields: NETWORK_FIELDS}, {networks: [{id: 'ext', name: 'public'}]})
    // RegionTwo: a port on another project's shared network, with the same address as p1.
    list(two, '/v2.0/ports', {...mine, fields: PORT_FIELDS}, {ports: [port('p3', 'shared', 'ss', '10.0.0.5')]})
    list(two, '/v2.0/floatingips', mine, {floatingips: []})
    list(two, '/v2.0/subnets', {...mine, fields: SUBNET_FIELDS}, {subnets: []})
    list(two, '/v2.0/networks', {...mine, fields: NETWORK_FIELDS}, {networks: []})
    list(two, '/v2.0/subnets', {id: 'ss', fields: SUBNET_FIELDS}, {subnets: [{id: 'ss', name: 'shared-sub', network_id: 'shared', cidr: '10.0.0.0/16'}]})
    list(two, '/v2.0/networks', {id: 'shared', fields: NETWORK_FIELDS}, {networks: [{id: 'shared', name: 'shared-net'}]})

    const r = await runCli(['ip', 'list', '--all-regions', '-f', 'csv', '-c', 'Region', '-c', 'IP Address', '-c', 'Type', '-c', 'Network', '-c', 'Subnet', '-c', 'Port'], {env: cloud.env})
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(
      '"Region","IP Address","Type","Network","Subnet","Port"\n' +
        '"RegionOne","10.0.0.5","fixed","net1","sub1","p1"\n' +
        '"RegionOne","10.0.0.6","fixed","net1","sub1","p2"\n' +
        '"RegionOne","172.24.4.9","floating","public","public-sub","p1"\n' +
        '"RegionTwo","10.0.0.5","fixed","shared-net","shared-sub","p3"\n',
    )
    expect(r.code).toBe(0)
    cloud.verify()
  })

  it('--conflicts: the address of both regions, exit 1; a region that fails is named and the exit stays 1', async () => {
    const cloud = await clouds.start({network: ['RegionOne', 'RegionTwo', 'RegionThree']})
    for (const [region, net] of [['RegionOne', 'a'], ['RegionTwo', 'b']] as const) {
      const s = cloud.services.network[region]
      s.on({method: 'GET', path: '/v2.0/ports', query: {...mine, fields: PORT_FIELDS}, token: TOKEN, reply: {json: {ports: [port(`p-${net}`, net, `s-${net}`, '192.168.1.10')]}}})
      s.on({method: 'GET', path: '/v2.0/floatingips', query: mine, token: TOKEN, reply: {json: {floatingips: []}}})
      s.on({method: 'GET', path: '/v2.0/subnets', query: {...mine, fields: SUBNET_FIELDS}, token: TOKEN, reply: {json: {subnets: [{id: `s-${net}`, name: `sub-${net}`, network_id: net, cidr: '192.168.1.0/24'}]}}})
      s.on({method: 'GET', path: '/v2.0/networks', query: {...mine, fields: NETWORK_FIELDS}, token: TOKEN, reply: {json: {networks: [{id: net, name: `net-${net}`}]}}})
    }
    const three = cloud.services.network.RegionThree
    for (const path of ['/v2.0/ports', '/v2.0/floatingips', '/v2.0/subnets', '/v2.0/networks']) {
      three.on({method: 'GET', path, query: path.endsWith('floatingips') ? mine : {...mine, fields: path.endsWith('ports') ? PORT_FIELDS : path.endsWith('subnets') ? SUBNET_FIELDS : NETWORK_FIELDS}, token: TOKEN, reply: {status: 500, json: {NeutronError: {message: 'db down', type: 'Err', detail: ''}}}, times: 3})
    }
    const r = await runCli(['ip', 'list', '--all-regions', '--conflicts', '-f', 'value', '-c', 'Region', '-c', 'IP Address', '-c', 'Network', '--http-timeout', '5'], {env: cloud.env})
    expect(r.stdout).toBe('RegionOne 192.168.1.10 net-a\nRegionTwo 192.168.1.10 net-b\n')
    expect(r.stderr).toContain('Warning: RegionThree: Neutron 500: db down')
    expect(r.stderr).toContain('Warning: 192.168.1.10 is used in RegionOne, RegionTwo')
    expect(r.code).toBe(1)
  })
})
