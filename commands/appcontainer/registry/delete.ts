import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'

export default class AppcontainerRegistryDelete extends ZunCommand<typeof AppcontainerRegistryDelete> {
  static override summary = 'Delete specified registry(s)'
  static override description = `Each registry is tried in turn; the failures are reported one per line and counted at the end:
"N of M registries failed to delete." (exit 3 when some were deleted, 1 when none was; python-zunclient exits 0).`
  static override examples = ['<%= config.bin %> appcontainer registry delete reg1 reg2 --os-region-name RegionOne']
  static override strict = false
  static override args = {registry: Args.string({description: 'ID or name of the registry(s) to delete.', required: true})}

  async run() {
    const [{deleteRegistry}, {forEachItem}] = await Promise.all([
      import('../../../src/clients/zun/registries.js'),
      import('../../../src/orchestration/each.js'),
    ])
    const client = await this.zun()
    const res = await forEachItem(
      this.variadicArgs(),
      async (id) => {
        await deleteRegistry(client, id)
        this.say(`Request to delete registry ${id} has been accepted.`)
      },
      (line) => process.stderr.write(`${line}\n`),
      {thing: 'registry', things: 'registries', verb: 'delete', interrupt: this.interrupt},
    )
    return {deleted: res.done.map((d) => d.item)}
  }
}
