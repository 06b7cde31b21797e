import {Args} from '@oclif/core'

import {ContainerItemsCommand} from './start.js'

export default class AppcontainerUnpause extends ContainerItemsCommand<typeof AppcontainerUnpause> {
  static override summary = 'unpause specified container'
  static override description = 'Allowed in Paused only; each container that fails is reported and the command exits 3 (1 when none succeeded).'
  static override examples = ['<%= config.bin %> appcontainer unpause --os-region-name RegionOne web']
  static override args = {container: Args.string({description: 'ID or name of the (container)s to unpause.', required: true})}

  async run() {
    const {unpauseContainer} = await import('../../src/clients/zun/actions.js')
    const zc = await this.zun()
    return this.eachContainer('unpause', (ref) => unpauseContainer(zc, ref))
  }
}
