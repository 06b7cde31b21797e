import {Args} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'
import {showOutputFlags} from '../../../../src/cli/flags.js'

export default class PodShow extends TricircleCommand<typeof PodShow> {
  static override summary = 'Show a pod'
  static override examples = ['<%= config.bin %> multiregion networking pod show 81bb1e4a-7c63-4f5d-9f0b-3b1f0e5d2c11']
  static override args = {pod: Args.string({description: 'ID of the pod', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{getPod}, {podShowView}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/views/tricircle.js'),
    ])
    const c = await this.tricircle()
    const v = podShowView(await getPod(c, this.args.pod))
    return this.printShow(v.fields, v.values)
  }
}
