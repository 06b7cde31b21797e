import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerImagePull extends ZunCommand<typeof AppcontainerImagePull> {
  static override summary = 'Pull specified image into a host'
  static override description = 'Admin only. The server answers at once (202); the image_id and size fill in once the pull is done.'
  static override examples = ['<%= config.bin %> appcontainer image pull cirros node1 --os-region-name RegionOne']
  static override args = {
    image: Args.string({description: 'Name of the image', required: true}),
    host: Args.string({description: 'Name or UUID of the host', required: true}),
  }
  static override flags = {
    ...showOutputFlags,
  }

  async run() {
    const [{pullImage}, {imageShowView}] = await Promise.all([
      import('../../../src/clients/zun/images.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const client = await this.zun()
    const v = imageShowView(await pullImage(client, {repo: this.args.image, host: this.args.host}))
    return this.printShow(v.fields, v.values, v.human)
  }
}
