import {ZunCommand} from '../../../src/cli/zun-command.js'
import {listOutputFlags, markerPageOf, markerPaginationFlags, regionFlags} from '../../../src/cli/flags.js'

export default class AppcontainerHostList extends ZunCommand<typeof AppcontainerHostList> {
  static override summary = 'List available hosts'
  static override description =
    'The compute hosts (API 1.4+, admin only). Columns: uuid, hostname, mem_total, cpus, disk_total.' +
    'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; a region that fails is reported on stderr and the exit code is 3.'
  static override examples = ['<%= config.bin %> appcontainer host list --os-region-name RegionOne']
  static override flags = {
    ...regionFlags,
    ...listOutputFlags,
    ...markerPaginationFlags('host', 'hosts', {sort: true}),
  }

  async run() {
    const [{listHosts}, {hostListView}] = await Promise.all([
      import('../../../src/clients/zun/hosts.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const f = this.flags
    return this.listAcrossRegions(
      'container',
      async (region) => listHosts(await this.zun(region), markerPageOf(f)),
      hostListView,
    )
  }
}
