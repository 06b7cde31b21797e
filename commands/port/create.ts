import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {enableDisableFlags, projectFlag, showOutputFlags, tagSetFlags} from '../../src/cli/flags.js'

export default class PortCreate extends ApiCommand<typeof PortCreate> {
  static override summary = 'Create a new port'
  static override description =
    'The network, the subnets named in --fixed-ip and the security groups are all looked up before the port is created.'
  static override examples = [
    '<%= config.bin %> port create --network container-net p1',
    '<%= config.bin %> port create --network net1 --fixed-ip subnet=s1,ip-address=10.1.0.20 --device-owner compute:nova p2',
  ]
  static override args = {name: Args.string({description: 'Name of this port', required: true})}
  static override flags = {
    ...showOutputFlags,
    network: Flags.string({description: 'Network this port belongs to (name or ID)', required: true}),
    description: Flags.string({description: 'Description of this port'}),
    device: Flags.string({description: 'Port device ID'}),
    'mac-address': Flags.string({description: 'MAC address of this port (admin only)'}),
    'device-owner': Flags.string({description: 'Device owner of this port, e.g. network:dhcp'}),
    'vnic-type': Flags.string({
      description: 'VNIC type for this port (default: normal)',
      options: ['direct', 'direct-physical', 'macvtap', 'normal', 'baremetal', 'virtio-forwarder', 'vdpa', 'remote-managed'],
    }),
    host: Flags.string({description: 'Allocate port on host <host-id> (ID only)'}),
    'dns-domain': Flags.string({description: 'Set DNS domain to this port (requires dns_domain extension for ports)'}),
    'dns-name': Flags.string({description: 'Set DNS name for this port (requires DNS integration extension)'}),
    'fixed-ip': Flags.string({
      description: 'Desired IP and/or subnet (name or ID): subnet=<subnet>,ip-address=<ip-address> (repeatable)',
      multiple: true, multipleNonGreedy: true,
      exclusive: ['no-fixed-ip'],
    }),
    'no-fixed-ip': Flags.boolean({description: 'No IP or subnet for this port', exclusive: ['fixed-ip']}),
    ...enableDisableFlags('port', 'create'),
    ...projectFlag("Owner's project (name or ID)"),
    'security-group': Flags.string({
      description: 'Security group to associate with this port (name or ID) (repeatable)',
      multiple: true, multipleNonGreedy: true,
      exclusive: ['no-security-group'],
    }),
    'no-security-group': Flags.boolean({description: 'Associate no security groups with this port', exclusive: ['security-group']}),
    'enable-port-security': Flags.boolean({description: 'Enable port security for this port (default)', exclusive: ['disable-port-security']}),
    'disable-port-security': Flags.boolean({description: 'Disable port security for this port', exclusive: ['enable-port-security']}),
    'allowed-address': Flags.string({
      description: 'Allowed-address pair: ip-address=<ip-address>[,mac-address=<mac-address>] (repeatable)',
      multiple: true, multipleNonGreedy: true,
    }),
    ...tagSetFlags('port', 'create'),
  }

  async run() {
    const [neutron, {portShowView}] = await Promise.all([import('../../src/clients/neutron/index.js'), import('../../src/views/port.js')])
    const f = this.flags
    const plan = neutron.planPortCreate({
      name: this.args.name,
      network: f.network,
      description: f.description,
      device: f.device,
      deviceOwner: f['device-owner'],
      macAddress: f['mac-address'],
      enable: !f.disable,
      fixedIps: f['fixed-ip'],
      noFixedIp: f['no-fixed-ip'],
      securityGroups: f['security-group'],
      noSecurityGroup: f['no-security-group'],
      portSecurity: f['enable-port-security'] ? true : f['disable-port-security'] ? false : undefined,
      allowedAddresses: f['allowed-address'],
      vnicType: f['vnic-type'],
      host: f.host,
      dnsDomain: f['dns-domain'],
      dnsName: f['dns-name'],
      tags: f.tag,
      noTag: f['no-tag'],
    })
    const session = await this.session()
    if (f.project) plan.input.projectId = await this.projectId(f.project)
    const port = await neutron.portCreate(await session.client('network'), plan)
    const v = portShowView(port)
    return this.printShow(v.fields, v.values, v.human)
  }
}
