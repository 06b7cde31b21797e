import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../../../src/cli/api-command.js'
import {projectFlag, showOutputFlags} from '../../../../src/cli/flags.js'

export default class SecurityGroupRuleCreate extends ApiCommand<typeof SecurityGroupRuleCreate> {
  static override summary = 'Create a new security group rule'
  static override description =
    'Defaults as in `openstack`: ingress, any protocol, IPv4 (IPv6 for ipv6-* protocols), remote 0.0.0.0/0 or ::/0. ' +
    'Conflicting options are usage errors (exit 2), reported before anything is sent.'
  static override examples = [
    '<%= config.bin %> security group rule create --protocol tcp --dst-port 22 web',
    '<%= config.bin %> security group rule create --protocol icmp --icmp-type 8 --remote-ip 10.0.0.0/8 web',
    '<%= config.bin %> security group rule create --egress --ethertype IPv6 --remote-group web db',
  ]
  static override args = {group: Args.string({description: 'Create rule in this security group (name or ID)', required: true})}
  static override flags = {
    ...showOutputFlags,
    'remote-ip': Flags.string({description: 'Remote IP address block (may use CIDR notation)', exclusive: ['remote-group']}),
    'remote-group': Flags.string({description: 'Remote security group (name or ID)', exclusive: ['remote-ip']}),
    'dst-port': Flags.string({description: 'Destination port, may be a single port or a starting and ending port range: 137:139'}),
    protocol: Flags.string({description: 'IP protocol (tcp, udp, icmp, ipv6-icmp, … or a number 0-255, or any; default: any)', exclusive: ['proto']}),
    proto: Flags.string({description: 'Same as --protocol', hidden: true, exclusive: ['protocol']}),
    description: Flags.string({description: 'Set security group rule description'}),
    'icmp-type': Flags.integer({description: 'ICMP type for ICMP IP protocols'}),
    'icmp-code': Flags.integer({description: 'ICMP code for ICMP IP protocols'}),
    ingress: Flags.boolean({description: 'Rule applies to incoming network traffic (default)', exclusive: ['egress']}),
    egress: Flags.boolean({description: 'Rule applies to outgoing network traffic', exclusive: ['ingress']}),
    ethertype: Flags.string({description: 'Ethertype of network traffic (IPv4, IPv6; default: based on IP protocol)'}),
    ...projectFlag("Owner's project (name or ID)"),
  }

  async run() {
    const [neutron, {ruleShowView}] = await Promise.all([
      import('../../../../src/clients/neutron/index.js'),
      import('../../../../src/views/security-group.js'),
    ])
    const f = this.flags
    const plan = neutron.planRuleCreate({
      group: this.args.group,
      remoteIp: f['remote-ip'],
      remoteGroup: f['remote-group'],
      dstPort: f['dst-port'],
      protocol: f.protocol ?? f.proto,
      description: f.description,
      icmpType: f['icmp-type'],
      icmpCode: f['icmp-code'],
      egress: f.egress,
      ethertype: f.ethertype,
    })
    const session = await this.session()
    if (f.project) plan.body.project_id = await this.projectId(f.project)
    const rule = await neutron.ruleCreate(await session.client('network'), plan)
    const v = ruleShowView(rule)
    return this.printShow(v.fields, v.values, v.human)
  }
}
