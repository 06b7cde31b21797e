import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'

export default class SecurityGroupDelete extends ApiCommand<typeof SecurityGroupDelete> {
  static override summary = 'Delete security group(s)'
  static override description =
    'Each group is looked up by name or ID and deleted; a failure is reported and the others are still deleted, ' +
    'then the command fails with "N of M groups failed to delete." (exit 3 when some were deleted, 1 when none was), as `openstack` words it.'
  static override examples = ['<%= config.bin %> security group delete web db']
  static override strict = false
  static override args = {group: Args.string({description: 'Security group(s) to delete (name or ID)', required: true})}

  async run() {
    const [{securityGroupDelete}, {forEachItem}] = await Promise.all([
      import('../../../src/clients/neutron/security-groups.js'),
      import('../../../src/orchestration/each.js'),
    ])
    const c = await (await this.session()).client('network')
    const res = await forEachItem(this.variadicArgs(), async (ref) => (await securityGroupDelete(c, ref)).id, (l) => this.logToStderr(l), {
      thing: 'group',
      verb: 'delete',
      interrupt: this.interrupt,
    })
    return {deleted: res.done.map((d) => d.value)}
  }
}
