import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {enableDisableFlags, enabledOf, listOutputFlags, projectFlag, regionFlags, tagFilterFlags, tagFiltersOf} from '../../src/cli/flags.js'

const PROVISIONING = ['ACTIVE', 'DELETED', 'ERROR', 'PENDING_CREATE', 'PENDING_UPDATE', 'PENDING_DELETE']
const OPERATING = ['ONLINE', 'DRAINING', 'OFFLINE', 'DEGRADED', 'ERROR', 'NO_MONITOR']
/** argparse's `choices` with `type=str.upper`: case-insensitive, checked after upper-casing. */
const choice = (options: string[]) => async (s: string) => {
  const v = s.toUpperCase()
  if (!options.includes(v)) throw new Error(`invalid choice: '${s}' (choose from ${options.join(', ')})`)
  return v
}

export default class LoadbalancerList extends ApiCommand<typeof LoadbalancerList> {
  static override summary = 'List load balancers'
  static override examples = [
    '<%= config.bin %> loadbalancer list --region RegionOne',
    '<%= config.bin %> loadbalancer list --all-regions -f json',
    '<%= config.bin %> loadbalancer list --os-region-name RegionOne --provisioning-status active',
  ]
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    name: Flags.string({description: 'List load balancers according to their name'}),
    ...enableDisableFlags('load balancer', 'list'),
    ...projectFlag('List load balancers according to their project (ID)'),
    'vip-network-id': Flags.string({description: 'List load balancers according to their VIP network (name or ID)'}),
    'vip-subnet-id': Flags.string({description: 'List load balancers according to their VIP subnet (name or ID)'}),
    'vip-qos-policy-id': Flags.string({description: 'List load balancers according to their VIP QoS policy (name or ID)'}),
    'vip-port-id': Flags.string({description: 'List load balancers according to their VIP port (name or ID)'}),
    'provisioning-status': Flags.custom<string>({description: 'List load balancers according to their provisioning status', parse: choice(PROVISIONING)})(),
    'operating-status': Flags.custom<string>({description: 'List load balancers according to their operating status', parse: choice(OPERATING)})(),
    provider: Flags.string({description: 'List load balancers according to their provider'}),
    flavor: Flags.string({description: 'List load balancers according to their flavor (name or ID)'}),
    'availability-zone': Flags.string({description: 'List load balancers according to their availability zone'}),
    ...tagFilterFlags('load balancers'),
  }

  async run() {
    const [octavia, {listInRegions}, {loadBalancerListView}] = await Promise.all([
      import('../../src/clients/octavia/index.js'),
      import('../../src/orchestration/regions.js'),
      import('../../src/views/loadbalancer.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const res = await listInRegions(session, 'load-balancer', {regions: f.region, all: f['all-regions']}, async (c) => {
      const network = () => session.client('network', c.region || undefined)
      const ref = (collection: 'subnets' | 'networks' | 'ports' | 'policies', v: string | undefined) =>
        v === undefined ? undefined : octavia.resolveNeutronRef(network, collection, v)
      return octavia.listLoadBalancers(c, {
        name: f.name,
        admin_state_up: enabledOf(f),
        project_id: f.project,
        vip_network_id: await ref('networks', f['vip-network-id']),
        vip_subnet_id: await ref('subnets', f['vip-subnet-id']),
        vip_qos_policy_id: await ref('policies', f['vip-qos-policy-id']),
        vip_port_id: await ref('ports', f['vip-port-id']),
        provisioning_status: f['provisioning-status'],
        operating_status: f['operating-status'],
        provider: f.provider,
        flavor_id: f.flavor === undefined ? undefined : await octavia.resolveFlavorId(c, f.flavor),
        availability_zone: f['availability-zone'],
        ...octavia.tagFilterQuery(tagFiltersOf(f)),
      })
    })
    this.reportRegionFailures(res.failures)
    const view = loadBalancerListView(res.items, {regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
