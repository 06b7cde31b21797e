import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {projectFlag, showOutputFlags, tagSetFlags} from '../../../src/cli/flags.js'

export default class SecurityGroupCreate extends ApiCommand<typeof SecurityGroupCreate> {
  static override summary = 'Create a new security group'
  static override examples = [
    '<%= config.bin %> security group create web',
    '<%= config.bin %> security group create web --description "HTTP in" --os-region-name RegionOne',
  ]
  static override args = {name: Args.string({description: 'New security group name', required: true})}
  static override flags = {
    ...showOutputFlags,
    description: Flags.string({description: 'Security group description (default: the name)'}),
    ...projectFlag("Owner's project (name or ID)"),
    stateful: Flags.boolean({description: 'Security group is stateful (default)', exclusive: ['stateless']}),
    stateless: Flags.boolean({description: 'Security group is stateless', exclusive: ['stateful']}),
    ...tagSetFlags('security group', 'create'),
  }

  async run() {
    const [neutron, {securityGroupShowView}] = await Promise.all([
      import('../../../src/clients/neutron/index.js'),
      import('../../../src/views/security-group.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const projectId = await this.projectId(f.project)
    const sg = await neutron.securityGroupCreate(await session.client('network'), {
      name: this.args.name,
      description: f.description,
      stateful: f.stateful ? true : f.stateless ? false : undefined,
      projectId,
      tags: f.tag,
      noTag: f['no-tag'],
    })
    const v = securityGroupShowView(sg)
    return this.printShow(v.fields, v.values, v.human)
  }
}
