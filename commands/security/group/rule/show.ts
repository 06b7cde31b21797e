import {Args} from '@oclif/core'

import {ApiCommand} from '../../../../src/cli/api-command.js'
import {showOutputFlags} from '../../../../src/cli/flags.js'

export default class SecurityGroupRuleShow extends ApiCommand<typeof SecurityGroupRuleShow> {
  static override summary = 'Display security group rule details'
  static override examples = ['<%= config.bin %> security group rule show 314baf6d-6fe3-47ed-a015-63538a7c8a7d']
  static override args = {rule: Args.string({description: 'Security group rule to display (ID only)', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{findSecurityGroupRule}, {ruleShowView}] = await Promise.all([
      import('../../../../src/clients/neutron/security-group-rules.js'),
      import('../../../../src/views/security-group.js'),
    ])
    const rule = await findSecurityGroupRule(await (await this.session()).client('network'), this.args.rule)
    const v = ruleShowView(rule, {fillRemote: true})
    return this.printShow(v.fields, v.values, v.human)
  }
}
