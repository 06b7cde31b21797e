import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerQuotaDefault extends ZunCommand<typeof AppcontainerQuotaDefault> {
  static override summary = 'Get default quota of the project'
  static override examples = ['<%= config.bin %> appcontainer quota default 2b1c6a3e9f0d4c7e8a5b1d2f3e4c5a6b --os-region-name RegionOne']
  static override args = {project_id: Args.string({description: 'The UUID of project in a multi-project cloud', required: true})}
  static override flags = {
    ...showOutputFlags,
  }

  async run() {
    const [{getDefaultQuota}, {quotaShowView}] = await Promise.all([
      import('../../../src/clients/zun/quotas.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const client = await this.zun()
    const v = quotaShowView(await getDefaultQuota(client, this.args.project_id))
    return this.printShow(v.fields, v.values, v.human)
  }
}
