import {Args, Flags} from '@oclif/core'

import {tagsAfterSet} from '../../../src/core/tags.js'
import {ApiCommand} from '../../../src/cli/api-command.js'
import {enableDisableFlags, enabledOf, tagSetFlags} from '../../../src/cli/flags.js'

export default class LoadbalancerMemberSet extends ApiCommand<typeof LoadbalancerMemberSet> {
  static override summary = 'Update a member'
  static override examples = ['<%= config.bin %> loadbalancer member set pool1 member1 --os-region-name RegionOne --weight 5 --wait']
  static override args = {
    pool: Args.string({description: 'Pool that the member to update belongs to (name or ID)', required: true}),
    member: Args.string({description: 'Name or ID of the member to update', required: true}),
  }
  static override flags = {
    name: Flags.string({description: 'Set the name of the member'}),
    'disable-backup': Flags.boolean({description: 'Disable member backup (default)', exclusive: ['enable-backup']}),
    'enable-backup': Flags.boolean({description: 'Enable member backup', exclusive: ['disable-backup']}),
    weight: Flags.integer({description: 'Set the weight of member in the pool'}),
    'monitor-port': Flags.integer({description: 'An alternate protocol port used for health monitoring a backend member'}),
    'monitor-address': Flags.string({description: 'An alternate IP address used for health monitoring a backend member'}),
    ...enableDisableFlags('member', 'set', {enable: 'Set the admin_state_up to True', disable: 'Set the admin_state_up to False'}),
    ...tagSetFlags('member', 'set'),
    wait: Flags.boolean({description: 'Wait for the load balancer to be ACTIVE; a busy load balancer is waited for and the change retried'}),
  }

  async run() {
    const [octavia, {Deadline, updateUnderLoadBalancer}, {asObject, memberShowView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/lb-wait.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const f = this.flags
    octavia.checkIp(f['monitor-address'], 'monitor-address')
    octavia.checkPort(f['monitor-port'], 'monitor-port')
    octavia.checkWeight(f.weight)
    const deadline = new Deadline(this.waitTimeoutMs())
    const c = await (await this.session()).client('load-balancer')
    const pool = await octavia.findPool(c, this.args.pool)
    const member = await octavia.findMember(c, pool.id, this.args.member)
    const lbId = pool.loadbalancers[0]?.id ?? ''
    const body = {
      name: f.name,
      weight: f.weight,
      backup: f['enable-backup'] ? true : f['disable-backup'] ? false : undefined,
      admin_state_up: enabledOf(f),
      monitor_address: f['monitor-address'],
      monitor_port: f['monitor-port'],
      tags: tagsAfterSet(member.tags, f.tag, f['no-tag']),
    }
    const updated = await updateUnderLoadBalancer(c, {
      lbId,
      wait: f.wait,
      deadline,
      what: `member ${member.id}`,
      update: () => octavia.updateMember(c, pool.id, member.id, body),
      onRetry: (reason) => this.warn(`${reason}; waiting for load balancer ${lbId} to become ACTIVE, then retrying`),
      timing: this.lbTiming(),
    })
    const final = f.wait ? await octavia.getMember(c, pool.id, member.id) : updated
    return asObject(memberShowView(final))
  }
}
