import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

export default class AppcontainerStats extends ZunCommand<typeof AppcontainerStats> {
  static override summary = 'Display stats of the container.'
  static override description = 'CPU, memory, block and network I/O as Zun reports them. Allowed in Running.'
  static override examples = ['<%= config.bin %> appcontainer stats --os-region-name RegionOne web']
  static override flags = {
    ...showOutputFlags,
    // One value per -c (oclif's multiple flags are greedy and would eat the positional after them, e.g. `-c uuid cirros`).
    column: Flags.string({char: 'c', description: 'Field to show (repeatable)', multiple: true, multipleNonGreedy: true, helpGroup: 'OUTPUT FORMATTERS'}),
  }
  static override args = {container: Args.string({description: 'ID or name of the (container)s to display stats.', required: true})}

  async run() {
    const [{containerStats}, {containerStatsView}] = await Promise.all([
      import('../../src/clients/zun/container-api.js'),
      import('../../src/views/zun-container.js'),
    ])
    const zc = await this.zun()
    const v = containerStatsView(await containerStats(zc, this.args.container))
    return this.printShow(v.fields, v.values, v.human)
  }
}
