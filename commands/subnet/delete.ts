import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'

export default class SubnetDelete extends ApiCommand<typeof SubnetDelete> {
  static override summary = 'Delete subnet(s)'
  static override description =
    'Each subnet is looked up by name or ID and deleted; a failure is reported and the others are still deleted, ' +
    'then the command fails with "N of M subnets failed to delete." (exit 3 when some were deleted, 1 when none was).'
  static override examples = ['<%= config.bin %> subnet delete s1 s2', '<%= config.bin %> subnet delete s1 --os-region-name RegionOne']
  static override strict = false
  static override args = {subnet: Args.string({description: 'Subnet(s) to delete (name or ID)', required: true})}

  async run() {
    const [{subnetDelete}, {forEachItem}] = await Promise.all([import('../../src/clients/neutron/subnets.js'), import('../../src/orchestration/each.js')])
    const c = await (await this.session()).client('network')
    const res = await forEachItem(this.variadicArgs(), async (ref) => (await subnetDelete(c, ref)).id, (l) => this.logToStderr(l), {
      thing: 'subnet',
      verb: 'delete',
      interrupt: this.interrupt,
    })
    return {deleted: res.done.map((d) => d.value)}
  }
}
