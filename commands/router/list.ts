import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags, regionFlags} from '../../src/cli/flags.js'

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
    enable: Flags.boolean({description: 'List enabled routers', exclusive: ['disable']}),
    disable: Flags.boolean({description: 'List disabled routers', exclusive: ['enable']}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    project: Flags.string({description: 'List routers according to their project (name or ID)'}),
    tags: Flags.string({description: 'List routers which have all given tag(s) (comma-separated)'}),
    'any-tags': Flags.string({description: 'List routers which have any given tag(s) (comma-separated)'}),
    'not-tags': Flags.string({description: 'Exclude routers which have all given tag(s) (comma-separated)'}),
    'not-any-tags': Flags.string({description: 'Exclude routers which have any given tag(s) (comma-separated)'}),
  }

  async run() {
    const [{routerList, findProject}, {listInRegions}, {routerListView}] = await Promise.all([
      import('../../src/clients/neutron/index.js'),
      import('../../src/orchestration/regions.js'),
      import('../../src/views/router.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const projectId = f.project ? (await findProject(session.identityClient(), f.project)).id : undefined
    const split = (v?: string) => v?.split(',')
    const filters = {
      name: f.name,
      enabled: f.enable ? true : f.disable ? false : undefined,
      projectId,
      tags: split(f.tags),
      anyTags: split(f['any-tags']),
      notTags: split(f['not-tags']),
      notAnyTags: split(f['not-any-tags']),
    }
    const res = await listInRegions(session, 'network', {regions: f.region, all: f['all-regions']}, (c) => routerList(c, filters))
    this.reportRegionFailures(res.failures)
    const view = routerListView(res.items, {long: f.long, regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
