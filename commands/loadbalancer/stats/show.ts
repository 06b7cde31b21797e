import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class LoadbalancerStatsShow extends ApiCommand<typeof LoadbalancerStatsShow> {
  static override summary = 'Shows the current statistics for a load balancer'
  static override examples = ['<%= config.bin %> loadbalancer stats show lb1 --os-region-name RegionOne -f json']
  static override args = {loadbalancer: Args.string({description: 'Name or UUID of the load balancer', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [octavia, {loadBalancerStatsView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const c = await (await this.session()).client('load-balancer')
    const lb = await octavia.findLoadBalancer(c, this.args.loadbalancer)
    const view = loadBalancerStatsView(await octavia.getLoadBalancerStats(c, lb.id))
    return this.printShow(view.fields, view.values, view.human)
  }
}
