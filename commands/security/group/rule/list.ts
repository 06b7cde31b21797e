import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../../../src/cli/api-command.js'
import {listOutputFlags, regionFlags} from '../../../../src/cli/flags.js'

export default class SecurityGroupRuleList extends ApiCommand<typeof SecurityGroupRuleList> {
  static override summary = 'List security group rules'
  static override description =
    'Without a group every rule is listed, with a Security Group column. With --region (repeatable) or --all-regions ' +
    'the regions are listed in parallel with a Region column (the group is looked up in each); a failing region is ' +
    'reported on stderr and the exit code is 3. Unlike `openstack`, which ignores it, --ethertype filters.'
  static override examples = [
    '<%= config.bin %> security group rule list web',
    '<%= config.bin %> security group rule list --ingress --protocol tcp',
  ]
  static override args = {group: Args.string({description: 'List all rules in this security group (name or ID)'})}
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    protocol: Flags.string({description: 'List rules by the IP protocol (tcp, udp, icmp, … or a number)'}),
    ethertype: Flags.string({description: 'List rules by the Ethertype (IPv4 or IPv6)'}),
    ingress: Flags.boolean({description: 'List rules applied to incoming network traffic', exclusive: ['egress']}),
    egress: Flags.boolean({description: 'List rules applied to outgoing network traffic', exclusive: ['ingress']}),
    long: Flags.boolean({description: '**Deprecated** This argument is no longer needed'}),
    'all-projects': Flags.boolean({description: 'Accepted for compatibility', hidden: true}),
  }

  async run() {
    const [{ruleList}, {listInRegions}, {ruleListView}] = await Promise.all([
      import('../../../../src/clients/neutron/security-group-rules.js'),
      import('../../../../src/orchestration/regions.js'),
      import('../../../../src/views/security-group.js'),
    ])
    const f = this.flags
    if (f.long) this.warn('The --long option has been deprecated and is no longer needed')
    const filters = {
      group: this.args.group,
      protocol: f.protocol,
      ethertype: f.ethertype,
      direction: f.ingress ? ('ingress' as const) : f.egress ? ('egress' as const) : undefined,
    }
    const session = await this.session()
    const res = await listInRegions(session, 'network', {regions: f.region, all: f['all-regions']}, (c) => ruleList(c, filters))
    this.reportRegionFailures(res.failures)
    const view = ruleListView(res.items, {withGroup: !this.args.group, regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
