import {Args, Flags} from '@oclif/core'

import {ContainerItemsCommand} from './start.js'

export default class AppcontainerKill extends ContainerItemsCommand<typeof AppcontainerKill> {
  static override summary = 'Kill one or more running container(s)'
  static override description =
    'Allowed in Running. Signals: SIGTERM, TERM, 15…; without --signal Zun sends SIGKILL. ' +
    'Each container that fails is reported and the command exits 3 (1 when none succeeded).'
  static override examples = ['<%= config.bin %> appcontainer kill --os-region-name RegionOne --signal SIGTERM web']
  static override flags = {signal: Flags.string({description: 'The signal to kill'})}
  static override args = {container: Args.string({description: 'ID or name of the (container)s to kill.', required: true})}

  async run() {
    const {killContainer} = await import('../../src/clients/zun/actions.js')
    const zc = await this.zun()
    return this.eachContainer('kill', (ref) => killContainer(zc, ref, this.flags.signal))
  }
}
