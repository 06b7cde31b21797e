import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

export default class PortShow extends ApiCommand<typeof PortShow> {
  static override summary = 'Display port details'
  static override examples = ['<%= config.bin %> port show p1', '<%= config.bin %> port show p1 --os-region-name RegionOne -f json']
  static override args = {port: Args.string({description: 'Port to display (name or ID)', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{findPort}, {portShowView}] = await Promise.all([import('../../src/clients/neutron/ports.js'), import('../../src/views/port.js')])
    const port = await findPort(await (await this.session()).client('network'), this.args.port)
    const v = portShowView(port)
    return this.printShow(v.fields, v.values, v.human)
  }
}
