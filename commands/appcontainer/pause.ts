import {Args} from '@oclif/core'

import {ContainerItemsCommand} from './start.js'

export default class AppcontainerPause extends ContainerItemsCommand<typeof AppcontainerPause> {
  static override summary = 'Pause specified container'
  static override description = 'Allowed in Running only; each container that fails is reported and the command exits 3 (1 when none succeeded).'
  static override examples = ['<%= config.bin %> appcontainer pause --os-region-name RegionOne web']
  static override args = {container: Args.string({description: 'ID or name of the (container)s to pause.', required: true})}

  async run() {
    const {pauseContainer} = await import('../../src/clients/zun/actions.js')
    const zc = await this.zun()
    return this.eachContainer('pause', (ref) => pauseContainer(zc, ref))
  }
}
