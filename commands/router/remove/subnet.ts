import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'

export default class RouterRemoveSubnet extends ApiCommand<typeof RouterRemoveSubnet> {
  static override summary = 'Remove a subnet from a router'
  static override description = 'Prints nothing, as `openstack router remove subnet` does (--json returns the removed interface).'
  static override examples = ['<%= config.bin %> router remove subnet r1 s1']
  static override args = {
    router: Args.string({description: 'Router from which the subnet will be removed (name or ID)', required: true}),
    subnet: Args.string({description: 'Subnet to be removed (name or ID)', required: true}),
  }

  async run() {
    const {routerRemoveSubnet} = await import('../../../src/clients/neutron/routers.js')
    return routerRemoveSubnet(await (await this.session()).client('network'), this.args.router, this.args.subnet)
  }
}
