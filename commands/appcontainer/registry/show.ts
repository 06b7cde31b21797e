import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerRegistryShow extends ZunCommand<typeof AppcontainerRegistryShow> {
  static override summary = 'Show a registry'
  static override examples = ['<%= config.bin %> appcontainer registry show reg --os-region-name RegionOne']
  static override args = {registry: Args.string({description: 'ID or name of the registry to show.', required: true})}
  static override flags = {
    ...showOutputFlags,
  }

  async run() {
    const [{getRegistry}, {registryShowView}] = await Promise.all([
      import('../../../src/clients/zun/registries.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const client = await this.zun()
    const v = registryShowView(await getRegistry(client, this.args.registry))
    return this.printShow(v.fields, v.values, v.human)
  }
}
