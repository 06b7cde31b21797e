import {Args} from '@oclif/core'

import {ApiCommand} from '../../../../src/cli/api-command.js'

export default class SecurityGroupRuleDelete extends ApiCommand<typeof SecurityGroupRuleDelete> {
  static override summary = 'Delete security group rule(s)'
  static override description =
    'Each rule (by ID) is deleted; a failure is reported and the others are still deleted, then the command fails ' +
    'with "N of M rules failed to delete." (exit 3 when some were deleted, 1 when none was).'
  static override examples = ['<%= config.bin %> security group rule delete 314baf6d-6fe3-47ed-a015-63538a7c8a7d']
  static override strict = false
  static override args = {rule: Args.string({description: 'Security group rule(s) to delete (ID only)', required: true})}

  async run() {
    const [{ruleDelete}, {forEachItem}] = await Promise.all([
      import('../../../../src/clients/neutron/security-group-rules.js'),
      import('../../../../src/orchestration/each.js'),
    ])
    const c = await (await this.session()).client('network')
    const res = await forEachItem(this.variadicArgs(), async (ref) => (await ruleDelete(c, ref)).id, (l) => this.logToStderr(l), {
      thing: 'rule',
      verb: 'delete',
      interrupt: this.interrupt,
    })
    return {deleted: res.done.map((d) => d.value)}
  }
}
