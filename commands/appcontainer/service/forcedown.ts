import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerServiceForcedown extends ZunCommand<typeof AppcontainerServiceForcedown> {
  static override summary = 'Force the Zun service to down or up.'
  static override description = 'Admin only. Sends forced_down=True, or False with --unset.'
  static override examples = [
    '<%= config.bin %> appcontainer service forcedown node1 zun-compute --os-region-name RegionOne',
    '<%= config.bin %> appcontainer service forcedown --unset node1 zun-compute --os-region-name RegionOne',
  ]
  static override args = {
    host: Args.string({description: 'Name of host', required: true}),
    binary: Args.string({description: 'Name of the binary to disable', required: true}),
  }
  static override flags = {
    ...showOutputFlags,
    unset: Flags.boolean({description: 'Unset the force state down of service'}),
  }

  async run() {
    const [{forceDownService}, {serviceForcedDownView}] = await Promise.all([
      import('../../../src/clients/zun/services.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const client = await this.zun()
    const v = serviceForcedDownView(await forceDownService(client, this.args.host, this.args.binary, !this.flags.unset))
    return this.printShow(v.fields, v.values, v.human)
  }
}
