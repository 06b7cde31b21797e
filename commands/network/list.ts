import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags, regionFlags} from '../../src/cli/flags.js'

export default class NetworkList extends ApiCommand<typeof NetworkList> {
  static override summary = 'List networks'
  static override examples = [
    '<%= config.bin %> network list',
    '<%= config.bin %> network list --all-regions',
    '<%= config.bin %> network list --region RegionOne --region RegionTwo -f json',
  ]
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    name: Flags.string({description: 'List only networks with this name'}),
    long: Flags.boolean({description: 'List more columns'}),
  }

  async run() {
    const [{listNetworks}, {listInRegions}, {networkListView}] = await Promise.all([
      import('../../src/clients/neutron/index.js'),
      import('../../src/orchestration/regions.js'),
      import('../../src/views/network.js'),
    ])
    const session = await this.session()
    const query = this.flags.name ? {name: this.flags.name} : undefined
    const res = await listInRegions(session, 'network', {regions: this.flags.region, all: this.flags['all-regions']}, (c) =>
      listNetworks(c, query),
    )
    this.reportRegionFailures(res.failures)
    const view = networkListView(res.items, {long: this.flags.long, regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
