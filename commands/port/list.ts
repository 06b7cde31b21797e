import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags, projectFlag, regionFlags, tagFilterFlags, tagFiltersOf} from '../../src/cli/flags.js'

export default class PortList extends ApiCommand<typeof PortList> {
  static override summary = 'List ports'
  static override description =
    'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; names given ' +
    'to --network, --router and --fixed-ip subnet= are looked up in each region. A failing region is reported on ' +
    'stderr and the exit code is 3.'
  static override examples = [
    '<%= config.bin %> port list --network container-net',
    '<%= config.bin %> port list --router r1 --long',
    '<%= config.bin %> port list --fixed-ip subnet=s1,ip-address=10.1.0.20 --all-regions',
  ]
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    'device-owner': Flags.string({description: 'List only ports with the specified device owner, e.g. network:dhcp'}),
    host: Flags.string({description: 'List only ports bound to this host ID'}),
    network: Flags.string({description: 'List only ports connected to this network (name or ID)'}),
    router: Flags.string({description: 'List only ports attached to this router (name or ID)', exclusive: ['device-id']}),
    'device-id': Flags.string({description: 'List only ports with the specified device ID', exclusive: ['router']}),
    'mac-address': Flags.string({description: 'List only ports with this MAC address'}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    ...projectFlag('List ports according to their project (name or ID)'),
    name: Flags.string({description: 'List ports according to their name'}),
    'security-group': Flags.string({description: 'List only ports associated with this security group (ID) (repeatable)', multiple: true, multipleNonGreedy: true}),
    'fixed-ip': Flags.string({
      description: 'Filter by IP and/or subnet (name or ID): subnet=<subnet>,ip-address=<ip-address>,ip-substring=<ip-substring> (repeatable)',
      multiple: true, multipleNonGreedy: true,
    }),
    ...tagFilterFlags('ports'),
  }

  async run() {
    const [{portList, parseFixedIps}, {listInRegions}, {portListView}] = await Promise.all([
      import('../../src/clients/neutron/index.js'),
      import('../../src/orchestration/regions.js'),
      import('../../src/views/port.js'),
    ])
    const f = this.flags
    const fixedIps = parseFixedIps(f['fixed-ip'], ['ip-substring'])
    const session = await this.session()
    const projectId = await this.projectId(f.project)
    const filters = {
      deviceOwner: f['device-owner'],
      host: f.host,
      network: f.network,
      router: f.router,
      deviceId: f['device-id'],
      macAddress: f['mac-address'],
      projectId,
      name: f.name,
      securityGroups: f['security-group'],
      fixedIps,
      ...tagFiltersOf(f),
    }
    const res = await listInRegions(session, 'network', {regions: f.region, all: f['all-regions']}, (c) => portList(c, filters))
    this.reportRegionFailures(res.failures)
    const view = portListView(res.items, {long: f.long, regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
