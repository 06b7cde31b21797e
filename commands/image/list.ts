import {Flags} from '@oclif/core'

import {parseKeyValueList} from '../../src/core/key-values.js'
import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags, regionFlags} from '../../src/cli/flags.js'

const VISIBILITY = ['public', 'private', 'community', 'shared', 'all']

export default class ImageList extends ApiCommand<typeof ImageList> {
  static override summary = 'List available images'
  static override description =
    'Lists images as `openstack image list` does: sorted by name, `--property` filtered on the client side. ' +
    'With several regions (--region, repeatable, or --all-regions) a Region column comes first; a region that ' +
    'fails is reported on stderr and the command exits 3.'
  static override examples = [
    '<%= config.bin %> image list --os-region-name RegionOne',
    '<%= config.bin %> image list --all-regions --long',
    '<%= config.bin %> image list --region RegionOne --region RegionTwo --property os_distro=ubuntu -f json',
  ]
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    public: Flags.boolean({description: 'List only public images', exclusive: VISIBILITY.filter((v) => v !== 'public')}),
    private: Flags.boolean({description: 'List only private images', exclusive: VISIBILITY.filter((v) => v !== 'private')}),
    community: Flags.boolean({description: 'List only community images', exclusive: VISIBILITY.filter((v) => v !== 'community')}),
    shared: Flags.boolean({description: 'List only shared images', exclusive: VISIBILITY.filter((v) => v !== 'shared')}),
    all: Flags.boolean({description: 'List all images', exclusive: VISIBILITY.filter((v) => v !== 'all')}),
    property: Flags.string({description: 'Filter output based on property (key=value, repeatable)', multiple: true}),
    name: Flags.string({description: 'Filter images based on name'}),
    status: Flags.string({description: 'Filter images based on status'}),
    tag: Flags.string({description: 'Filter images based on tag (repeatable)', multiple: true}),
    hidden: Flags.boolean({description: 'List hidden images'}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    sort: Flags.string({description: 'Sort output by keys and directions: <key>[:<asc|desc>][,…] (default: name:asc)', default: 'name:asc'}),
  }

  async run() {
    const [glance, {listInRegions}, {imageListView}] = await Promise.all([
      import('../../src/clients/glance/images.js'),
      import('../../src/orchestration/regions.js'),
      import('../../src/views/image.js'),
    ])
    const f = this.flags
    // Every bad input is refused before the first request.
    const props = parseKeyValueList('--property', f.property)
    const sort = glance.parseSort(f.sort)
    const visibility = VISIBILITY.find((v) => f[v as 'public'])
    const session = await this.session()
    const res = await listInRegions(session, 'image', {regions: f.region, all: f['all-regions']}, async (c) =>
      glance.sortImages(
        glance.filterByProperties(
          await glance.listImages(c, {name: f.name, visibility, status: f.status, tag: f.tag, os_hidden: f.hidden}),
          props,
        ),
        sort,
      ),
    )
    this.reportRegionFailures(res.failures)
    const view = imageListView(res.items, {long: f.long, regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
