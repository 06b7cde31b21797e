import {ZunCommand} from '../../../src/cli/zun-command.js'
import {listOutputFlags, regionFlags} from '../../../src/cli/flags.js'

export default class AppcontainerServiceList extends ZunCommand<typeof AppcontainerServiceList> {
  static override summary = 'Print a list of zun services.'
  static override description =
    'Admin only: other users get the server’s 403.' +
    'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; a region that fails is reported on stderr and the exit code is 3.'
  static override examples = ['<%= config.bin %> appcontainer service list --os-region-name RegionOne']
  static override flags = {
    ...regionFlags,
    ...listOutputFlags,
  }

  async run() {
    const [{listServices}, {serviceListView}] = await Promise.all([
      import('../../../src/clients/zun/services.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    return this.listAcrossRegions(
      'container',
      async (region) => listServices(await this.zun(region)),
      serviceListView,
    )
  }
}
