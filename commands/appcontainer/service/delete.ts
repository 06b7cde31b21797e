import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'

export default class AppcontainerServiceDelete extends ZunCommand<typeof AppcontainerServiceDelete> {
  static override summary = 'Delete the Zun binaries/services.'
  static override description =
    'Admin only. A failure is an error (exit 1); python-zunclient prints "Delete for binary B on host H failed" and exits 0.'
  static override examples = ['<%= config.bin %> appcontainer service delete node1 zun-compute --os-region-name RegionOne']
  static override args = {
    host: Args.string({description: 'Name of host', required: true}),
    binary: Args.string({description: 'Name of the binary to delete', required: true}),
  }

  async run() {
    const [{deleteService}] = await Promise.all([import('../../../src/clients/zun/services.js')])
    const {host, binary} = this.args
    const client = await this.zun()
    await deleteService(client, host, binary)
    this.say(`Request to delete binary ${binary} on host ${host} has been accepted.`)
    return {host, binary}
  }
}
