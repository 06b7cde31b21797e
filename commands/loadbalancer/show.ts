import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

export default class LoadbalancerShow extends ApiCommand<typeof LoadbalancerShow> {
  static override summary = 'Show the details for a single load balancer'
  static override examples = ['<%= config.bin %> loadbalancer show lb1 --os-region-name RegionOne', '<%= config.bin %> loadbalancer show lb1 --os-region-name RegionOne -f json']
  static override args = {loadbalancer: Args.string({description: 'Name or UUID of the load balancer', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{findLoadBalancer}, {loadBalancerShowView}] = await Promise.all([
      import('../../src/clients/octavia/index.js'),
      import('../../src/views/loadbalancer.js'),
    ])
    const c = await (await this.session()).client('load-balancer')
    const view = loadBalancerShowView(await findLoadBalancer(c, this.args.loadbalancer))
    return this.printShow(view.fields, view.values, view.human)
  }
}
