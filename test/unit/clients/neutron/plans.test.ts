// The checks that run before any Neutron call (plan* functions): bad input is a UsageError
// (exit 2) naming the flag; good input becomes the body OSC would send.
import {describe, expect, it} from 'vitest'

import {tagQuery} from '../../../../src/clients/neutron/common.js'
import {networkListQuery} from '../../../../src/clients/neutron/networks.js'
import {parseFixedIps, planPortCreate} from '../../../../src/clients/neutron/ports.js'
import {interfacesInfo, planRouterCreate, planRouterSet} from '../../../../src/clients/neutron/routers.js'
import {parsePortRange, planRuleCreate} from '../../../../src/clients/neutron/security-group-rules.js'
import {checkSubnetSet, planSubnetCreate} from '../../../../src/clients/neutron/subnets.js'
import {ExitCode} from '../../../../src/core/exit-codes.js'
import {UsageError} from '../../../../src/core/errors.js'

/** The error a function throws (fails the test when it throws none). */
function thrown(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}

describe('planSubnetCreate', () => {
  const base = {name: 's1', network: 'net1'}

  it("builds OSC's body: ip_version 4 by default, gateway auto left out, pools, DNS, host routes as nexthop", () => {
    const plan = planSubnetCreate({
      ...base,
      subnetRange: '10.0.60.0/24',
      allocationPools: ['start=10.0.60.10,end=10.0.60.20'],
      dnsNameservers: ['10.0.60.2'],
      hostRoutes: ['destination=10.9.0.0/16,gateway=10.0.60.5'],
      dhcp: false,
    })
    expect(plan.network).toBe('net1')
    expect(plan.body).toEqual({
      name: 's1',
      cidr: '10.0.60.0/24',
      ip_version: 4,
      allocation_pools: [{start: '10.0.60.10', end: '10.0.60.20'}],
      dns_nameservers: ['10.0.60.2'],
      host_routes: [{destination: '10.9.0.0/16', nexthop: '10.0.60.5'}],
      enable_dhcp: false,
    })
  })

  it('--gateway none sends null; an address is checked against the IP version', () => {
    expect(planSubnetCreate({...base, subnetRange: '10.0.0.0/24', gateway: 'None'}).body.gateway_ip).toBeNull()
    expect(planSubnetCreate({...base, subnetRange: '2001:db8::/64', ipVersion: 6, gateway: '2001:db8::1'}).body.gateway_ip).toBe('2001:db8::1')
    expect(thrown(() => planSubnetCreate({...base, subnetRange: '10.0.0.0/24', gateway: '2001:db8::1'})).message).toBe(
      '--gateway 2001:db8::1: an IPv6 address where IPv4 is expected',
    )
  })

  it.each([
    [{subnetRange: 'banana'}, /^--subnet-range banana: not a CIDR/],
    [{subnetRange: '10.77.0.0/33'}, /^--subnet-range 10\.77\.0\.0\/33: not a CIDR/],
    [{}, /^--subnet-range is required/],
    [{subnetRange: '2001:db8::/64'}, /^--subnet-range 2001:db8::\/64 is an IPv6 range but --ip-version is 4 \(the default\)$/],
    [{subnetRange: '10.0.0.0/24', ipVersion: 6 as const}, /is an IPv4 range but --ip-version is 6$/],
    [{subnetRange: '10.0.0.0/24', allocationPools: ['start=10.0.1.1,end=10.0.1.5']}, /not inside the subnet range 10\.0\.0\.0\/24$/],
    [{subnetRange: '10.0.0.0/24', allocationPools: ['start=10.0.0.9,end=10.0.0.5']}, /start 10\.0\.0\.9 is after end 10\.0\.0\.5$/],
    [{subnetRange: '10.0.0.0/24', allocationPools: ['start=10.0.0.9']}, /Missing required keys end/],
    [{subnetRange: '10.0.0.0/24', dnsNameservers: ['dns.example']}, /^--dns-nameserver dns\.example: not an IP address$/],
    [{subnetRange: '10.0.0.0/24', hostRoutes: ['destination=10.9.0.0,gateway=10.0.0.1']}, /^--host-route destination 10\.9\.0\.0: not a CIDR/],
  ])('refuses %j before any call (usage error, exit 2)', (input, message) => {
    const err = thrown(() => planSubnetCreate({...base, ...input}))
    expect(err).toBeInstanceOf(UsageError)
    expect((err as UsageError).exitCode).toBe(ExitCode.Usage)
    expect(err.message).toMatch(message)
  })

  it('suggests the fix for a version mismatch', () => {
    expect((thrown(() => planSubnetCreate({...base, subnetRange: '2001:db8::/64'})) as UsageError).actions).toEqual(['add --ip-version 6'])
  })
})

describe('checkSubnetSet', () => {
  it("refuses --gateway auto with OSC's words, and bad values", () => {
    expect(thrown(() => checkSubnetSet({gateway: 'auto'})).message).toMatch(/Auto option is not available for Subnet Set/)
    expect(thrown(() => checkSubnetSet({dnsNameservers: ['x']}))).toBeInstanceOf(UsageError)
    expect(() => checkSubnetSet({gateway: 'none', allocationPools: ['start=10.0.0.2,end=10.0.0.3']})).not.toThrow()
  })
})

describe('planRuleCreate (OSC defaults and checks)', () => {
  it('ingress, any protocol (null), IPv4 and 0.0.0.0/0 by default', () => {
    expect(planRuleCreate({group: 'web'}).body).toEqual({protocol: null, direction: 'ingress', ethertype: 'IPv4', remote_ip_prefix: '0.0.0.0/0'})
  })

  it('tcp 22 → port_range 22:22; ipv6-icmp → IPv6 and ::/0; --egress; --remote-group leaves the prefix out', () => {
    expect(planRuleCreate({group: 'web', protocol: 'TCP', dstPort: '22'}).body).toMatchObject({protocol: 'tcp', port_range_min: 22, port_range_max: 22})
    expect(planRuleCreate({group: 'web', protocol: 'ipv6-icmp'}).body).toMatchObject({ethertype: 'IPv6', remote_ip_prefix: '::/0'})
    expect(planRuleCreate({group: 'web', egress: true}).body.direction).toBe('egress')
    const p = planRuleCreate({group: 'web', remoteGroup: 'db'})
    expect(p.remoteGroup).toBe('db')
    expect(p.body.remote_ip_prefix).toBeUndefined()
  })

  it('icmp type and code go in port_range_min/max; --dst-port is ignored for ICMP as in OSC', () => {
    expect(planRuleCreate({group: 'web', protocol: 'icmp', icmpType: 8, icmpCode: 0}).body).toMatchObject({port_range_min: 8, port_range_max: 0})
    expect(planRuleCreate({group: 'web', protocol: 'icmp', dstPort: '22'}).body.port_range_min).toBeUndefined()
  })

  it.each([
    [{protocol: 'tcp', icmpType: 3}, 'ICMP IP protocol required with arguments --icmp-type and --icmp-code'],
    [{protocol: 'icmp', icmpCode: 0}, 'Argument --icmp-type required with argument --icmp-code'],
    [{protocol: 'icmp', dstPort: '1', icmpType: 3}, 'Argument --dst-port not allowed with arguments --icmp-type and --icmp-code'],
    [{remoteIp: '::/0'}, "--remote-ip ::/0 is IPv6 but the rule's ethertype is IPv4"],
    [{remoteIp: 'anywhere'}, '--remote-ip anywhere: not an IP address or CIDR'],
    [{ethertype: 'IPv5'}, '--ethertype IPv5: expected IPv4 or IPv6'],
    [{protocol: 'tcp', dstPort: '139:137'}, '--dst-port 139:137: Invalid range, 139 is not less than 137'],
  ])('refuses %j: %s', (input, message) => {
    const err = thrown(() => planRuleCreate({group: 'web', ...input}))
    expect(err).toBeInstanceOf(UsageError)
    expect(err.message).toBe(message)
  })

  it('parsePortRange takes one port or a range', () => {
    expect(parsePortRange('80')).toEqual([80, 80])
    expect(parsePortRange('137:139')).toEqual([137, 139])
    expect(() => parsePortRange('1:2:3')).toThrow('Invalid range, too many values')
    expect(() => parsePortRange('70000')).toThrow(UsageError)
  })
})

describe('routers and ports', () => {
  it('router create: SNAT or fixed IPs without --external-gateway is refused before anything is created', () => {
    const err = thrown(() => planRouterCreate({name: 'r1', snat: false}))
    expect(err).toBeInstanceOf(UsageError)
    expect(err.message).toBe("You must specify '--external-gateway' in order to specify SNAT or fixed-ip values")
    expect(thrown(() => planRouterSet({fixedIps: ['subnet=s1']})).message).toBe(
      "You must specify '--external-gateway' in order to update the SNAT or fixed-ip values",
    )
    expect(planRouterCreate({name: 'r1', externalGateway: 'ext', snat: false, fixedIps: ['subnet=s1,ip-address=10.0.0.9']}).gateway).toEqual({
      network: 'ext',
      snat: false,
      fixedIps: [{subnet: 's1', ipAddress: '10.0.0.9'}],
    })
  })

  it('router set --route: destination must be a CIDR, gateway an address; sent as nexthop', () => {
    expect(planRouterSet({routes: ['destination=10.9.0.0/24,gateway=10.0.0.5']}).routes).toEqual([{destination: '10.9.0.0/24', nexthop: '10.0.0.5'}])
    expect(thrown(() => planRouterSet({routes: ['destination=10.9.0.0/24']})).message).toMatch(/Missing required keys gateway/)
  })

  it("interfaces_info: one entry per fixed IP, the gateway port left out, OSC's key order", () => {
    const info = interfacesInfo([
      {id: 'p1', device_owner: 'network:router_interface', fixed_ips: [{subnet_id: 's1', ip_address: '10.0.0.1'}]},
      {id: 'p2', device_owner: 'network:router_gateway', fixed_ips: [{subnet_id: 'ext', ip_address: '172.24.4.9'}]},
    ])
    expect(JSON.stringify(info)).toBe('[{"port_id":"p1","ip_address":"10.0.0.1","subnet_id":"s1"}]')
  })

  it('port --fixed-ip: subnet and ip-address keys, the address checked', () => {
    expect(parseFixedIps(['subnet=s1,ip-address=10.0.0.5'])).toEqual([{subnet: 's1', 'ip-address': '10.0.0.5', ipAddress: '10.0.0.5'}])
    expect(thrown(() => planPortCreate({name: 'p', network: 'n', fixedIps: ['ip-address=10.0.0.500']})).message).toBe(
      '--fixed-ip ip-address 10.0.0.500: not an IP address',
    )
    expect(thrown(() => planPortCreate({name: 'p', network: 'n', fixedIps: ['subnet=s1,ip=10.0.0.5']})).message).toMatch(/Invalid keys ip specified/)
    expect(thrown(() => planPortCreate({name: 'p', network: 'n', allowedAddresses: ['mac-address=fa:16:3e:00:00:01']})).message).toMatch(
      /Missing required keys ip-address/,
    )
  })
})

describe('tags and list queries', () => {
  it("network list filters use Neutron's wire names, tag filters comma-joined", () => {
    expect(
      networkListQuery({name: 'n', external: false, enabled: true, shared: false, providerNetworkType: 'vlan', providerSegment: '1001', anyTags: ['a', 'b']}),
    ).toEqual({
      name: 'n',
      'router:external': false,
      admin_state_up: true,
      shared: false,
      'provider:network_type': 'vlan',
      'provider:segmentation_id': '1001',
      'tags-any': 'a,b',
    })
    expect(tagQuery({tags: ['a'], notTags: ['b'], notAnyTags: ['c']})).toEqual({'tags': 'a', 'tags-any': undefined, 'not-tags': 'b', 'not-tags-any': 'c'})
  })
})
