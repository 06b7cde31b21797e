import {Args} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'

export default class JobDelete extends TricircleCommand<typeof JobDelete> {
  static override summary = 'Delete asynchronous jobs'
  static override description = `A running job cannot be deleted; a successful one is archived into the job log.
Each job is tried in turn; the failures are reported one per line and counted at the end:
"N of M jobs failed to delete." (exit 3 when some were deleted, 1 when none was).`
  static override examples = ['<%= config.bin %> multiregion networking job delete <job-id> [<job-id> …]']
  static override strict = false
  static override args = {job: Args.string({description: 'ID of the job(s) to delete', required: true})}

  async run() {
    const [{deleteJob}, {forEachItem}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/orchestration/each.js'),
    ])
    const c = await this.tricircle()
    const res = await forEachItem(this.variadicArgs(), (id) => deleteJob(c, id), (line) => process.stderr.write(`${line}\n`), {
      thing: 'job',
      verb: 'delete',
      interrupt: this.interrupt,
    })
    return {deleted: res.done.map((d) => d.item)}
  }
}
