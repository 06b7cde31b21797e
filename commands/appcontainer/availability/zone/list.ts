import {ApiCommand} from '../../../../src/cli/api-command.js'
import {containerApiVersionFlag, listOutputFlags} from '../../../../src/cli/flags.js'

export default class AppcontainerAvailabilityZoneList extends ApiCommand<typeof AppcontainerAvailabilityZoneList> {
  static override summary = 'List availability zones'
  static override examples = ['<%= config.bin %> appcontainer availability zone list --os-region-name RegionOne']
  static override flags = {
    ...listOutputFlags,
    ...containerApiVersionFlag,
  }

  async run() {
    const [{zunClient}, {listAvailabilityZones}, {availabilityZoneListView}] = await Promise.all([
      import('../../../../src/clients/zun/client.js'),
      import('../../../../src/clients/zun/availability-zones.js'),
      import('../../../../src/views/zun-admin.js'),
    ])
    const {client} = await zunClient(await this.session(), undefined, this.flags['os-container-api-version'])
    const v = availabilityZoneListView(await listAvailabilityZones(client))
    return this.printList(v.headers, v.rows, v.human)
  }
}
