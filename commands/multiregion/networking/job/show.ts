import {Args} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'
import {showOutputFlags} from '../../../../src/cli/flags.js'

export default class JobShow extends TricircleCommand<typeof JobShow> {
  static override summary = 'Show an asynchronous job'
  static override description = 'The job with its resource fields flattened in (network_id, pod_id…), as python-tricircleclient prints it.'
  static override examples = ['<%= config.bin %> multiregion networking job show <job-id>']
  static override args = {job: Args.string({description: 'ID of the job', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{getJob}, {jobShowView}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/views/tricircle.js'),
    ])
    const c = await this.tricircle()
    const v = jobShowView(await getJob(c, this.args.job))
    return this.printShow(v.fields, v.values)
  }
}
