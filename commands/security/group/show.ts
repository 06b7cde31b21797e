import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class SecurityGroupShow extends ApiCommand<typeof SecurityGroupShow> {
  static override summary = 'Display security group details'
  static override examples = ['<%= config.bin %> security group show default', '<%= config.bin %> security group show web -f json']
  static override args = {group: Args.string({description: 'Security group to display (name or ID)', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{findSecurityGroup}, {securityGroupShowView}] = await Promise.all([
      import('../../../src/clients/neutron/security-groups.js'),
      import('../../../src/views/security-group.js'),
    ])
    const sg = await findSecurityGroup(await (await this.session()).client('network'), this.args.group)
    const v = securityGroupShowView(sg)
    return this.printShow(v.fields, v.values, v.human)
  }
}
