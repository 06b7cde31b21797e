import {Args} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

export default class AppcontainerStats extends ZunCommand<typeof AppcontainerStats> {
  static override summary = 'Display stats of the container.'
  static override description = 'CPU, memory, block and network I/O as Zun reports them. Allowed in Running.'
  static override examples = ['<%= config.bin %> appcontainer stats --os-region-name RegionOne web']
  static override flags = {
    ...showOutputFlags,
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
