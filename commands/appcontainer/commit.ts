import {Args} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'

export default class AppcontainerCommit extends ZunCommand<typeof AppcontainerCommit> {
  static override summary = "Create a new image from a container's changes"
  static override description =
    'The image goes to Glance (container format docker) and is uploaded in the background. Allowed in Running, ' +
    'Stopped and Paused. Only a colon after the last "/" starts the tag (registry:5000/repo:v1 works).'
  static override examples = ['<%= config.bin %> appcontainer commit --os-region-name RegionOne web myrepo:v1']
  static override args = {
    container: Args.string({description: 'ID or name of the (container)s to commit.', required: true}),
    repository: Args.string({description: 'Repository and tag of the new image (<repository>[:<tag>]).', required: true}),
  }

  async run() {
    const {commitContainer, parseRepository} = await import('../../src/clients/zun/container-api.js')
    const {repository, tag} = parseRepository(this.args.repository)
    const zc = await this.zun()
    const image = await commitContainer(zc, this.args.container, repository, tag)
    this.say(`Request to commit container ${this.args.container} has been accepted. The image is ${image.uuid}.`)
    return image
  }
}
