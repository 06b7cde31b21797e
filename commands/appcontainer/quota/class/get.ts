import {Args} from '@oclif/core'

import {ZunCommand} from '../../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../../src/cli/flags.js'

export default class AppcontainerQuotaClassGet extends ZunCommand<typeof AppcontainerQuotaClassGet> {
  static override summary = 'List the quotas for a quota class'
  static override description = 'Admin only. The class every project falls back to is named "default".'
  static override examples = ['<%= config.bin %> appcontainer quota class get default --os-region-name RegionOne']
  static override args = {quota_class_name: Args.string({description: 'The name of quota class', required: true})}
  static override flags = {
    ...showOutputFlags,
  }

  async run() {
    const [{getQuotaClass}, {quotaShowView}] = await Promise.all([
      import('../../../../src/clients/zun/quota-classes.js'),
      import('../../../../src/views/zun-admin.js'),
    ])
    const client = await this.zun()
    const v = quotaShowView(await getQuotaClass(client, this.args.quota_class_name))
    return this.printShow(v.fields, v.values, v.human)
  }
}
