import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'

export default class NetworkDelete extends ApiCommand<typeof NetworkDelete> {
  static override summary = 'Delete network(s)'
  static override description =
    'Each network is looked up by name or ID and deleted; a failure is reported and the others are still deleted, ' +
    'then the command fails with "N of M networks failed to delete." (exit 3 when some were deleted, 1 when none was).'
  static override examples = ['<%= config.bin %> network delete net1 net2', '<%= config.bin %> network delete net1 --os-region-name RegionOne']
  static override strict = false
  static override args = {network: Args.string({description: 'Network(s) to delete (name or ID)', required: true})}

  async run() {
    const [{networkDelete}, {forEachItem}] = await Promise.all([
      import('../../src/clients/neutron/networks.js'),
      import('../../src/orchestration/each.js'),
    ])
    const c = await (await this.session()).client('network')
    const res = await forEachItem(this.variadicArgs(), async (ref) => (await networkDelete(c, ref)).id, (l) => this.logToStderr(l), {
      thing: 'network',
      verb: 'delete',
      interrupt: this.interrupt,
    })
    return {deleted: res.done.map((d) => d.value)}
  }
}
