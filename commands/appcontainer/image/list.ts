import {Flags} from '@oclif/core'

import {ZunCommand} from '../../../src/cli/zun-command.js'
import {listOutputFlags, regionFlags} from '../../../src/cli/flags.js'

export default class AppcontainerImageList extends ZunCommand<typeof AppcontainerImageList> {
  static override summary = 'List available images'
  static override description =
    'The images pulled onto the compute hosts (admin only). Columns: uuid, image_id, repo, tag, size.' +
    'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; a region that fails is reported on stderr and the exit code is 3.'
  static override examples = [
    '<%= config.bin %> appcontainer image list --os-region-name RegionOne',
    '<%= config.bin %> appcontainer image list --limit 2 --sort-key repo --os-region-name RegionOne',
  ]
  static override flags = {
    ...regionFlags,
    ...listOutputFlags,
    marker: Flags.string({description: 'The last image UUID of the previous page; displays list of images after "marker".'}),
    limit: Flags.integer({description: 'Maximum number of images to return', min: 1}),
    'sort-key': Flags.string({description: 'Column to sort results by'}),
    'sort-dir': Flags.string({description: 'Direction to sort. "asc" or "desc".', options: ['desc', 'asc']}),
  }

  async run() {
    const [{listImages}, {imageListView}] = await Promise.all([
      import('../../../src/clients/zun/images.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const f = this.flags
    const session = await this.session()
    return this.listAcrossRegions(
      'container',
      async (region) => listImages(await this.zun(region), {marker: f.marker, limit: f.limit, sortKey: f['sort-key'], sortDir: f['sort-dir'] as 'asc' | 'desc' | undefined}),
      imageListView,
    )
  }
}
