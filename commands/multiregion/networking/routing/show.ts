import {Args} from '@oclif/core'

import {ApiCommand} from '../../../../src/cli/api-command.js'
import {showOutputFlags} from '../../../../src/cli/flags.js'

export default class RoutingShow extends ApiCommand<typeof RoutingShow> {
  static override summary = 'Show a resource routing'
  static override examples = ['<%= config.bin %> multiregion networking routing show 42']
  static override args = {routing: Args.string({description: 'ID of the routing', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{getRouting}, {routingShowView}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/views/tricircle.js'),
    ])
    const c = await (await this.session()).client('tricircle')
    const v = routingShowView(await getRouting(c, this.args.routing))
    return this.printShow(v.fields, v.values)
  }
}
