import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'
import {listOutputFlags} from '../../src/cli/flags.js'

export default class AppcontainerTop extends ZunCommand<typeof AppcontainerTop> {
  static override summary = 'Display the running processes inside the container'
  static override description =
    'A table with ps’s titles as columns (python-zunclient’s Python 2 print fails on Python 3). Allowed in Running.'
  static override examples = [
    '<%= config.bin %> appcontainer top --os-region-name RegionOne web',
    '<%= config.bin %> appcontainer top --os-region-name RegionOne --pid aux web',
  ]
  static override flags = {
    ...listOutputFlags,
    pid: Flags.string({description: 'The args of the ps id (repeatable; joined with spaces).', multiple: true, multipleNonGreedy: true}),
  }
  static override args = {container: Args.string({description: 'ID or name of the container to display processes.', required: true})}

  async run() {
    const [{containerTop}, {containerTopView}] = await Promise.all([
      import('../../src/clients/zun/container-api.js'),
      import('../../src/views/zun-container.js'),
    ])
    const zc = await this.zun()
    const v = containerTopView(await containerTop(zc, this.args.container, this.flags.pid))
    return this.printList(v.headers, v.rows, v.human)
  }
}
