import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {UsageError} from '../../../src/core/errors.js'

export default class AppcontainerNetworkAttach extends ZunCommand<typeof AppcontainerNetworkAttach> {
  static override summary = 'Attach neutron network to specified container.'
  static override description =
    'API 1.8+. --network or --port (name or ID, resolved by Zun); --fixed-ip asks for an address on the network.'
  static override examples = [
    '<%= config.bin %> appcontainer network attach --os-region-name RegionOne --network private --fixed-ip 10.0.0.9 web',
    '<%= config.bin %> appcontainer network attach --os-region-name RegionOne --port p1 web',
  ]
  static override flags = {
    network: Flags.string({description: 'The network for specified container to attach.', exclusive: ['port']}),
    port: Flags.string({description: 'The port for specified container to attach.', exclusive: ['network', 'fixed-ip']}),
    'fixed-ip': Flags.string({description: 'The fixed-ip that container will attach to.', exclusive: ['port']}),
  }
  static override args = {container: Args.string({description: 'ID or name of the container to attach network.', required: true})}

  async run() {
    const f = this.flags
    if (!f.network && !f.port) throw new UsageError('give --network or --port')
    const {networkAttach} = await import('../../../src/clients/zun/container-api.js')
    const zc = await this.zun()
    await networkAttach(zc, this.args.container, {network: f.network, port: f.port, fixedIp: f['fixed-ip']})
    this.say(`Request to attach network to container ${this.args.container} has been accepted.`)
    return {container: this.args.container, network: f.network ?? null, port: f.port ?? null}
  }
}
