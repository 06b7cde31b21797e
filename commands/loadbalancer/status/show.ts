import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'

export default class LoadbalancerStatusShow extends ApiCommand<typeof LoadbalancerStatusShow> {
  static override summary = 'Display load balancer status tree in json format'
  static override description = `Prints the "statuses" tree as JSON with an indent of 4, as python-octaviaclient does; like it,
this command has no -f/--format (--json gives the tree in the usual envelope).`
  static override examples = ['<%= config.bin %> loadbalancer status show lb1 --os-region-name RegionOne']
  static override args = {loadbalancer: Args.string({description: 'Name or UUID of the load balancer', required: true})}

  async run() {
    const [octavia, {pyJsonDumps}] = await Promise.all([import('../../../src/clients/octavia/index.js'), import('../../../src/output/index.js')])
    const c = await (await this.session()).client('load-balancer')
    const lb = await octavia.findLoadBalancer(c, this.args.loadbalancer)
    const tree = await octavia.getLoadBalancerStatus(c, lb.id)
    this.say(pyJsonDumps(tree ?? {}, 4))
    return tree
  }
}
