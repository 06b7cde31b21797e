import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {containerApiVersionFlag, listOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerHostList extends ApiCommand<typeof AppcontainerHostList> {
  static override summary = 'List available hosts'
  static override description = 'The compute hosts (API 1.4+, admin only). Columns: uuid, hostname, mem_total, cpus, disk_total.'
  static override examples = ['<%= config.bin %> appcontainer host list --os-region-name RegionOne']
  static override flags = {
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
    const {client} = await zunClient(await this.session(), undefined, f['os-container-api-version'])
    const hosts = await listHosts(client, {marker: f.marker, limit: f.limit, sortKey: f['sort-key'], sortDir: f['sort-dir'] as 'asc' | 'desc' | undefined})
    const v = hostListView(hosts)
    return this.printList(v.headers, v.rows, v.human)
  }
}
