import {Args} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {containerApiVersionFlag, listOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerActionList extends ApiCommand<typeof AppcontainerActionList> {
  static override summary = 'List actions on a container'
  static override examples = ['<%= config.bin %> appcontainer action list --os-region-name RegionOne web']
  static override flags = {...listOutputFlags, ...containerApiVersionFlag}
  static override args = {container: Args.string({description: 'ID or name of the container to list actions.', required: true})}

  async run() {
    const [{zunClient, listContainerActions}, {containerActionListView}] = await Promise.all([
      import('../../../src/clients/zun/index.js'),
      import('../../../src/views/zun-container.js'),
    ])
    const zc = await zunClient(await this.session(), undefined, this.flags['os-container-api-version'])
    const v = containerActionListView(await listContainerActions(zc, this.args.container))
    return this.printList(v.headers, v.rows, v.human)
  }
}
