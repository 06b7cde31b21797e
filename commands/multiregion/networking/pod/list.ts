import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'
import {listOutputFlags} from '../../../../src/cli/flags.js'

export default class PodList extends TricircleCommand<typeof PodList> {
  static override summary = 'List pods'
  static override examples = ['<%= config.bin %> multiregion networking pod list', '<%= config.bin %> multiregion networking pod list -f json']
  static override flags = {...listOutputFlags}

  async run() {
    const [{listPods}, {podListView}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/views/tricircle.js'),
    ])
    const c = await this.tricircle()
    const v = podListView(await listPods(c))
    return this.printList(v.headers, v.rows)
  }
}
