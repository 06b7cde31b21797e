import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {enableDisableFlags, enabledOf, listOutputFlags, projectFlag, regionFlags, tagFilterFlags, tagFiltersOf} from '../../src/cli/flags.js'

export default class RouterList extends ApiCommand<typeof RouterList> {
  static override summary = 'List routers'
  static override description =
    'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; a failing ' +
    'region is reported on stderr and the exit code is 3.'
  static override examples = ['<%= config.bin %> router list', '<%= config.bin %> router list --long --all-regions']
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    name: Flags.string({description: 'List routers according to their name'}),
    ...enableDisableFlags('router', 'list'),
    long: Flags.boolean({description: 'List additional fields in output'}),
    ...projectFlag('List routers according to their project (name or ID)'),
    ...tagFilterFlags('routers'),
  }

  async run() {
    const [{routerList}, {listInRegions}, {routerListView}] = await Promise.all([
      import('../../src/clients/neutron/index.js'),
      import('../../src/orchestration/regions.js'),
      import('../../src/views/router.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const projectId = await this.projectId(f.project)
    const filters = {
      name: f.name,
      enabled: enabledOf(f),
      projectId,
      ...tagFiltersOf(f),
    }
    const res = await listInRegions(session, 'network', {regions: f.region, all: f['all-regions']}, (c) => routerList(c, filters))
    this.reportRegionFailures(res.failures)
    const view = routerListView(res.items, {long: f.long, regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
