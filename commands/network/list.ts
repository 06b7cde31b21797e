import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {enableDisableFlags, enabledOf, listOutputFlags, projectFlag, regionFlags, tagFilterFlags, tagFiltersOf} from '../../src/cli/flags.js'

export default class NetworkList extends ApiCommand<typeof NetworkList> {
  static override summary = 'List networks'
  static override description =
    'With --region (repeatable) or --all-regions the regions are listed in parallel and a Region column is added; ' +
    'a region that fails is reported on stderr, the others are still printed, and the exit code is 3.'
  static override examples = [
    '<%= config.bin %> network list',
    '<%= config.bin %> network list --all-regions',
    '<%= config.bin %> network list --region RegionOne --region RegionTwo -f json',
    '<%= config.bin %> network list --external --long',
  ]
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    external: Flags.boolean({description: 'List external networks', exclusive: ['internal']}),
    internal: Flags.boolean({description: 'List internal networks', exclusive: ['external']}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    name: Flags.string({description: 'List networks according to their name'}),
    ...enableDisableFlags('network', 'list'),
    ...projectFlag('List networks according to their project (name or ID)'),
    share: Flags.boolean({description: 'List networks shared between projects (--no-share: not shared)', allowNo: true}),
    status: Flags.string({description: 'List networks according to their status', options: ['ACTIVE', 'BUILD', 'DOWN', 'ERROR']}),
    'provider-network-type': Flags.string({
      description: 'List networks according to their physical mechanisms',
      options: ['flat', 'geneve', 'gre', 'local', 'vlan', 'vxlan'],
    }),
    'provider-physical-network': Flags.string({description: 'List networks according to name of the physical network'}),
    'provider-segment': Flags.string({description: 'List networks according to VLAN ID or tunnel ID'}),
    ...tagFilterFlags('networks'),
  }

  async run() {
    const [{listNetworks, networkListQuery}, {listInRegions}, {networkListView}] = await Promise.all([
      import('../../src/clients/neutron/index.js'),
      import('../../src/orchestration/regions.js'),
      import('../../src/views/network.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const projectId = await this.projectId(f.project)
    const query = networkListQuery({
      name: f.name,
      external: f.external ? true : f.internal ? false : undefined,
      enabled: enabledOf(f),
      shared: f.share,
      projectId,
      status: f.status,
      providerNetworkType: f['provider-network-type'],
      providerPhysicalNetwork: f['provider-physical-network'],
      providerSegment: f['provider-segment'],
      ...tagFiltersOf(f),
    })
    const res = await listInRegions(session, 'network', {regions: f.region, all: f['all-regions']}, (c) => listNetworks(c, query))
    this.reportRegionFailures(res.failures)
    const view = networkListView(res.items, {long: f.long, regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
