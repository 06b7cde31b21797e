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
    const [octavia, {Deadline, deleteEach, deleteUnderLoadBalancer}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/lb-wait.js'),
    ])
    const {argv} = await this.parse(LoadbalancerPoolDelete)
    const items = argv as string[]
    const deadline = new Deadline(this.waitTimeoutMs())
    const c = await (await this.session()).client('load-balancer')
    const deleted: string[] = []
    await deleteEach(
      items,
      async (nameOrId) => {
        const p = await octavia.findPool(c, nameOrId)
        const lbId = p.loadbalancers[0]?.id ?? ''
        await deleteUnderLoadBalancer(c, {
          lbId,
          wait: this.flags.wait,
          retry: items.length > 1,
          deadline,
          what: `pool ${p.id}`,
          del: () => octavia.deletePool(c, p.id),
          get: () => octavia.getPool(c, p.id),
          onRetry: (reason) => this.warn(`${reason}; waiting for load balancer ${lbId} to become ACTIVE, then retrying`),
        })
        deleted.push(p.id)
      },
      (line) => process.stderr.write(`${line}\n`),
      {thing: 'pool'},
    )
    return {deleted}
  }
}
