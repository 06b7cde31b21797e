import {Args, Flags} from '@oclif/core'

import {tagsAfterSet} from '../../src/core/tags.js'
import {ApiCommand} from '../../src/cli/api-command.js'
import {enableDisableFlags, enabledOf, tagSetFlags} from '../../src/cli/flags.js'

export default class LoadbalancerSet extends ApiCommand<typeof LoadbalancerSet> {
  static override summary = 'Update a load balancer'
  static override examples = [
    '<%= config.bin %> loadbalancer set lb1 --os-region-name RegionOne --description "web tier" --wait',
    '<%= config.bin %> loadbalancer set lb1 --os-region-name RegionOne --tag blue --no-tag',
  ]
  static override args = {loadbalancer: Args.string({description: 'Name or UUID of the load balancer to update', required: true})}
  static override flags = {
    name: Flags.string({description: 'Set load balancer name'}),
    description: Flags.string({description: 'Set load balancer description'}),
    'vip-qos-policy-id': Flags.string({description: "Set QoS policy ID for VIP port. Unset with 'None'"}),
    ...enableDisableFlags('load balancer', 'set'),
    ...tagSetFlags('load balancer', 'set'),
    wait: Flags.boolean({description: 'Wait for provisioning_status ACTIVE; a busy load balancer is waited for and the change retried'}),
  }

  async run() {
    const [octavia, {Deadline, updateUnderLoadBalancer}, {asObject, loadBalancerShowView}] = await Promise.all([
      import('../../src/clients/octavia/index.js'),
      import('../../src/orchestration/lb-wait.js'),
      import('../../src/views/loadbalancer.js'),
    ])
    const f = this.flags
    const deadline = new Deadline(this.waitTimeoutMs())
    const session = await this.session()
    const c = await session.client('load-balancer')
    const lb = await octavia.findLoadBalancer(c, this.args.loadbalancer)
    const qos = f['vip-qos-policy-id']
    const body = {
      name: f.name,
      description: f.description,
      vip_qos_policy_id:
        qos === undefined
          ? undefined
          : octavia.isNoneWord(qos)
            ? null
            : await octavia.resolveNeutronRef(() => session.client('network', c.region || undefined), 'policies', qos),
      admin_state_up: enabledOf(f),
      tags: tagsAfterSet(lb.tags, f.tag, f['no-tag']),
    }
    const updated = await updateUnderLoadBalancer(c, {
      lbId: lb.id,
      wait: f.wait,
      deadline,
      what: `load balancer ${lb.id}`,
      update: () => octavia.updateLoadBalancer(c, lb.id, body),
      onRetry: (reason) => this.warn(`${reason}; waiting for load balancer ${lb.id} to become ACTIVE, then retrying`),
      timing: this.lbTiming(),
    })
    const final = f.wait ? await octavia.getLoadBalancer(c, lb.id) : updated
    return asObject(loadBalancerShowView(final))
  }
}
