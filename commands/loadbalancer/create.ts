import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {enableDisableFlags, projectFlag, showOutputFlags, tagSetFlags} from '../../src/cli/flags.js'

export default class LoadbalancerCreate extends ApiCommand<typeof LoadbalancerCreate> {
  static override summary = 'Create a load balancer'
  static override description =
    'Like python-octaviaclient, but a subnet, network or port given as an ID is sent to Octavia as it is, without a ' +
    "lookup in the load balancer's region: an ID from the central Neutron works (the cross-region flow). Names are " +
    "looked up in the Neutron of the load balancer's region."
  static override examples = [
    '<%= config.bin %> loadbalancer create --os-region-name RegionOne --name lb1 --vip-subnet-id 9a1c3f45-dfd1-4069-aceb-395e874a3bf5 --wait',
    '<%= config.bin %> loadbalancer create --os-region-name RegionOne --name lb1 --vip-network-id net1 -f json',
  ]
  static override flags = {
    ...showOutputFlags,
    name: Flags.string({description: 'New load balancer name'}),
    description: Flags.string({description: 'Set load balancer description'}),
    'vip-address': Flags.string({description: 'Set the VIP IP address'}),
    'vip-port-id': Flags.string({description: 'Set port for the load balancer (name or ID)', helpGroup: 'VIP NETWORK', exclusive: ['vip-network-id']}),
    'vip-subnet-id': Flags.string({description: 'Set subnet for the load balancer (name or ID)', helpGroup: 'VIP NETWORK'}),
    'vip-network-id': Flags.string({description: 'Set network for the load balancer (name or ID)', helpGroup: 'VIP NETWORK', exclusive: ['vip-port-id']}),
    'vip-qos-policy-id': Flags.string({description: 'Set QoS policy ID for VIP port'}),
    'additional-vip': Flags.string({description: 'Expose an additional VIP: subnet-id=<name-or-id>[,ip-address=<ip>] (repeatable)', multiple: true}),
    ...projectFlag('Project for the load balancer (ID)'),
    provider: Flags.string({description: 'Provider name for the load balancer'}),
    'availability-zone': Flags.string({description: 'Availability zone for the load balancer'}),
    ...enableDisableFlags('load balancer', 'create'),
    flavor: Flags.string({description: 'The name or ID of the flavor for the load balancer'}),
    ...tagSetFlags('load balancer', 'create'),
    wait: Flags.boolean({description: 'Wait for provisioning_status ACTIVE (up to --timeout, default 300 s)'}),
    'rm-on-interrupt': Flags.boolean({description: 'On Ctrl-C before the load balancer is shown, delete it (with --cascade) and wait until it is gone'}),
  }

  async run() {
    const f = this.flags
    const {UsageError} = await import('../../src/core/errors.js')
    if (!f['vip-subnet-id'] && !f['vip-network-id'] && !f['vip-port-id']) {
      throw new UsageError('Missing required argument: Requires one of --vip-subnet-id, --vip-network-id or --vip-port-id')
    }
    const [octavia, {Deadline, deleteUnderLoadBalancer, waitForLoadBalancerActive}, {loadBalancerShowView}] = await Promise.all([
      import('../../src/clients/octavia/index.js'),
      import('../../src/orchestration/lb-wait.js'),
      import('../../src/views/loadbalancer.js'),
    ])
    octavia.checkIp(f['vip-address'], 'vip-address')
    const additional = (f['additional-vip'] ?? []).map((v) => octavia.parseAdditionalVip(v))
    const deadline = new Deadline(this.waitTimeoutMs())
    const session = await this.session()
    const c = await session.client('load-balancer')
    const network = () => session.client('network', c.region || undefined)
    const ref = (collection: 'subnets' | 'networks' | 'ports', v: string | undefined) =>
      v === undefined ? undefined : octavia.resolveNeutronRef(network, collection, v)
    const qos = f['vip-qos-policy-id']
    const body = {
      name: f.name,
      description: f.description,
      vip_address: f['vip-address'],
      vip_port_id: await ref('ports', f['vip-port-id']),
      vip_subnet_id: await ref('subnets', f['vip-subnet-id']),
      vip_network_id: await ref('networks', f['vip-network-id']),
      vip_qos_policy_id: qos === undefined ? undefined : octavia.isNoneWord(qos) ? null : await octavia.resolveNeutronRef(network, 'policies', qos),
      additional_vips: additional.length
        ? await Promise.all(additional.map(async (v) => ({...v, subnet_id: (await ref('subnets', v.subnet_id))!})))
        : undefined,
      project_id: f.project,
      provider: f.provider,
      availability_zone: f['availability-zone'],
      admin_state_up: !f.disable,
      flavor_id: f.flavor === undefined ? undefined : await octavia.resolveFlavorId(c, f.flavor),
      tags: f.tag ?? (f['no-tag'] ? [] : undefined),
    }
    let lb = await octavia.createLoadBalancer(c, body)
    // Until it is printed, an interrupt says that it exists and how to delete it (or deletes it).
    const left = this.interrupt.track({
      what: `load balancer ${lb.name ? `${lb.name} ` : ''}(id ${lb.id})`,
      region: c.region || undefined,
      state: lb.provisioning_status,
      remove: `loadbalancer delete --cascade ${lb.id}`,
    })
    const rm = f['rm-on-interrupt'] ? this.interrupt.undoesOnAbort(`deleting load balancer ${lb.id} once Octavia lets it go (--rm-on-interrupt)`) : undefined
    try {
      if (f.wait) {
        await waitForLoadBalancerActive(c, lb.id, deadline, {
          ...this.lbTiming(),
          context: `load balancer ${lb.id} was created`,
          onPoll: (x) => left.update({state: x.provisioning_status}),
        })
        lb = await octavia.getLoadBalancer(c, lb.id)
      }
    } catch (error) {
      if (rm && this.interrupt.interrupted) {
        // PENDING_CREATE cannot be deleted: wait for ACTIVE (or ERROR), then delete and wait until it is gone.
        await deleteUnderLoadBalancer(c, {
          lbId: lb.id,
          isLoadBalancer: true,
          wait: true,
          retry: true,
          deadline: new Deadline(this.waitTimeoutMs()),
          what: `load balancer ${lb.id}`,
          del: () => octavia.deleteLoadBalancer(c, lb.id, {cascade: true}),
          get: () => octavia.getLoadBalancer(c, lb.id),
          timing: {progress: this.progress},
        })
        left.forget()
        this.logToStderr(`Deleted load balancer ${lb.id} (--rm-on-interrupt).`)
      }
      throw error
    } finally {
      rm?.()
    }
    left.forget()
    const view = loadBalancerShowView(lb)
    return this.printShow(view.fields, view.values, view.human)
  }
}
