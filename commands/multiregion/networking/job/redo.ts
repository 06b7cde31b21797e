import {Args} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'

export default class JobRedo extends TricircleCommand<typeof JobRedo> {
  static override summary = 'Redo an asynchronous job'
  static override description = `Queues a fresh NEW job with the same type, project and resource; the job given is
left as it is. Only NEW and FAIL jobs can be redone. Prints nothing, as python-tricircleclient does.`
  static override examples = ['<%= config.bin %> multiregion networking job redo <job-id>']
  static override args = {job: Args.string({description: 'ID of the job', required: true})}

  async run() {
    const {redoJob} = await import('../../../../src/clients/tricircle/index.js')
    const c = await this.tricircle()
    await redoJob(c, this.args.job)
    return {redone: this.args.job}
  }
}
