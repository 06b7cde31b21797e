import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerServiceDisable extends ZunCommand<typeof AppcontainerServiceDisable> {
  static override summary = 'Disable the Zun service.'
  static override description = 'Admin only. A disabled zun-compute gets no new containers.'
  static override examples = ['<%= config.bin %> appcontainer service disable --reason maint node1 zun-compute --os-region-name RegionOne']
  static override args = {
    host: Args.string({description: 'Name of host', required: true}),
    binary: Args.string({description: 'Name of the binary to disable', required: true}),
  }
  static override flags = {
    ...showOutputFlags,
    reason: Flags.string({description: 'Reason for disabling service'}),
  }

  async run() {
    const [{disableService}, {serviceStateView}] = await Promise.all([
      import('../../../src/clients/zun/services.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const client = await this.zun()
    const v = serviceStateView(await disableService(client, this.args.host, this.args.binary, this.flags.reason))
    return this.printShow(v.fields, v.values, v.human)
  }
}
