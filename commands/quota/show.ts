import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

export default class QuotaShow extends ApiCommand<typeof QuotaShow> {
  static override summary = 'Show network quotas for a project'
  static override description =
    "Neutron's quotas, named and sorted as `openstack quota show` prints them (floating-ips, networks, ports, " +
    'secgroup-rules, …, project, project_name). The cloud has no Nova or Cinder, so only the network part exists. ' +
    "Without a project, the token's project is shown."
  static override examples = [
    '<%= config.bin %> quota show',
    '<%= config.bin %> quota show demo --os-region-name RegionOne',
    '<%= config.bin %> quota show demo --default -f json',
  ]
  static override args = {project: Args.string({description: 'Show quotas for this project (name or ID)'})}
  static override flags = {
    ...showOutputFlags,
    default: Flags.boolean({description: 'Show default quotas for <project>'}),
  }

  async run() {
    const [{quotaShow}, {quotaShowView}] = await Promise.all([import('../../src/clients/neutron/quotas.js'), import('../../src/views/quota.js')])
    const session = await this.session()
    const token = await session.tokenData()
    const res = await quotaShow(await session.client('network'), session.identityClient(), {
      project: this.args.project,
      defaults: this.flags.default,
      current: {id: token.projectId, name: token.projectName},
    })
    const v = quotaShowView(res)
    return this.printShow(v.fields, v.values, v.human)
  }
}
