import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'

export default class ImageDelete extends ApiCommand<typeof ImageDelete> {
  static override summary = 'Delete image(s)'
  static override description =
    'Each image is looked up by name or ID and deleted; a failure is reported and the others are still deleted, ' +
    'then the command fails with "N of M images failed to delete." (exit 3 when some were deleted, 1 when none was)'
  static override examples = ['<%= config.bin %> image delete cirros old-image --os-region-name RegionOne']
  static override strict = false
  static override args = {image: Args.string({description: 'Image(s) to delete (name or ID)', required: true})}

  async run() {
    const [{findImage, deleteImage}, {forEachItem}] = await Promise.all([
      import('../../src/clients/glance/images.js'),
      import('../../src/orchestration/each.js'),
    ])
    const names = this.variadicArgs()
    const c = await (await this.session()).client('image')
    const res = await forEachItem(
      names,
      async (ref) => {
        const image = await findImage(c, ref)
        await deleteImage(c, image.id)
        return image.id
      },
      (line) => this.logToStderr(line),
      {thing: 'image', verb: 'delete', interrupt: this.interrupt},
    )
    return {deleted: res.done.map((d) => d.value)}
  }
}
