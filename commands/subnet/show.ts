import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

export default class SubnetShow extends ApiCommand<typeof SubnetShow> {
  static override summary = 'Display subnet details'
  static override examples = ['<%= config.bin %> subnet show container-subnet', '<%= config.bin %> subnet show s1 --os-region-name RegionOne -f json']
  static override args = {subnet: Args.string({description: 'Subnet to display (name or ID)', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{findSubnet}, {subnetShowView}] = await Promise.all([import('../../src/clients/neutron/subnets.js'), import('../../src/views/subnet.js')])
    const sub = await findSubnet(await (await this.session()).client('network'), this.args.subnet)
    const v = subnetShowView(sub)
    return this.printShow(v.fields, v.values, v.human)
  }
}
