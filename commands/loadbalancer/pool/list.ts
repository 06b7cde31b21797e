import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {listOutputFlags, regionFlags, tagFilterFlags, tagFiltersOf} from '../../../src/cli/flags.js'


export default class LoadbalancerPoolList extends ApiCommand<typeof LoadbalancerPoolList> {
  static override summary = 'List pools'
  static override examples = ['<%= config.bin %> loadbalancer pool list --region RegionOne --loadbalancer lb1']
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    loadbalancer: Flags.string({description: 'Filter by load balancer (name or ID)'}),
    ...tagFilterFlags('pools'),
  }

  async run() {
    const [octavia, {listInRegions}, {poolListView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/regions.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const res = await listInRegions(session, 'load-balancer', {regions: f.region, all: f['all-regions']}, async (c) =>
      octavia.listPools(c, {
        loadbalancer_id: f.loadbalancer === undefined ? undefined : (await octavia.findLoadBalancer(c, f.loadbalancer)).id,
        ...octavia.tagFilterQuery(tagFiltersOf(f)),
      }),
    )
    this.reportRegionFailures(res.failures)
    const view = poolListView(res.items, {regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
