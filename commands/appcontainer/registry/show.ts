import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {containerApiVersionFlag, showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerRegistryShow extends ApiCommand<typeof AppcontainerRegistryShow> {
  static override summary = 'Show a registry'
  static override examples = ['<%= config.bin %> appcontainer registry show reg --os-region-name RegionOne']
  static override args = {registry: Args.string({description: 'ID or name of the registry to show.', required: true})}
  static override flags = {
    ...showOutputFlags,
    ...containerApiVersionFlag,
  }

  async run() {
    const [{zunClient}, {getRegistry}, {registryShowView}] = await Promise.all([
      import('../../../src/clients/zun/client.js'),
      import('../../../src/clients/zun/registries.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const {client} = await zunClient(await this.session(), undefined, this.flags['os-container-api-version'])
    const v = registryShowView(await getRegistry(client, this.args.registry))
    return this.printShow(v.fields, v.values, v.human)
  }
}
