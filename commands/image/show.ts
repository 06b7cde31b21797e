import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

export default class ImageShow extends ApiCommand<typeof ImageShow> {
  static override summary = 'Display image details'
  static override examples = [
    '<%= config.bin %> image show cirros --os-region-name RegionOne',
    '<%= config.bin %> image show 82bc5fc4-b468-4df3-96f5-a94ad6393d85 --os-region-name RegionTwo -f json',
  ]
  static override args = {image: Args.string({description: 'Image to display (name or ID)', required: true})}
  static override flags = {
    ...showOutputFlags,
    'human-readable': Flags.boolean({description: 'Print image size in a human-friendly format.'}),
  }

  async run() {
    const [{findImage}, {imageShowView}] = await Promise.all([
      import('../../src/clients/glance/images.js'),
      import('../../src/views/image.js'),
    ])
    const session = await this.session()
    const image = await findImage(await session.client('image'), this.args.image)
    const view = imageShowView(image, {humanReadable: this.flags['human-readable']})
    return this.printShow(view.fields, view.values, view.human)
  }
}
