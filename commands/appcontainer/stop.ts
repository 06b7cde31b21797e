import {Args, Flags} from '@oclif/core'

import {ContainerItemsCommand} from './start.js'

export default class AppcontainerStop extends ContainerItemsCommand<typeof AppcontainerStop> {
  static override summary = 'Stop specified containers'
  static override description =
    'Allowed in Running; each container that fails is reported and the command exits 3 (1 when none succeeded). ' +
    'Here --timeout is the stop timeout sent to Zun (default 10), as in python-zunclient, not the HTTP timeout.'
  static override examples = [
    '<%= config.bin %> appcontainer stop --os-region-name RegionOne web',
    '<%= config.bin %> appcontainer stop --os-region-name RegionOne --timeout 30 web web2',
  ]
  static override flags = {
    timeout: Flags.integer({description: 'Seconds to wait for stop before killing (container)s (default 10)', min: 0}),
  }
  static override args = {container: Args.string({description: 'ID or name of the (container)s to stop.', required: true})}

  async run() {
    const {stopContainer} = await import('../../src/clients/zun/actions.js')
    const timeout = this.flags.timeout ?? 10
    // --timeout means the stop timeout here; the HTTP calls keep their default.
    this.flags.timeout = undefined
    const zc = await this.zun()
    return this.eachContainer('stop', (ref) => stopContainer(zc, ref, timeout))
  }
}
