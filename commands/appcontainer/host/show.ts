import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerHostShow extends ZunCommand<typeof AppcontainerHostShow> {
  static override summary = 'Show a host'
  static override description = 'API 1.4+, admin only. Every field the server returns, in its order.'
  static override examples = ['<%= config.bin %> appcontainer host show node1 --os-region-name RegionOne']
  static override args = {host: Args.string({description: 'ID or name of the host to show.', required: true})}
  static override flags = {
    ...showOutputFlags,
  }

  async run() {
    const [{getHost}, {hostShowView}] = await Promise.all([
      import('../../../src/clients/zun/hosts.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const client = await this.zun()
    const v = hostShowView(await getHost(client, this.args.host))
    return this.printShow(v.fields, v.values, v.human)
  }
}
