import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {UsageError} from '../../../src/core/errors.js'

export default class AppcontainerNetworkDetach extends ZunCommand<typeof AppcontainerNetworkDetach> {
  static override summary = 'Detach neutron network from specified container.'
  static override description = 'API 1.6+ (--port: 1.17+). A port Zun created for the network is deleted; a port you gave is kept.'
  static override examples = ['<%= config.bin %> appcontainer network detach --os-region-name RegionOne --network private web']
  static override flags = {
    network: Flags.string({description: 'The network for specified container to detach.', exclusive: ['port']}),
    port: Flags.string({description: 'The port for specified container to detach.', exclusive: ['network']}),
  }
  static override args = {container: Args.string({description: 'ID or name of the container to detach network.', required: true})}

  async run() {
    const f = this.flags
    if (!f.network && !f.port) throw new UsageError('give --network or --port')
    const {networkDetach} = await import('../../../src/clients/zun/container-api.js')
    const zc = await this.zun()
    await networkDetach(zc, this.args.container, {network: f.network, port: f.port})
    this.say(`Request to detach network for container ${this.args.container} has been accepted.`)
    return {container: this.args.container, network: f.network ?? null, port: f.port ?? null}
  }
}
