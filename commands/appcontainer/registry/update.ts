import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerRegistryUpdate extends ZunCommand<typeof AppcontainerRegistryUpdate> {
  static override summary = 'Update one or more attributes of the registry'
  static override examples = ['<%= config.bin %> appcontainer registry update --password pw2 reg --os-region-name RegionOne']
  static override args = {registry: Args.string({description: 'ID or name of the registry to update.', required: true})}
  static override flags = {
    ...showOutputFlags,
    username: Flags.string({description: 'The new username of registry to update.'}),
    password: Flags.string({description: 'The new password of registry to update.'}),
    name: Flags.string({description: 'The new name of registry to update.'}),
    domain: Flags.string({description: 'The new domain of registry to update.'}),
  }

  async run() {
    const [{registryUpdateBody, updateRegistry}, {registryShowView}] = await Promise.all([
      import('../../../src/clients/zun/registries.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const {username, password, name, domain} = this.flags
    this.secrets.push(password)
    registryUpdateBody({username, password, name, domain}) // "You must update at least one property", before anything is sent
    const client = await this.zun()
    const v = registryShowView(await updateRegistry(client, this.args.registry, {username, password, name, domain}))
    return this.printShow(v.fields, v.values, v.human)
  }
}
