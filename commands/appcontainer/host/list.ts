import {Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {listOutputFlags, regionFlags} from '../../../src/cli/flags.js'

export default class AppcontainerHostList extends ZunCommand<typeof AppcontainerHostList> {
  static override summary = 'List available hosts'
  static override description =
    'The compute hosts (API 1.4+, admin only). Columns: uuid, hostname, mem_total, cpus, disk_total.' +
    'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; a region that fails is reported on stderr and the exit code is 3.'
  static override examples = ['<%= config.bin %> appcontainer host list --os-region-name RegionOne']
  static override flags = {
    ...regionFlags,
    ...listOutputFlags,
    marker: Flags.string({description: 'The last host UUID of the previous page; displays list of hosts after "marker".'}),
    limit: Flags.integer({description: 'Maximum number of hosts to return', min: 1}),
    'sort-key': Flags.string({description: 'Column to sort results by'}),
    'sort-dir': Flags.string({description: 'Direction to sort. "asc" or "desc".', options: ['desc', 'asc']}),
  }

  async run() {
    const [{listHosts}, {hostListView}] = await Promise.all([
      import('../../../src/clients/zun/hosts.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const f = this.flags
    const session = await this.session()
    return this.listAcrossRegions(
      'container',
      async (region) => listHosts(await this.zun(region), {marker: f.marker, limit: f.limit, sortKey: f['sort-key'], sortDir: f['sort-dir'] as 'asc' | 'desc' | undefined}),
      hostListView,
    )
  }
}
