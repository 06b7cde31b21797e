import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'

export default class AppcontainerQuotaDelete extends ZunCommand<typeof AppcontainerQuotaDelete> {
  static override summary = 'Delete quota of the project'
  static override description =
    'Admin only. The project falls back to the default quota class. A failure is an error (exit 1); python-zunclient prints "Delete for quotas failed" and exits 0.'
  static override examples = ['<%= config.bin %> appcontainer quota delete 2b1c6a3e9f0d4c7e8a5b1d2f3e4c5a6b --os-region-name RegionOne']
  static override args = {project_id: Args.string({description: 'The UUID of project in a multi-project cloud', required: true})}

  async run() {
    const [{deleteQuota}] = await Promise.all([import('../../../src/clients/zun/quotas.js')])
    const client = await this.zun()
    await deleteQuota(client, this.args.project_id)
    this.say('Request to delete quotas has been accepted.')
    return {project_id: this.args.project_id}
  }
}
