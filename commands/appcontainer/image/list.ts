import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {containerApiVersionFlag, listOutputFlags} from '../../../src/cli/flags.js'

export default class AppcontainerImageList extends ApiCommand<typeof AppcontainerImageList> {
  static override summary = 'List available images'
  static override description = 'The images pulled onto the compute hosts (admin only). Columns: uuid, image_id, repo, tag, size.'
  static override examples = [
    '<%= config.bin %> appcontainer image list --os-region-name RegionOne',
    '<%= config.bin %> appcontainer image list --limit 2 --sort-key repo --os-region-name RegionOne',
  ]
  static override flags = {
    ...listOutputFlags,
    ...containerApiVersionFlag,
    marker: Flags.string({description: 'The last image UUID of the previous page; displays list of images after "marker".'}),
    limit: Flags.integer({description: 'Maximum number of images to return', min: 1}),
    'sort-key': Flags.string({description: 'Column to sort results by'}),
    'sort-dir': Flags.string({description: 'Direction to sort. "asc" or "desc".', options: ['desc', 'asc']}),
  }

  async run() {
    const [{zunClient}, {listImages}, {imageListView}] = await Promise.all([
      import('../../../src/clients/zun/client.js'),
      import('../../../src/clients/zun/images.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const f = this.flags
    const {client} = await zunClient(await this.session(), undefined, f['os-container-api-version'])
    const images = await listImages(client, {marker: f.marker, limit: f.limit, sortKey: f['sort-key'], sortDir: f['sort-dir'] as 'asc' | 'desc' | undefined})
    const v = imageListView(images)
    return this.printList(v.headers, v.rows, v.human)
  }
}
