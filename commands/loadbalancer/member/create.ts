import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {enableDisableFlags, enabledOf, showOutputFlags, tagSetFlags} from '../../../src/cli/flags.js'

export default class LoadbalancerMemberCreate extends ApiCommand<typeof LoadbalancerMemberCreate> {
  static override summary = 'Creating a member in a pool'
  static override description = `--subnet-id (alias --subnet, the abbreviation the Tricircle LBaaS guide uses) given as an ID is
sent to Octavia as it is, so a member on a subnet of another region's (or the central) Neutron can be
added by its address; a name is looked up in the Neutron of the load balancer's region.`
  static override examples = [
    '<%= config.bin %> loadbalancer member create pool1 --os-region-name RegionOne --subnet $SUBNET_ID --address 10.0.1.10 --protocol-port 80 --wait',
  ]
  static override args = {pool: Args.string({description: 'ID or name of the pool to create the member for', required: true})}
  static override flags = {
    ...showOutputFlags,
    name: Flags.string({description: 'Name of the member'}),
    'disable-backup': Flags.boolean({description: 'Disable member backup (default)', exclusive: ['enable-backup']}),
    'enable-backup': Flags.boolean({description: 'Enable member backup', exclusive: ['disable-backup']}),
    weight: Flags.integer({description: 'The weight of a member determines the portion of requests or connections it services compared to the other members of the pool'}),
    address: Flags.string({description: 'The IP address of the backend member server', required: true}),
    'subnet-id': Flags.string({
      description: 'The subnet ID the member service is accessible from (alias: --subnet); an ID is sent as it is, a name is looked up',
      aliases: ['subnet'],
    }),
    'protocol-port': Flags.integer({description: 'The protocol port number the backend member server is listening on', required: true}),
    'monitor-port': Flags.integer({description: 'An alternate protocol port used for health monitoring a backend member'}),
    'monitor-address': Flags.string({description: 'An alternate IP address used for health monitoring a backend member'}),
    ...enableDisableFlags('member', 'create'),
    ...tagSetFlags('member', 'create'),
    wait: Flags.boolean({description: 'Wait for the load balancer to be ACTIVE; a busy load balancer is waited for and the create retried'}),
  }

  async run() {
    const [octavia, {Deadline, createUnderLoadBalancer}, {memberShowView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/lb-wait.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const f = this.flags
    octavia.checkIp(f.address, 'address')
    octavia.checkIp(f['monitor-address'], 'monitor-address')
    octavia.checkPort(f['protocol-port'], 'protocol-port')
    octavia.checkPort(f['monitor-port'], 'monitor-port')
    octavia.checkWeight(f.weight)
    const deadline = new Deadline(this.waitTimeoutMs())
    const session = await this.session()
    const c = await session.client('load-balancer')
    const pool = await octavia.findPool(c, this.args.pool)
    const lbId = pool.loadbalancers[0]?.id ?? ''
    const subnet =
      f['subnet-id'] === undefined
        ? undefined
        : await octavia.resolveNeutronRef(() => session.client('network', c.region || undefined), 'subnets', f['subnet-id'])
    const body = {
      address: f.address,
      protocol_port: f['protocol-port'],
      subnet_id: subnet,
      name: f.name,
      weight: f.weight,
      backup: f['enable-backup'] ? true : f['disable-backup'] ? false : undefined,
      admin_state_up: enabledOf(f),
      monitor_address: f['monitor-address'],
      monitor_port: f['monitor-port'],
      tags: f.tag ?? (f['no-tag'] ? [] : undefined),
    }
    const {value} = await createUnderLoadBalancer(c, {
      lbId,
      wait: f.wait,
      deadline,
      what: 'member',
      create: () => octavia.createMember(c, pool.id, body),
      // Octavia allows one member per address and port in a pool.
      candidates: async () =>
        (await octavia.listMembers(c, pool.id, {address: body.address, protocol_port: body.protocol_port})).filter(
          (m) => m.address === body.address && m.protocol_port === body.protocol_port,
        ),
      refetch: (id) => octavia.getMember(c, pool.id, id),
      onRetry: (reason) => this.warn(`${reason}; waiting for load balancer ${lbId} to become ACTIVE, then retrying`),
      timing: this.lbTiming(),
    })
    const view = memberShowView(value)
    return this.printShow(view.fields, view.values, view.human)
  }
}
