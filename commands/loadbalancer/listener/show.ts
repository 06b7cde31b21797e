import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class LoadbalancerListenerShow extends ApiCommand<typeof LoadbalancerListenerShow> {
  static override summary = 'Show the details of a single listener'
  static override examples = ['<%= config.bin %> loadbalancer listener show listener1 --os-region-name RegionOne']
  static override args = {listener: Args.string({description: 'Name or UUID of the listener', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{findListener}, {listenerShowView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const c = await (await this.session()).client('load-balancer')
    const view = listenerShowView(await findListener(c, this.args.listener))
    return this.printShow(view.fields, view.values, view.human)
  }
}
