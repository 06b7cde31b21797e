import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {projectFlag, showOutputFlags, tagSetFlags} from '../../src/cli/flags.js'

export default class SubnetCreate extends ApiCommand<typeof SubnetCreate> {
  static override summary = 'Create a subnet'
  static override description =
    'The range, gateway, pools, DNS servers and host routes are checked before anything is sent: bad values are usage ' +
    'errors (exit 2) naming the flag. Neutron errors (an overlapping range, say) are printed as Neutron sent them (exit 1).'
  static override examples = [
    '<%= config.bin %> subnet create --network container-net --subnet-range 10.0.60.0/24 container-subnet',
    '<%= config.bin %> subnet create --network net1 --subnet-range 10.1.0.0/24 --allocation-pool start=10.1.0.10,end=10.1.0.99 --no-dhcp s1',
    '<%= config.bin %> subnet create --network net1 --subnet-range 2001:db8::/64 --ip-version 6 s6 --os-region-name RegionOne',
  ]
  static override args = {name: Args.string({description: 'New subnet name', required: true})}
  static override flags = {
    ...showOutputFlags,
    network: Flags.string({description: 'Network this subnet belongs to (name or ID)', required: true}),
    'subnet-range': Flags.string({description: 'Subnet range in CIDR notation'}),
    ...projectFlag("Owner's project (name or ID)"),
    dhcp: Flags.boolean({description: 'Enable DHCP (default; --no-dhcp: disable)', allowNo: true}),
    'dns-publish-fixed-ip': Flags.boolean({description: 'Enable publishing fixed IPs in DNS (--no-dns-publish-fixed-ip: disable)', allowNo: true}),
    gateway: Flags.string({description: "Gateway: an IP address, 'auto' (chosen from the range) or 'none'", default: 'auto'}),
    'ip-version': Flags.string({description: 'IP version (default: 4)', options: ['4', '6']}),
    'ipv6-ra-mode': Flags.string({description: 'IPv6 RA (Router Advertisement) mode', options: ['dhcpv6-stateful', 'dhcpv6-stateless', 'slaac']}),
    'ipv6-address-mode': Flags.string({description: 'IPv6 address mode', options: ['dhcpv6-stateful', 'dhcpv6-stateless', 'slaac']}),
    description: Flags.string({description: 'Set subnet description'}),
    'allocation-pool': Flags.string({
      description: 'Allocation pool IP addresses, e.g. start=192.168.199.2,end=192.168.199.254 (repeatable)',
      multiple: true, multipleNonGreedy: true,
    }),
    'dns-nameserver': Flags.string({description: 'DNS server for this subnet (repeatable)', multiple: true, multipleNonGreedy: true}),
    'host-route': Flags.string({
      description: 'Additional route, e.g. destination=10.10.0.0/16,gateway=192.168.71.254 (repeatable)',
      multiple: true, multipleNonGreedy: true,
    }),
    'service-type': Flags.string({description: 'Service type for this subnet, e.g. network:floatingip_agent_gateway (repeatable)', multiple: true, multipleNonGreedy: true}),
    ...tagSetFlags('subnet', 'create'),
  }

  async run() {
    const [neutron, {subnetShowView}] = await Promise.all([import('../../src/clients/neutron/index.js'), import('../../src/views/subnet.js')])
    const f = this.flags
    // Everything that can be checked without the cloud is checked before the first request.
    const plan = neutron.planSubnetCreate({
      name: this.args.name,
      network: f.network,
      subnetRange: f['subnet-range'],
      ipVersion: f['ip-version'] === undefined ? undefined : f['ip-version'] === '6' ? 6 : 4,
      gateway: f.gateway,
      dhcp: f.dhcp,
      dnsPublishFixedIp: f['dns-publish-fixed-ip'],
      allocationPools: f['allocation-pool'],
      dnsNameservers: f['dns-nameserver'],
      hostRoutes: f['host-route'],
      serviceTypes: f['service-type'],
      description: f.description,
      ipv6RaMode: f['ipv6-ra-mode'],
      ipv6AddressMode: f['ipv6-address-mode'],
      tags: f.tag,
      noTag: f['no-tag'],
    })
    const session = await this.session()
    if (f.project) plan.body.project_id = await this.projectId(f.project)
    const sub = await neutron.subnetCreate(await session.client('network'), plan)
    const v = subnetShowView(sub)
    return this.printShow(v.fields, v.values, v.human)
  }
}
