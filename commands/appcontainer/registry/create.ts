import {Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerRegistryCreate extends ZunCommand<typeof AppcontainerRegistryCreate> {
  static override summary = 'Create a registry'
  static override description = 'A private image registry that containers can pull from (--registry). The password is stored and always shown as ***.'
  static override examples = [
    '<%= config.bin %> appcontainer registry create --name reg --username u --password pw --domain docker.io --os-region-name RegionOne',
  ]
  static override flags = {
    ...showOutputFlags,
    name: Flags.string({description: 'The name of the registry.'}),
    username: Flags.string({description: 'The username to login to the registry.'}),
    password: Flags.string({description: 'The password to login to the registry.'}),
    domain: Flags.string({description: 'The domain of the registry.', required: true}),
  }

  async run() {
    const [{createRegistry}, {registryShowView}] = await Promise.all([
      import('../../../src/clients/zun/registries.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const f = this.flags
    this.secrets.push(f.password)
    const client = await this.zun()
    const v = registryShowView(await createRegistry(client, {name: f.name, domain: f.domain, username: f.username, password: f.password}))
    return this.printShow(v.fields, v.values, v.human)
  }
}
