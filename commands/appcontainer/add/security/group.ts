import {Args} from '@oclif/core'

import {ZunCommand} from '../../../../src/cli/zun-command.js'

export default class AppcontainerAddSecurityGroup extends ZunCommand<typeof AppcontainerAddSecurityGroup> {
  static override summary = 'Add security group for specified container.'
  static override description =
    'Zun has this action only up to API 1.14 (python-zunclient sends it at 1.40 and always gets 406): mrctl sends it ' +
    'at 1.14 unless --os-container-api-version says otherwise. Allowed in Created, Running, Stopped and Paused.'
  static override examples = ['<%= config.bin %> appcontainer add security group --os-region-name RegionOne web sg1']
  static override args = {
    container: Args.string({description: 'ID or name of the container to add security group.', required: true}),
    security_group: Args.string({description: 'Security group ID or name for specified container.', required: true}),
  }

  async run() {
    const {addSecurityGroup} = await import('../../../../src/clients/zun/actions.js')
    const ref = this.args.container
    const zc = await this.zunUpTo(14, 'add security group')
    await addSecurityGroup(zc, ref, this.args.security_group)
    this.say(`Request to add security group for container ${ref} has been accepted.`)
    return {container: ref, security_group: this.args.security_group}
  }
}
