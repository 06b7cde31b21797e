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
    const [octavia, {Deadline, deleteEach, deleteUnderLoadBalancer}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/lb-wait.js'),
    ])
    const {argv} = await this.parse(LoadbalancerListenerDelete)
    const items = argv as string[]
    const deadline = new Deadline(this.waitTimeoutMs())
    const c = await (await this.session()).client('load-balancer')
    const deleted: string[] = []
    await deleteEach(
      items,
      async (nameOrId) => {
        const l = await octavia.findListener(c, nameOrId)
        const lbId = l.loadbalancers[0]?.id ?? ''
        await deleteUnderLoadBalancer(c, {
          lbId,
          wait: this.flags.wait,
          retry: items.length > 1,
          deadline,
          what: `listener ${l.id}`,
          del: () => octavia.deleteListener(c, l.id),
          get: () => octavia.getListener(c, l.id),
          onRetry: (reason) => this.warn(`${reason}; waiting for load balancer ${lbId} to become ACTIVE, then retrying`),
        })
        deleted.push(l.id)
      },
      (line) => process.stderr.write(`${line}\n`),
      {thing: 'listener'},
    )
    return {deleted}
  }
}
