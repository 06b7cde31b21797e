import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class LoadbalancerPoolShow extends ApiCommand<typeof LoadbalancerPoolShow> {
  static override summary = 'Show the details of a single pool'
  static override examples = ['<%= config.bin %> loadbalancer pool show pool1 --os-region-name RegionOne']
  static override args = {pool: Args.string({description: 'Name or UUID of the pool', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{findPool}, {poolShowView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const c = await (await this.session()).client('load-balancer')
    const view = poolShowView(await findPool(c, this.args.pool))
    return this.printShow(view.fields, view.values, view.human)
  }
}
