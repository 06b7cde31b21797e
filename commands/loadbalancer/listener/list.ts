import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {enableDisableFlags, enabledOf, listOutputFlags, projectFlag, regionFlags, tagFilterFlags, tagFiltersOf} from '../../../src/cli/flags.js'


export default class LoadbalancerListenerList extends ApiCommand<typeof LoadbalancerListenerList> {
  static override summary = 'List listeners'
  static override examples = ['<%= config.bin %> loadbalancer listener list --region RegionOne --loadbalancer lb1']
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    name: Flags.string({description: 'List listeners by listener name'}),
    loadbalancer: Flags.string({description: 'Filter by load balancer (name or ID)'}),
    ...enableDisableFlags('listener', 'list'),
    ...projectFlag('List listeners by project ID'),
    ...tagFilterFlags('listeners'),
  }

  async run() {
    const [octavia, {listInRegions}, {listenerListView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/regions.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const res = await listInRegions(session, 'load-balancer', {regions: f.region, all: f['all-regions']}, async (c) =>
      octavia.listListeners(c, {
        name: f.name,
        loadbalancer_id: f.loadbalancer === undefined ? undefined : (await octavia.findLoadBalancer(c, f.loadbalancer)).id,
        admin_state_up: enabledOf(f),
        project_id: f.project,
        ...octavia.tagFilterQuery(tagFiltersOf(f)),
      }),
    )
    this.reportRegionFailures(res.failures)
    const view = listenerListView(res.items, {regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
