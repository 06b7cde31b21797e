import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

export default class RouterShow extends ApiCommand<typeof RouterShow> {
  static override summary = 'Display router details'
  static override description = 'Like `openstack router show`, adds interfaces_info: the port, IP address and subnet of each interface.'
  static override examples = ['<%= config.bin %> router show r1', '<%= config.bin %> router show r1 --os-region-name RegionOne -f json']
  static override args = {router: Args.string({description: 'Router to display (name or ID)', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{routerShow}, {routerShowView}] = await Promise.all([import('../../src/clients/neutron/routers.js'), import('../../src/views/router.js')])
    const router = await routerShow(await (await this.session()).client('network'), this.args.router)
    const v = routerShowView(router)
    return this.printShow(v.fields, v.values, v.human)
  }
}
