import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

export default class AppcontainerShow extends ZunCommand<typeof AppcontainerShow> {
  static override summary = 'Show a container'
  static override description =
    'Every field Zun returns, in its order, with addresses shown as the IPs and a networks row (the network IDs) added.'
  static override examples = ['<%= config.bin %> appcontainer show --os-region-name RegionOne web']
  static override flags = {
    ...showOutputFlags,
    'all-projects': Flags.boolean({description: 'Show container(s) in all projects by name.'}),
  }
  static override args = {container: Args.string({description: 'ID or name of the container to show.', required: true})}

  async run() {
    const [{getContainer}, {containerShowView}] = await Promise.all([
      import('../../src/clients/zun/container-api.js'),
      import('../../src/views/zun-container.js'),
    ])
    const zc = await this.zun()
    const c = await getContainer(zc, this.args.container, {allProjects: this.flags['all-projects']})
    const v = containerShowView(c, {flatten: true})
    return this.printShow(v.fields, v.values, v.human)
  }
}
