import {ApiCommand} from '../../../../src/cli/api-command.js'
import {containerApiVersionFlag, listOutputFlags, regionFlags} from '../../../../src/cli/flags.js'

export default class AppcontainerAvailabilityZoneList extends ApiCommand<typeof AppcontainerAvailabilityZoneList> {
  static override summary = 'List availability zones'
  static override examples = ['<%= config.bin %> appcontainer availability zone list --os-region-name RegionOne']
  static override description = 'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; a region that fails is reported on stderr and the exit code is 3.'
  static override flags = {
    ...regionFlags,
    ...listOutputFlags,
    ...containerApiVersionFlag,
  }

  async run() {
    const [{zunClient}, {listAvailabilityZones}, {availabilityZoneListView}] = await Promise.all([
      import('../../../../src/clients/zun/client.js'),
      import('../../../../src/clients/zun/availability-zones.js'),
      import('../../../../src/views/zun-admin.js'),
    ])
    const session = await this.session()
    return this.listAcrossRegions(
      'container',
      async (region) => listAvailabilityZones((await zunClient(session, region, this.flags['os-container-api-version'])).client),
      availabilityZoneListView,
    )
  }
}
