import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'

export default class LoadbalancerMemberDelete extends ApiCommand<typeof LoadbalancerMemberDelete> {
  static override summary = 'Delete a member from a pool'
  static override examples = [
    '<%= config.bin %> loadbalancer member delete pool1 member1 --os-region-name RegionOne --wait',
    '<%= config.bin %> loadbalancer member delete pool1 member1 member2 --os-region-name RegionOne',
  ]
  static override strict = false
  static override args = {
    pool: Args.string({description: 'Pool name or ID to delete the member from', required: true}),
    member: Args.string({description: 'Names or IDs of the members to be deleted', required: true}),
  }
  static override flags = {
    wait: Flags.boolean({description: 'Wait until the member is gone and its load balancer ACTIVE; a busy load balancer is waited for and the delete retried'}),
  }

  async run() {
    const [octavia, {Deadline, deleteEach, deleteUnderLoadBalancer}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/lb-wait.js'),
    ])
    const items = this.variadicArgs().slice(1)
    const deadline = new Deadline(this.waitTimeoutMs())
    const c = await (await this.session()).client('load-balancer')
    const pool = await octavia.findPool(c, this.args.pool)
    const lbId = pool.loadbalancers[0]?.id ?? ''
    const deleted: string[] = []
    await deleteEach(
      items,
      async (nameOrId) => {
        const m = await octavia.findMember(c, pool.id, nameOrId)
        await deleteUnderLoadBalancer(c, {
          lbId,
          wait: this.flags.wait,
          retry: items.length > 1,
          deadline,
          what: `member ${m.id}`,
          del: () => octavia.deleteMember(c, pool.id, m.id),
          get: () => octavia.getMember(c, pool.id, m.id),
          onRetry: (reason) => this.warn(`${reason}; waiting for load balancer ${lbId} to become ACTIVE, then retrying`),
          timing: this.lbTiming(),
        })
        deleted.push(m.id)
      },
      (line) => process.stderr.write(`${line}\n`),
      {thing: 'member', interrupt: this.interrupt},
    )
    return {deleted}
  }
}
