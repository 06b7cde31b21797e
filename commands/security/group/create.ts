import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

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
    project: Flags.string({description: "Owner's project (name or ID)"}),
    stateful: Flags.boolean({description: 'Security group is stateful (default)', exclusive: ['stateless']}),
    stateless: Flags.boolean({description: 'Security group is stateless', exclusive: ['stateful']}),
    tag: Flags.string({description: 'Tag to be added to the security group (repeatable)', multiple: true, multipleNonGreedy: true, exclusive: ['no-tag']}),
    'no-tag': Flags.boolean({description: 'No tags associated with the security group', exclusive: ['tag']}),
  }

  async run() {
    const [neutron, {securityGroupShowView}] = await Promise.all([
      import('../../../src/clients/neutron/index.js'),
      import('../../../src/views/security-group.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const projectId = f.project ? (await neutron.findProject(session.identityClient(), f.project)).id : undefined
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
