import {Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {listOutputFlags, markerPageOf, markerPaginationFlags, regionFlags} from '../../../src/cli/flags.js'

export default class AppcontainerRegistryList extends ZunCommand<typeof AppcontainerRegistryList> {
  static override summary = 'List available registries'
  static override description =
    'The filters are kept with --limit (python-zunclient drops them).' +
    'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; a region that fails is reported on stderr and the exit code is 3.'
  static override examples = [
    '<%= config.bin %> appcontainer registry list --os-region-name RegionOne',
    '<%= config.bin %> appcontainer registry list --name reg --domain docker.io --os-region-name RegionOne',
  ]
  static override flags = {
    ...regionFlags,
    ...listOutputFlags,
    'all-projects': Flags.boolean({description: 'List registries in all projects'}),
    ...markerPaginationFlags('registry', 'registries', {sort: true}),
    name: Flags.string({description: 'List registries according to their name.'}),
    domain: Flags.string({description: 'List registries according to their domain.'}),
    'project-id': Flags.string({description: 'List registries according to their project_id'}),
    'user-id': Flags.string({description: 'List registries according to their user_id'}),
    username: Flags.string({description: 'List registries according to their username'}),
  }

  async run() {
    const [{listRegistries}, {registryListView}] = await Promise.all([
      import('../../../src/clients/zun/registries.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const f = this.flags
    const query = {
      allProjects: f['all-projects'],
      ...markerPageOf(f),
      name: f.name,
      domain: f.domain,
      projectId: f['project-id'],
      userId: f['user-id'],
      username: f.username,
    }
    return this.listAcrossRegions(
      'container',
      async (region) => listRegistries(await this.zun(region), query),
      registryListView,
    )
  }
}
