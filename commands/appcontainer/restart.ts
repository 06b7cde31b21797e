import {Args, Flags} from '@oclif/core'

import {ContainerItemsCommand} from './start.js'

export default class AppcontainerRestart extends ContainerItemsCommand<typeof AppcontainerRestart> {
  static override summary = 'Restart specified container'
  static override description =
    'Allowed in Created, Running, Stopped and Error (the reboot action); each container that fails is reported and the command exits 3 (1 when none succeeded). ' +
    'Here --timeout is the stop timeout sent to Zun (default 10), as in python-zunclient, not the HTTP timeout.'
  static override examples = [
    '<%= config.bin %> appcontainer restart --os-region-name RegionOne web',
    '<%= config.bin %> appcontainer restart --os-region-name RegionOne --timeout 30 web web2',
  ]
  static override flags = {
    timeout: Flags.integer({description: 'Seconds to wait for stop before restarting (container)s (default 10)', min: 0}),
  }
  static override args = {container: Args.string({description: 'ID or name of the (container)s to restart.', required: true})}

  async run() {
    const {restartContainer} = await import('../../src/clients/zun/actions.js')
    const timeout = this.flags.timeout ?? 10
    // --timeout means the stop timeout here; the HTTP calls keep their default.
    this.flags.timeout = undefined
    const zc = await this.zun()
    return this.eachContainer('restart', (ref) => restartContainer(zc, ref, timeout), undefined, (ref) => this.unscheduledWarning(zc, ref, 'restart'))
  }
}
