import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../../src/cli/flags.js'

export default class AppcontainerQuotaClassUpdate extends ZunCommand<typeof AppcontainerQuotaClassUpdate> {
  static override summary = 'Update the quotas for a quota class'
  static override description = 'Admin only. Only the limits given are changed; -1 means unlimited.'
  static override examples = ['<%= config.bin %> appcontainer quota class update --containers 10 default --os-region-name RegionOne']
  static override args = {quota_class_name: Args.string({description: 'The name of quota class', required: true})}
  static override flags = {
    ...showOutputFlags,
    containers: Flags.string({description: 'The number of containers allowed per project'}),
    memory: Flags.string({description: 'The number of megabytes of container RAM allowed per project'}),
    cpu: Flags.string({description: 'The number of container cores or vCPUs allowed per project'}),
    disk: Flags.string({description: 'The number of gigabytes of container Disk allowed per project'}),
  }

  async run() {
    const [{updateQuotaClass}, {quotaUpdateBody}, {quotaShowView}] = await Promise.all([
      import('../../../../src/clients/zun/quota-classes.js'),
      import('../../../../src/clients/zun/quotas.js'),
      import('../../../../src/views/zun-admin.js'),
    ])
    const {containers, memory, cpu, disk} = this.flags
    quotaUpdateBody({containers, memory, cpu, disk}) // bad limits are refused before anything is sent
    const client = await this.zun()
    const v = quotaShowView(await updateQuotaClass(client, this.args.quota_class_name, {containers, memory, cpu, disk}))
    return this.printShow(v.fields, v.values, v.human)
  }
}
