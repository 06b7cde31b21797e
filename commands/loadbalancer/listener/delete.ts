import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'

export default class LoadbalancerListenerDelete extends ApiCommand<typeof LoadbalancerListenerDelete> {
  static override summary = 'Delete a listener'
  static override examples = ['<%= config.bin %> loadbalancer listener delete listener1 --os-region-name RegionOne --wait']
  static override strict = false
  static override args = {listener: Args.string({description: 'Listeners to delete (name or ID)', required: true})}
  static override flags = {
    wait: Flags.boolean({description: 'Wait until the listener is gone and its load balancer ACTIVE; a busy load balancer is waited for and the delete retried'}),
  }

  async run() {
    const [octavia, {deleteLbChildren}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/lb-wait.js'),
    ])
    const c = await (await this.session()).client('load-balancer')
    const deleted = await deleteLbChildren(
      c,
      this.variadicArgs(),
      {thing: 'listener', find: octavia.findListener, del: octavia.deleteListener, get: octavia.getListener},
      this.lbChildDeletion(this.flags.wait),
    )
    return {deleted}
  }
}
