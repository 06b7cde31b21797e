import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'

export default class RouterDelete extends ApiCommand<typeof RouterDelete> {
  static override summary = 'Delete router(s)'
  static override description =
    'Each router is looked up by name or ID and deleted; a failure is reported and the others are still deleted, ' +
    'then the command fails with "N of M routers failed to delete." (exit 3 when some were deleted, 1 when none was).'
  static override examples = ['<%= config.bin %> router delete r1 r2']
  static override strict = false
  static override args = {router: Args.string({description: 'Router(s) to delete (name or ID)', required: true})}

  async run() {
    const [{routerDelete}, {forEachItem}] = await Promise.all([import('../../src/clients/neutron/routers.js'), import('../../src/orchestration/each.js')])
    const c = await (await this.session()).client('network')
    const res = await forEachItem(this.variadicArgs(), async (ref) => (await routerDelete(c, ref)).id, (l) => this.logToStderr(l), {
      thing: 'router',
      verb: 'delete',
      interrupt: this.interrupt,
    })
    return {deleted: res.done.map((d) => d.value)}
  }
}
