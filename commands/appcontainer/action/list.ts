import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {listOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerActionList extends ZunCommand<typeof AppcontainerActionList> {
  static override summary = 'List actions on a container'
  static override examples = ['<%= config.bin %> appcontainer action list --os-region-name RegionOne web']
  static override flags = {
    ...listOutputFlags,
  }
  static override args = {container: Args.string({description: 'ID or name of the container to list actions.', required: true})}

  async run() {
    const [{listContainerActions}, {containerActionListView}] = await Promise.all([
      import('../../../src/clients/zun/container-api.js'),
      import('../../../src/views/zun-container.js'),
    ])
    const zc = await this.zun()
    const v = containerActionListView(await listContainerActions(zc, this.args.container))
    return this.printList(v.headers, v.rows, v.human)
  }
}
