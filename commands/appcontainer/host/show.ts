import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {containerApiVersionFlag, showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerHostShow extends ApiCommand<typeof AppcontainerHostShow> {
  static override summary = 'Show a host'
  static override description = 'API 1.4+, admin only. Every field the server returns, in its order.'
  static override examples = ['<%= config.bin %> appcontainer host show node1 --os-region-name RegionOne']
  static override args = {host: Args.string({description: 'ID or name of the host to show.', required: true})}
  static override flags = {
    ...showOutputFlags,
    ...containerApiVersionFlag,
  }

  async run() {
    const [{zunClient}, {getHost}, {hostShowView}] = await Promise.all([
      import('../../../src/clients/zun/client.js'),
      import('../../../src/clients/zun/hosts.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const {client} = await zunClient(await this.session(), undefined, this.flags['os-container-api-version'])
    const v = hostShowView(await getHost(client, this.args.host))
    return this.printShow(v.fields, v.values, v.human)
  }
}
