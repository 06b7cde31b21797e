import type {UpdateNetworkOpts} from '../../src/clients/neutron/index.js'

import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {enableDisableFlags, tagSetFlags} from '../../src/cli/flags.js'

export default class NetworkSet extends ApiCommand<typeof NetworkSet> {
  static override summary = 'Set network properties'
  static override description = 'Prints nothing, as `openstack network set` does (--json returns the updated network).'
  static override examples = [
    '<%= config.bin %> network set net1 --name net2 --description "web tier"',
    '<%= config.bin %> network set net1 --no-tag --tag blue --os-region-name RegionOne',
  ]
  static override args = {network: Args.string({description: 'Network to modify (name or ID)', required: true})}
  static override flags = {
    name: Flags.string({description: 'Set network name'}),
    ...enableDisableFlags('network', 'set'),
    share: Flags.boolean({description: 'Share the network between projects (--no-share: do not)', allowNo: true}),
    description: Flags.string({description: 'Set network description'}),
    mtu: Flags.integer({description: 'Set network mtu', min: 68}),
    'enable-port-security': Flags.boolean({
      description: 'Enable port security by default for ports created on this network',
      exclusive: ['disable-port-security'],
    }),
    'disable-port-security': Flags.boolean({
      description: 'Disable port security by default for ports created on this network',
      exclusive: ['enable-port-security'],
    }),
    external: Flags.boolean({description: 'Set this network as an external network', exclusive: ['internal']}),
    internal: Flags.boolean({description: 'Set this network as an internal network', exclusive: ['external']}),
    default: Flags.boolean({description: 'Set the network as the default external network (--no-default: do not)', allowNo: true}),
    'provider-network-type': Flags.string({description: 'The physical mechanism of the network: flat, geneve, gre, local, vlan, vxlan'}),
    'provider-physical-network': Flags.string({description: 'Name of the physical network over which the network is implemented'}),
    'provider-segment': Flags.string({description: 'VLAN ID for VLAN networks or Tunnel ID for GENEVE/GRE/VXLAN networks'}),
    'dns-domain': Flags.string({description: 'Set DNS domain for this network (requires DNS integration extension)'}),
    ...tagSetFlags('network', 'set'),
  }

  async run() {
    const {networkSet, requireInt} = await import('../../src/clients/neutron/index.js')
    const f = this.flags
    const opts: UpdateNetworkOpts = {}
    if (f.name !== undefined) opts.name = f.name
    if (f.enable) opts.admin_state_up = true
    if (f.disable) opts.admin_state_up = false
    if (f.share !== undefined) opts.shared = f.share
    if (f.description) opts.description = f.description
    if (f.mtu) opts.mtu = f.mtu
    if (f['enable-port-security']) opts.port_security_enabled = true
    if (f['disable-port-security']) opts.port_security_enabled = false
    if (f.external) opts['router:external'] = true
    if (f.internal) opts['router:external'] = false
    if (f.default !== undefined) opts.is_default = f.default
    if (f['provider-network-type']) opts['provider:network_type'] = f['provider-network-type']
    if (f['provider-physical-network']) opts['provider:physical_network'] = f['provider-physical-network']
    if (f['provider-segment']) opts['provider:segmentation_id'] = requireInt('--provider-segment', f['provider-segment'], {min: 0})
    if (f['dns-domain']) opts.dns_domain = f['dns-domain']
    const c = await (await this.session()).client('network')
    return networkSet(c, this.args.network, opts, {tags: f.tag, noTag: f['no-tag']})
  }
}
