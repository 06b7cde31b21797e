import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'

export default class LoadbalancerPoolDelete extends ApiCommand<typeof LoadbalancerPoolDelete> {
  static override summary = 'Delete a pool'
  static override examples = ['<%= config.bin %> loadbalancer pool delete pool1 --os-region-name RegionOne --wait']
  static override strict = false
  static override args = {pool: Args.string({description: 'Pools to delete (name or ID)', required: true})}
  static override flags = {
    wait: Flags.boolean({description: 'Wait until the pool is gone and its load balancer ACTIVE; a busy load balancer is waited for and the delete retried'}),
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
      {thing: 'pool', find: octavia.findPool, del: octavia.deletePool, get: octavia.getPool},
      this.lbChildDeletion(this.flags.wait),
    )
    return {deleted}
  }
}
