import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerQuotaGet extends ZunCommand<typeof AppcontainerQuotaGet> {
  static override summary = 'Get quota of the project'
  static override description = 'Admin, or a member of the project. With --usages each limit is shown as {limit, in_use}.'
  static override examples = [
    '<%= config.bin %> appcontainer quota get 2b1c6a3e9f0d4c7e8a5b1d2f3e4c5a6b --os-region-name RegionOne',
    '<%= config.bin %> appcontainer quota get --usages 2b1c6a3e9f0d4c7e8a5b1d2f3e4c5a6b --os-region-name RegionOne',
  ]
  static override args = {project_id: Args.string({description: 'The UUID of project in a multi-project cloud', required: true})}
  static override flags = {
    ...showOutputFlags,
    usages: Flags.boolean({description: 'Whether show quota usage statistic or not'}),
  }

  async run() {
    const [{getQuota}, {quotaShowView}] = await Promise.all([
      import('../../../src/clients/zun/quotas.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const client = await this.zun()
    const v = quotaShowView(await getQuota(client, this.args.project_id, this.flags.usages))
    return this.printShow(v.fields, v.values, v.human)
  }
}
