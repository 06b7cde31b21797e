import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerServiceEnable extends ZunCommand<typeof AppcontainerServiceEnable> {
  static override summary = 'Enable the Zun service.'
  static override description = 'Admin only. Prints Host, Binary, Disabled and Disabled Reason as the server answers them.'
  static override examples = ['<%= config.bin %> appcontainer service enable node1 zun-compute --os-region-name RegionOne']
  static override args = {
    host: Args.string({description: 'Name of host', required: true}),
    binary: Args.string({description: 'Name of the binary to enable', required: true}),
  }
  static override flags = {
    ...showOutputFlags,
  }

  async run() {
    const [{enableService}, {serviceStateView}] = await Promise.all([
      import('../../../src/clients/zun/services.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const client = await this.zun()
    const v = serviceStateView(await enableService(client, this.args.host, this.args.binary))
    return this.printShow(v.fields, v.values, v.human)
  }
}
