import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'

export default class LoadbalancerDelete extends ApiCommand<typeof LoadbalancerDelete> {
  static override summary = 'Delete a load balancer'
  static override description = `Takes several load balancers (python-octaviaclient takes one); each is tried, and the
failures are counted at the end: "N of M load balancers failed to delete." (exit 3 when some were deleted, 1 when none was).`
  static override examples = [
    '<%= config.bin %> loadbalancer delete lb1 --os-region-name RegionOne --cascade --wait',
    '<%= config.bin %> loadbalancer delete lb1 lb2 --os-region-name RegionOne',
  ]
  static override strict = false
  static override args = {loadbalancer: Args.string({description: 'Load balancers to delete (name or ID)', required: true})}
  static override flags = {
    cascade: Flags.boolean({description: 'Cascade the delete to all child elements of the load balancer'}),
    wait: Flags.boolean({description: 'Wait until the load balancer is gone (up to --timeout, default 300 s)'}),
  }

  async run() {
    const [octavia, {Deadline, deleteEach, deleteUnderLoadBalancer}] = await Promise.all([
      import('../../src/clients/octavia/index.js'),
      import('../../src/orchestration/lb-wait.js'),
    ])
    const f = this.flags
    const deadline = new Deadline(this.waitTimeoutMs())
    const c = await (await this.session()).client('load-balancer')
    const deleted: string[] = []
    await deleteEach(
      this.variadicArgs(),
      async (nameOrId) => {
        const lb = await octavia.findLoadBalancer(c, nameOrId)
        await deleteUnderLoadBalancer(c, {
          lbId: lb.id,
          isLoadBalancer: true,
          wait: f.wait,
          deadline,
          what: `load balancer ${lb.id}`,
          del: () => octavia.deleteLoadBalancer(c, lb.id, {cascade: f.cascade}),
          get: () => octavia.getLoadBalancer(c, lb.id),
          onRetry: (reason) => this.warn(`${reason}; waiting for load balancer ${lb.id} to become ACTIVE, then retrying`),
          timing: this.lbTiming(),
        })
        deleted.push(lb.id)
      },
      (line) => process.stderr.write(`${line}\n`),
      {thing: 'load balancer', interrupt: this.interrupt},
    )
    return {deleted}
  }
}
