import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerActionShow extends ZunCommand<typeof AppcontainerActionShow> {
  static override summary = 'Show a action'
  static override description = 'Every field Zun returns, in its order, with the events (finish_time from API 1.33).'
  static override examples = ['<%= config.bin %> appcontainer action show --os-region-name RegionOne web req-1']
  static override flags = {
    ...showOutputFlags,
  }
  static override args = {
    container: Args.string({description: 'ID or name of the container to show.', required: true}),
    request_id: Args.string({description: 'request ID of action to describe.', required: true}),
  }

  async run() {
    const [{getContainerAction}, {containerActionShowView}] = await Promise.all([
      import('../../../src/clients/zun/container-api.js'),
      import('../../../src/views/zun-container.js'),
    ])
    const zc = await this.zun()
    const v = containerActionShowView(await getContainerAction(zc, this.args.container, this.args.request_id))
    return this.printShow(v.fields, v.values, v.human)
  }
}
