import {Args} from '@oclif/core'

import {ApiCommand} from '../../../../src/cli/api-command.js'
import {containerApiVersionFlag, showOutputFlags} from '../../../../src/cli/flags.js'

export default class AppcontainerQuotaClassGet extends ApiCommand<typeof AppcontainerQuotaClassGet> {
  static override summary = 'List the quotas for a quota class'
  static override description = 'Admin only. The class every project falls back to is named "default".'
  static override examples = ['<%= config.bin %> appcontainer quota class get default --os-region-name RegionOne']
  static override args = {quota_class_name: Args.string({description: 'The name of quota class', required: true})}
  static override flags = {
    ...showOutputFlags,
    ...containerApiVersionFlag,
  }

  async run() {
    const [{zunClient}, {getQuotaClass}, {quotaShowView}] = await Promise.all([
      import('../../../../src/clients/zun/client.js'),
      import('../../../../src/clients/zun/quota-classes.js'),
      import('../../../../src/views/zun-admin.js'),
    ])
    const {client} = await zunClient(await this.session(), undefined, this.flags['os-container-api-version'])
    const v = quotaShowView(await getQuotaClass(client, this.args.quota_class_name))
    return this.printShow(v.fields, v.values, v.human)
  }
}
