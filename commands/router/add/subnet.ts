import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'

export default class RouterAddSubnet extends ApiCommand<typeof RouterAddSubnet> {
  static override summary = 'Add a subnet to a router'
  static override description = 'Prints nothing, as `openstack router add subnet` does (--json returns the new interface).'
  static override examples = ['<%= config.bin %> router add subnet r1 s1', '<%= config.bin %> router add subnet r1 s1 --os-region-name RegionOne']
  static override args = {
    router: Args.string({description: 'Router to which subnet will be added (name or ID)', required: true}),
    subnet: Args.string({description: 'Subnet to be added (name or ID)', required: true}),
  }

  async run() {
    const {routerAddSubnet} = await import('../../../src/clients/neutron/routers.js')
    return routerAddSubnet(await (await this.session()).client('network'), this.args.router, this.args.subnet)
  }
}
