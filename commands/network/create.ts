import {Args, Flags} from '@oclif/core'

import type {CreateNetworkOpts} from '../../src/clients/neutron/index.js'

import {ApiCommand} from '../../src/cli/api-command.js'
import {enableDisableFlags, projectFlag, showOutputFlags, tagSetFlags} from '../../src/cli/flags.js'

export default class NetworkCreate extends ApiCommand<typeof NetworkCreate> {
  static override summary = 'Create new network'
  static override description =
    'Prints every field of the new network, sorted, as `openstack network create` does. Tags are set in a second call ' +
    '(Neutron takes none in a POST); if that fails the network is deleted again.'
  static override examples = [
    '<%= config.bin %> network create container-net',
    '<%= config.bin %> network create ext-net --external --provider-network-type flat --provider-physical-network physnet1',
    '<%= config.bin %> network create net1 --os-region-name RegionOne --tag web -f json',
  ]
  static override args = {name: Args.string({description: 'New network name', required: true})}
  static override flags = {
    ...showOutputFlags,
    share: Flags.boolean({description: 'Share the network between projects (--no-share: do not)', allowNo: true}),
    ...enableDisableFlags('network', 'create'),
    ...projectFlag("Owner's project (name or ID)"),
    description: Flags.string({description: 'Set network description'}),
    mtu: Flags.integer({description: 'Set network mtu', min: 68}),
    'availability-zone-hint': Flags.string({
      description: 'Availability Zone in which to create this network (repeatable)',
      multiple: true, multipleNonGreedy: true,
    }),
    'enable-port-security': Flags.boolean({
      description: 'Enable port security by default for ports created on this network (default)',
      exclusive: ['disable-port-security'],
    }),
    'disable-port-security': Flags.boolean({
      description: 'Disable port security by default for ports created on this network',
      exclusive: ['enable-port-security'],
    }),
    external: Flags.boolean({description: 'Set this network as an external network', exclusive: ['internal']}),
    internal: Flags.boolean({description: 'Set this network as an internal network (default)', exclusive: ['external']}),
    default: Flags.boolean({description: 'Use this network as the default external network (--no-default: do not)', allowNo: true}),
    'provider-network-type': Flags.string({description: 'The physical mechanism of the network: flat, geneve, gre, local, vlan, vxlan'}),
    'provider-physical-network': Flags.string({description: 'Name of the physical network over which the network is implemented'}),
    'provider-segment': Flags.string({description: 'VLAN ID for VLAN networks or Tunnel ID for GENEVE/GRE/VXLAN networks'}),
    'transparent-vlan': Flags.boolean({description: 'Make the network VLAN transparent (--no-transparent-vlan: do not)', allowNo: true}),
    'dns-domain': Flags.string({description: 'Set DNS domain for this network (requires DNS integration extension)'}),
    ...tagSetFlags('network', 'create'),
  }

  async run() {
    const [neutron, {networkShowView}] = await Promise.all([import('../../src/clients/neutron/index.js'), import('../../src/views/network.js')])
    const f = this.flags
    const opts: CreateNetworkOpts = {name: this.args.name, admin_state_up: !f.disable}
    if (f.share !== undefined) opts.shared = f.share
    if (f.description) opts.description = f.description
    if (f.mtu) opts.mtu = f.mtu
    if (f['availability-zone-hint']) opts.availability_zone_hints = f['availability-zone-hint']
    if (f['enable-port-security']) opts.port_security_enabled = true
    if (f['disable-port-security']) opts.port_security_enabled = false
    if (f.external) opts['router:external'] = true
    if (f.internal) opts['router:external'] = false
    if (f.default !== undefined) opts.is_default = f.default
    if (f['provider-network-type']) opts['provider:network_type'] = f['provider-network-type']
    if (f['provider-physical-network']) opts['provider:physical_network'] = f['provider-physical-network']
    if (f['provider-segment']) opts['provider:segmentation_id'] = neutron.requireInt('--provider-segment', f['provider-segment'], {min: 0})
    if (f['transparent-vlan'] !== undefined) opts.vlan_transparent = f['transparent-vlan']
    if (f['dns-domain']) opts.dns_domain = f['dns-domain']
    const session = await this.session()
    if (f.project) opts.project_id = await this.projectId(f.project)
    const net = await neutron.networkCreate(await session.client('network'), opts, {tags: f.tag, noTag: f['no-tag']})
    const v = networkShowView(net)
    return this.printShow(v.fields, v.values, v.human)
  }
}
