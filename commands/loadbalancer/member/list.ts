import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {listOutputFlags, regionFlags, tagFilterFlags, tagFiltersOf} from '../../../src/cli/flags.js'


export default class LoadbalancerMemberList extends ApiCommand<typeof LoadbalancerMemberList> {
  static override summary = 'List members in a pool'
  static override examples = ['<%= config.bin %> loadbalancer member list pool1 --region RegionOne']
  static override args = {pool: Args.string({description: 'Pool name or ID to list the members of', required: true})}
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    ...tagFilterFlags('members'),
  }

  async run() {
    const [octavia, {listInRegions}, {memberListView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/regions.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const res = await listInRegions(session, 'load-balancer', {regions: f.region, all: f['all-regions']}, async (c) => {
      const pool = await octavia.findPool(c, this.args.pool)
      return octavia.listMembers(c, pool.id, {
        ...octavia.tagFilterQuery(tagFiltersOf(f)),
      })
    })
    this.reportRegionFailures(res.failures)
    const view = memberListView(res.items, {regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
