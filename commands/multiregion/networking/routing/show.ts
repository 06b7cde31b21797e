import {Args} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'
import {showOutputFlags} from '../../../../src/cli/flags.js'

export default class RoutingShow extends TricircleCommand<typeof RoutingShow> {
  static override summary = 'Show a resource routing'
  static override examples = ['<%= config.bin %> multiregion networking routing show 42']
  static override args = {routing: Args.string({description: 'ID of the routing', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{getRouting}, {routingShowView}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/views/tricircle.js'),
    ])
    const c = await this.tricircle()
    const v = routingShowView(await getRouting(c, this.args.routing))
    return this.printShow(v.fields, v.values)
  }
}
