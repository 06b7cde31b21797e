import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags, regionFlags} from '../../src/cli/flags.js'

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
    enable: Flags.boolean({description: 'List enabled networks', exclusive: ['disable']}),
    disable: Flags.boolean({description: 'List disabled networks', exclusive: ['enable']}),
    project: Flags.string({description: 'List networks according to their project (name or ID)'}),
    share: Flags.boolean({description: 'List networks shared between projects (--no-share: not shared)', allowNo: true}),
    status: Flags.string({description: 'List networks according to their status', options: ['ACTIVE', 'BUILD', 'DOWN', 'ERROR']}),
    'provider-network-type': Flags.string({
      description: 'List networks according to their physical mechanisms',
      options: ['flat', 'geneve', 'gre', 'local', 'vlan', 'vxlan'],
    }),
    'provider-physical-network': Flags.string({description: 'List networks according to name of the physical network'}),
    'provider-segment': Flags.string({description: 'List networks according to VLAN ID or tunnel ID'}),
    tags: Flags.string({description: 'List networks which have all given tag(s) (comma-separated)'}),
    'any-tags': Flags.string({description: 'List networks which have any given tag(s) (comma-separated)'}),
    'not-tags': Flags.string({description: 'Exclude networks which have all given tag(s) (comma-separated)'}),
    'not-any-tags': Flags.string({description: 'Exclude networks which have any given tag(s) (comma-separated)'}),
  }

  async run() {
    const [{listNetworks, networkListQuery, findProject}, {listInRegions}, {networkListView}] = await Promise.all([
      import('../../src/clients/neutron/index.js'),
      import('../../src/orchestration/regions.js'),
      import('../../src/views/network.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const projectId = f.project ? (await findProject(session.identityClient(), f.project)).id : undefined
    const split = (v?: string) => v?.split(',')
    const query = networkListQuery({
      name: f.name,
      external: f.external ? true : f.internal ? false : undefined,
      enabled: f.enable ? true : f.disable ? false : undefined,
      shared: f.share,
      projectId,
      status: f.status,
      providerNetworkType: f['provider-network-type'],
      providerPhysicalNetwork: f['provider-physical-network'],
      providerSegment: f['provider-segment'],
      tags: split(f.tags),
      anyTags: split(f['any-tags']),
      notTags: split(f['not-tags']),
      notAnyTags: split(f['not-any-tags']),
    })
    const res = await listInRegions(session, 'network', {regions: f.region, all: f['all-regions']}, (c) => listNetworks(c, query))
    this.reportRegionFailures(res.failures)
    const view = networkListView(res.items, {long: f.long, regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
