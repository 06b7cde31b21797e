import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {showOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerImageShow extends ZunCommand<typeof AppcontainerImageShow> {
  static override summary = 'Describe a specific image'
  static override examples = ['<%= config.bin %> appcontainer image show 0d5e6b8a-5c3e-4a59-9d33-2f1d8c7b9e10 --os-region-name RegionOne']
  static override args = {uuid: Args.string({description: 'UUID of image to describe', required: true})}
  static override flags = {
    ...showOutputFlags,
  }

  async run() {
    const [{getImage}, {imageShowView}] = await Promise.all([
      import('../../../src/clients/zun/images.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const client = await this.zun()
    const v = imageShowView(await getImage(client, this.args.uuid))
    return this.printShow(v.fields, v.values, v.human)
  }
}
