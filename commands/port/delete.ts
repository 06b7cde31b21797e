import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'

export default class PortDelete extends ApiCommand<typeof PortDelete> {
  static override summary = 'Delete port(s)'
  static override description =
    'Each port is looked up by name or ID and deleted; a failure is reported and the others are still deleted, ' +
    'then the command fails with "N of M ports failed to delete." (exit 3 when some were deleted, 1 when none was).'
  static override examples = ['<%= config.bin %> port delete p1 p2']
  static override strict = false
  static override args = {port: Args.string({description: 'Port(s) to delete (name or ID)', required: true})}

  async run() {
    const [{portDelete}, {forEachItem}] = await Promise.all([import('../../src/clients/neutron/ports.js'), import('../../src/orchestration/each.js')])
    const c = await (await this.session()).client('network')
    const res = await forEachItem(this.variadicArgs(), async (ref) => (await portDelete(c, ref)).id, (l) => this.logToStderr(l), {
      thing: 'port',
      verb: 'delete',
      interrupt: this.interrupt,
    })
    return {deleted: res.done.map((d) => d.value)}
  }
}
