import {Args} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'

export default class AppcontainerImageDelete extends ZunCommand<typeof AppcontainerImageDelete> {
  static override summary = 'Delete specified image from a host'
  static override description =
    'Admin only. A failure is an error (exit 1); python-zunclient prints "Delete for image X failed" and exits 0.'
  static override examples = ['<%= config.bin %> appcontainer image delete 0d5e6b8a-5c3e-4a59-9d33-2f1d8c7b9e10 --os-region-name RegionOne']
  static override args = {uuid: Args.string({description: 'UUID of image to describe', required: true})}

  async run() {
    const [{deleteImage}] = await Promise.all([import('../../../src/clients/zun/images.js')])
    const client = await this.zun()
    await deleteImage(client, this.args.uuid)
    this.say(`Request to delete image ${this.args.uuid} has been accepted.`)
    return {image: this.args.uuid}
  }
}
