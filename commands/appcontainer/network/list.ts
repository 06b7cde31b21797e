import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {listOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerNetworkList extends ZunCommand<typeof AppcontainerNetworkList> {
  static override summary = 'List networks on a container'
  static override description = 'API 1.13+: one row per port, with its fixed IPs joined by ",".'
  static override examples = ['<%= config.bin %> appcontainer network list --os-region-name RegionOne web']
  static override flags = {
    ...listOutputFlags,
  }
  static override args = {container: Args.string({description: 'ID or name of the container to list networks.', required: true})}

  async run() {
    const [{listContainerNetworks}, {containerNetworkListView}] = await Promise.all([
      import('../../../src/clients/zun/container-api.js'),
      import('../../../src/views/zun-container.js'),
    ])
    const zc = await this.zun()
    const v = containerNetworkListView(await listContainerNetworks(zc, this.args.container))
    return this.printList(v.headers, v.rows, v.human)
  }
}
