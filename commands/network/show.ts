import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

export default class NetworkShow extends ApiCommand<typeof NetworkShow> {
  static override summary = 'Show network details'
  static override examples = [
    '<%= config.bin %> network show container-net',
    '<%= config.bin %> network show container-net --os-region-name RegionOne -f json',
  ]
  static override args = {network: Args.string({description: 'Network to display (name or ID)', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{findNetwork}, {networkShowView}] = await Promise.all([
      import('../../src/clients/neutron/networks.js'),
      import('../../src/views/network.js'),
    ])
    const net = await findNetwork(await (await this.session()).client('network'), this.args.network)
    const v = networkShowView(net)
    return this.printShow(v.fields, v.values, v.human)
  }
}
