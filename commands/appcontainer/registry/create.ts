import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {containerApiVersionFlag, showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerRegistryCreate extends ApiCommand<typeof AppcontainerRegistryCreate> {
  static override summary = 'Create a registry'
  static override description = 'A private image registry that containers can pull from (--registry). The password is stored and always shown as ***.'
  static override examples = [
    '<%= config.bin %> appcontainer registry create --name reg --username u --password pw --domain docker.io --os-region-name RegionOne',
  ]
  static override flags = {
    ...showOutputFlags,
    ...containerApiVersionFlag,
    name: Flags.string({description: 'The name of the registry.'}),
    username: Flags.string({description: 'The username to login to the registry.'}),
    password: Flags.string({description: 'The password to login to the registry.'}),
    domain: Flags.string({description: 'The domain of the registry.', required: true}),
  }

  async run() {
    const [{zunClient}, {createRegistry}, {registryShowView}] = await Promise.all([
      import('../../../src/clients/zun/client.js'),
      import('../../../src/clients/zun/registries.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const f = this.flags
    this.secrets.push(f.password)
    const {client} = await zunClient(await this.session(), undefined, f['os-container-api-version'])
    const v = registryShowView(await createRegistry(client, {name: f.name, domain: f.domain, username: f.username, password: f.password}))
    return this.printShow(v.fields, v.values, v.human)
  }
}
