import {ZunCommand} from '../../../../src/cli/zun-command.js'
import {listOutputFlags, regionFlags} from '../../../../src/cli/flags.js'

export default class AppcontainerAvailabilityZoneList extends ZunCommand<typeof AppcontainerAvailabilityZoneList> {
  static override summary = 'List availability zones'
  static override examples = ['<%= config.bin %> appcontainer availability zone list --os-region-name RegionOne']
  static override description = 'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; a region that fails is reported on stderr and the exit code is 3.'
  static override flags = {
    ...regionFlags,
    ...listOutputFlags,
  }

  async run() {
    const [{listAvailabilityZones}, {availabilityZoneListView}] = await Promise.all([
      import('../../../../src/clients/zun/availability-zones.js'),
      import('../../../../src/views/zun-admin.js'),
    ])
    return this.listAcrossRegions(
      'container',
      async (region) => listAvailabilityZones(await this.zun(region)),
      availabilityZoneListView,
    )
  }
}
