import {Args} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'

export default class RoutingDelete extends TricircleCommand<typeof RoutingDelete> {
  static override summary = 'Delete resource routings'
  static override description = `Each routing is tried in turn; the failures are reported one per line and counted at
the end: "N of M routings failed to delete." (exit 3 when some were deleted, 1 when none was).`
  static override examples = ['<%= config.bin %> multiregion networking routing delete 42 43']
  static override strict = false
  static override args = {routing: Args.string({description: 'ID of the routing(s) to delete', required: true})}

  async run() {
    const [{deleteRouting}, {forEachItem}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/orchestration/each.js'),
    ])
    const c = await this.tricircle()
    const res = await forEachItem(this.variadicArgs(), (id) => deleteRouting(c, id), (line) => process.stderr.write(`${line}\n`), {
      thing: 'routing',
      verb: 'delete',
      interrupt: this.interrupt,
    })
    return {deleted: res.done.map((d) => d.item)}
  }
}
