import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {listOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerImageSearch extends ZunCommand<typeof AppcontainerImageSearch> {
  static override summary = 'Search specified image'
  static override description =
    'Any role may search. With the docker driver (the default) the hits are Docker Hub entries, which fill only Name and Metadata; with --image-driver glance they are Glance images.'
  static override examples = [
    '<%= config.bin %> appcontainer image search cirros --os-region-name RegionOne',
    '<%= config.bin %> appcontainer image search --image-driver docker --exact-match cirros --os-region-name RegionOne',
  ]
  static override args = {image_name: Args.string({description: 'Name of the image', required: true})}
  static override flags = {
    ...listOutputFlags,
    'image-driver': Flags.string({description: 'Name of the image driver'}),
    'exact-match': Flags.boolean({description: 'exact match image name'}),
  }

  async run() {
    const [{searchImages}, {imageSearchView}] = await Promise.all([
      import('../../../src/clients/zun/images.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const f = this.flags
    const client = await this.zun()
    const hits = await searchImages(client, this.args.image_name, {imageDriver: f['image-driver'], exactMatch: f['exact-match']})
    const v = imageSearchView(hits)
    return this.printList(v.headers, v.rows, v.human)
  }
}
