import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class LoadbalancerMemberShow extends ApiCommand<typeof LoadbalancerMemberShow> {
  static override summary = 'Shows details of a single Member'
  static override examples = ['<%= config.bin %> loadbalancer member show pool1 member1 --os-region-name RegionOne']
  static override args = {
    pool: Args.string({description: 'Pool name or ID to show the members of', required: true}),
    member: Args.string({description: 'Name or ID of the member to show', required: true}),
  }
  static override flags = {...showOutputFlags}

  async run() {
    const [octavia, {memberShowView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const c = await (await this.session()).client('load-balancer')
    const pool = await octavia.findPool(c, this.args.pool)
    const view = memberShowView(await octavia.findMember(c, pool.id, this.args.member))
    return this.printShow(view.fields, view.values, view.human)
  }
}
