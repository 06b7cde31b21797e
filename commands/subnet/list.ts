import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags, projectFlag, regionFlags, tagFilterFlags, tagFiltersOf} from '../../src/cli/flags.js'

export default class SubnetList extends ApiCommand<typeof SubnetList> {
  static override summary = 'List subnets'
  static override description =
    'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; --network is ' +
    'looked up in each region. A failing region is reported on stderr and the exit code is 3.'
  static override examples = [
    '<%= config.bin %> subnet list',
    '<%= config.bin %> subnet list --network container-net --long',
    '<%= config.bin %> subnet list --all-regions -f json',
  ]
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    long: Flags.boolean({description: 'List additional fields in output'}),
    'ip-version': Flags.string({description: 'List only subnets of given IP version', options: ['4', '6']}),
    dhcp: Flags.boolean({description: 'List subnets which have DHCP enabled (--no-dhcp: disabled)', allowNo: true}),
    'service-type': Flags.string({description: 'List only subnets of a given service type (repeatable)', multiple: true, multipleNonGreedy: true}),
    ...projectFlag('List only subnets which belong to a given project (name or ID)'),
    network: Flags.string({description: 'List only subnets which belong to a given network (name or ID)'}),
    gateway: Flags.string({description: 'List only subnets of given gateway IP'}),
    name: Flags.string({description: 'List only subnets of given name'}),
    'subnet-range': Flags.string({description: 'List only subnets of given subnet range (in CIDR notation)'}),
    ...tagFilterFlags('subnets'),
  }

  async run() {
    const [{subnetList}, {listInRegions}, {subnetListView}] = await Promise.all([
      import('../../src/clients/neutron/index.js'),
      import('../../src/orchestration/regions.js'),
      import('../../src/views/subnet.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const projectId = await this.projectId(f.project)
    const filters = {
      name: f.name,
      ipVersion: f['ip-version'] ? (Number(f['ip-version']) as 4 | 6) : undefined,
      dhcp: f.dhcp,
      serviceTypes: f['service-type'],
      projectId,
      network: f.network,
      gateway: f.gateway,
      subnetRange: f['subnet-range'],
      ...tagFiltersOf(f),
    }
    const res = await listInRegions(session, 'network', {regions: f.region, all: f['all-regions']}, (c) => subnetList(c, filters))
    this.reportRegionFailures(res.failures)
    const view = subnetListView(res.items, {long: f.long, regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
