import {Flags} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'
import {listOutputFlags, markerPageOf, markerPaginationFlags, regionFlags} from '../../src/cli/flags.js'

export default class AppcontainerList extends ZunCommand<typeof AppcontainerList> {
  static override summary = 'List available containers'
  static override description =
    'The filters are exact matches done by Zun. Unlike python-zunclient, the filters are kept when --limit is given, ' +
    'and the next pages are followed (with the filters) until the list ends or --limit containers were read. ' +
    'With --region (repeatable) or --all-regions the regions are listed in parallel and a Region column is added; ' +
    'a region that fails is reported on stderr, the others are still printed, and the exit code is 3.'
  static override examples = [
    '<%= config.bin %> appcontainer list --os-region-name RegionOne',
    '<%= config.bin %> appcontainer list --os-region-name RegionOne --name web --status Running -f json',
    '<%= config.bin %> appcontainer list --all-regions',
  ]
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    'all-projects': Flags.boolean({description: 'List containers in all projects'}),
    ...markerPaginationFlags('container', 'containers', {sort: true}),
    name: Flags.string({description: 'List containers according to their name.'}),
    image: Flags.string({description: 'List containers according to their image.'}),
    'project-id': Flags.string({description: 'List containers according to their project_id'}),
    'user-id': Flags.string({description: 'List containers according to their user_id'}),
    'task-state': Flags.string({description: 'List containers according to their task-state'}),
    status: Flags.string({description: 'List containers according to their Status'}),
    memory: Flags.string({description: 'List containers according to their memory size in MiB'}),
    host: Flags.string({description: 'List containers according to their hostname'}),
    'auto-remove': Flags.string({description: 'List containers whether they are auto-removed on exiting'}),
  }

  async run() {
    const [{listContainers}, {containerListView}] = await Promise.all([
      import('../../src/clients/zun/container-api.js'),
      import('../../src/views/zun-container.js'),
    ])
    const f = this.flags
    const query = {
      allProjects: f['all-projects'],
      ...markerPageOf(f),
      name: f.name,
      image: f.image,
      projectId: f['project-id'],
      userId: f['user-id'],
      taskState: f['task-state'],
      status: f.status,
      memory: f.memory,
      host: f.host,
      autoRemove: f['auto-remove'],
    }
    return this.listAcrossRegions(
      'container',
      async (region) => listContainers(await this.zun(region), query),
      containerListView,
    )
  }
}
