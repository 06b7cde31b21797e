import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {containerApiVersionFlag, listOutputFlags, regionFlags} from '../../../src/cli/flags.js'

export default class AppcontainerHostList extends ApiCommand<typeof AppcontainerHostList> {
  static override summary = 'List available hosts'
  static override description =
    'The compute hosts (API 1.4+, admin only). Columns: uuid, hostname, mem_total, cpus, disk_total.' +
    'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; a region that fails is reported on stderr and the exit code is 3.'
  static override examples = ['<%= config.bin %> appcontainer host list --os-region-name RegionOne']
  static override flags = {
    ...regionFlags,
    ...listOutputFlags,
    ...containerApiVersionFlag,
    marker: Flags.string({description: 'The last host UUID of the previous page; displays list of hosts after "marker".'}),
    limit: Flags.integer({description: 'Maximum number of hosts to return', min: 1}),
    'sort-key': Flags.string({description: 'Column to sort results by'}),
    'sort-dir': Flags.string({description: 'Direction to sort. "asc" or "desc".', options: ['desc', 'asc']}),
  }

  async run() {
    const [{zunClient}, {listHosts}, {hostListView}] = await Promise.all([
      import('../../../src/clients/zun/client.js'),
      import('../../../src/clients/zun/hosts.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const f = this.flags
    const session = await this.session()
    return this.listAcrossRegions(
      'container',
      async (region) => listHosts((await zunClient(session, region, f['os-container-api-version'])).client, {marker: f.marker, limit: f.limit, sortKey: f['sort-key'], sortDir: f['sort-dir'] as 'asc' | 'desc' | undefined}),
      hostListView,
    )
  }
}
