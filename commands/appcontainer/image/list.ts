import {ZunCommand} from '../../../src/cli/zun-command.js'
import {listOutputFlags, markerPageOf, markerPaginationFlags, regionFlags} from '../../../src/cli/flags.js'

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
    ...markerPaginationFlags('image', 'images', {sort: true}),
  }

  async run() {
    const [{listImages}, {imageListView}] = await Promise.all([
      import('../../../src/clients/zun/images.js'),
      import('../../../src/views/zun-admin.js'),
    ])
    const f = this.flags
    return this.listAcrossRegions(
      'container',
      async (region) => listImages(await this.zun(region), markerPageOf(f)),
      imageListView,
    )
  }
}
