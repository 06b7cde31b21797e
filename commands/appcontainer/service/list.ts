import {ApiCommand} from '../../../src/cli/api-command.js'
import {containerApiVersionFlag, listOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerServiceList extends ApiCommand<typeof AppcontainerServiceList> {
  static override summary = 'Print a list of zun services.'
  static override description = 'Admin only: other users get the server’s 403.'
  static override examples = ['<%= config.bin %> appcontainer service list --os-region-name RegionOne']
  static override flags = {
    ...listOutputFlags,
    ...containerApiVersionFlag,
  }

  async run() {
    const [{zunClient}, {listServices}, {serviceListView}] = await Promise.all([
      import('../../../src/clients/zun/client.js'),
      import('../../../src/clients/zun/services.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const {client} = await zunClient(await this.session(), undefined, this.flags['os-container-api-version'])
    const v = serviceListView(await listServices(client))
    return this.printList(v.headers, v.rows, v.human)
  }
}
