import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerQuotaUpdate extends ZunCommand<typeof AppcontainerQuotaUpdate> {
  static override summary = 'Update the quotas of the project'
  static override description = 'Admin only. Only the limits given are changed; -1 means unlimited.'
  static override examples = [
    '<%= config.bin %> appcontainer quota update --containers 10 --memory 2048 --cpu 4 --disk 20 2b1c6a3e9f0d4c7e8a5b1d2f3e4c5a6b --os-region-name RegionOne',
  ]
  static override args = {project_id: Args.string({description: 'The UUID of project in a multi-project cloud', required: true})}
  static override flags = {
    ...showOutputFlags,
    containers: Flags.string({description: 'The number of containers allowed per project'}),
    memory: Flags.string({description: 'The number of megabytes of container RAM allowed per project'}),
    cpu: Flags.string({description: 'The number of container cores or vCPUs allowed per project'}),
    disk: Flags.string({description: 'The number of gigabytes of container Disk allowed per project'}),
  }

  async run() {
    const [{quotaUpdateBody, updateQuota}, {quotaShowView}] = await Promise.all([
      import('../../../src/clients/zun/quotas.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const {containers, memory, cpu, disk} = this.flags
    quotaUpdateBody({containers, memory, cpu, disk}) // bad limits are refused before anything is sent
    const client = await this.zun()
    const v = quotaShowView(await updateQuota(client, this.args.project_id, {containers, memory, cpu, disk}))
    return this.printShow(v.fields, v.values, v.human)
  }
}
