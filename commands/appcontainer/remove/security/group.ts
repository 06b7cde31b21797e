import {Args} from '@oclif/core'

import {ZunCommand} from '../../../../src/cli/zun-command.js'

export default class AppcontainerRemoveSecurityGroup extends ZunCommand<typeof AppcontainerRemoveSecurityGroup> {
  static override summary = 'Remove security group for specified container.'
  static override description =
    'Zun has this action only up to API 1.14 (python-zunclient sends it at 1.40 and always gets 406): mrctl sends it ' +
    'at 1.14 unless --os-container-api-version says otherwise. Allowed in Created, Running, Stopped and Paused.'
  static override examples = ['<%= config.bin %> appcontainer remove security group --os-region-name RegionOne web sg1']
  static override args = {
    container: Args.string({description: 'ID or name of the container to remove security group.', required: true}),
    security_group: Args.string({description: 'The security group to remove from specified container.', required: true}),
  }

  async run() {
    const {removeSecurityGroup} = await import('../../../../src/clients/zun/actions.js')
    const ref = this.args.container
    const zc = await this.zunUpTo(14, 'remove security group')
    await removeSecurityGroup(zc, ref, this.args.security_group)
    this.say(`Request to remove security group from container ${ref} has been accepted.`)
    return {container: ref, security_group: this.args.security_group}
  }
}
