import {Args} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'

export default class PodDelete extends TricircleCommand<typeof PodDelete> {
  static override summary = 'Delete pods'
  static override description = `Each pod is tried in turn (python-tricircleclient stops at the first failure); the
failures are reported one per line and counted at the end: "N of M pods failed to delete." (exit 3 when some were deleted, 1 when none was).`
  static override examples = ['<%= config.bin %> multiregion networking pod delete <pod-id> [<pod-id> …]']
  static override strict = false
  static override args = {pod: Args.string({description: 'ID of the pod(s) to delete', required: true})}

  async run() {
    const [{deletePod}, {forEachItem}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/orchestration/each.js'),
    ])
    const c = await this.tricircle()
    const res = await forEachItem(this.variadicArgs(), (id) => deletePod(c, id), (line) => process.stderr.write(`${line}\n`), {
      thing: 'pod',
      verb: 'delete',
      interrupt: this.interrupt,
    })
    return {deleted: res.done.map((d) => d.item)}
  }
}
