import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {tagSetFlags} from '../../src/cli/flags.js'

export default class SubnetSet extends ApiCommand<typeof SubnetSet> {
  static override summary = 'Set subnet properties'
  static override description =
    'Pools, DNS servers, host routes and service types are added to the current ones; give the matching --no-… flag as ' +
    'well to replace them. Prints nothing (--json returns the updated subnet).'
  static override examples = [
    '<%= config.bin %> subnet set s1 --name s1-web --dns-nameserver 10.0.0.2',
    '<%= config.bin %> subnet set s1 --no-allocation-pool --allocation-pool start=10.1.0.20,end=10.1.0.50',
  ]
  static override args = {subnet: Args.string({description: 'Subnet to modify (name or ID)', required: true})}
  static override flags = {
    name: Flags.string({description: 'Updated name of the subnet'}),
    dhcp: Flags.boolean({description: 'Enable DHCP (--no-dhcp: disable)', allowNo: true}),
    'dns-publish-fixed-ip': Flags.boolean({description: 'Enable publishing fixed IPs in DNS (--no-dns-publish-fixed-ip: disable)', allowNo: true}),
    gateway: Flags.string({description: "Gateway: an IP address or 'none'"}),
    description: Flags.string({description: 'Set subnet description'}),
    'allocation-pool': Flags.string({description: 'Allocation pool, e.g. start=192.168.199.2,end=192.168.199.254 (repeatable)', multiple: true, multipleNonGreedy: true}),
    'no-allocation-pool': Flags.boolean({description: 'Clear the allocation pools (with --allocation-pool: replace them)'}),
    'dns-nameserver': Flags.string({description: 'DNS server for this subnet (repeatable)', multiple: true, multipleNonGreedy: true}),
    'no-dns-nameservers': Flags.boolean({description: 'Clear the DNS servers (with --dns-nameserver: replace them)'}),
    'host-route': Flags.string({description: 'Additional route, e.g. destination=10.10.0.0/16,gateway=192.168.71.254 (repeatable)', multiple: true, multipleNonGreedy: true}),
    'no-host-route': Flags.boolean({description: 'Clear the host routes (with --host-route: replace them)'}),
    'service-type': Flags.string({description: 'Service type for this subnet (repeatable)', multiple: true, multipleNonGreedy: true}),
    ...tagSetFlags('subnet', 'set'),
  }

  async run() {
    const {checkSubnetSet, subnetSet} = await import('../../src/clients/neutron/subnets.js')
    const f = this.flags
    const input = {
      name: f.name,
      description: f.description,
      dhcp: f.dhcp,
      dnsPublishFixedIp: f['dns-publish-fixed-ip'],
      gateway: f.gateway,
      allocationPools: f['allocation-pool'],
      noAllocationPool: f['no-allocation-pool'],
      dnsNameservers: f['dns-nameserver'],
      noDnsNameservers: f['no-dns-nameservers'],
      hostRoutes: f['host-route'],
      noHostRoute: f['no-host-route'],
      serviceTypes: f['service-type'],
      tags: f.tag,
      noTag: f['no-tag'],
    }
    checkSubnetSet(input)
    return subnetSet(await (await this.session()).client('network'), this.args.subnet, input)
  }
}
