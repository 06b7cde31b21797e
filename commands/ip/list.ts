import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags, projectFlag, regionFlags} from '../../src/cli/flags.js'
import {ExitCode} from '../../src/core/exit-codes.js'

export default class IpList extends ApiCommand<typeof IpList> {
  static override summary = "List every fixed and floating IP of a project's ports, in every region"
  static override description =
    'Reads the ports, subnets, networks and floating IPs of each region in parallel (four list calls per region, ' +
    'none per port) and prints one row per address with its region, network, subnet, port and device. ' +
    '--conflicts keeps only the addresses used in more than one region on networks whose ranges overlap (the ' +
    'duplicate-address risk of routed regions) and exits 1 when there is any. The same network ID in two regions ' +
    '(Tricircle mirrors central networks and ports into the local regions) is one network, not a conflict. ' +
    "Without --region or --all-regions, the session's region is listed."
  static override examples = [
    '<%= config.bin %> ip list --all-regions',
    '<%= config.bin %> ip list --all-regions --network net1 -f json',
    '<%= config.bin %> ip list --all-regions --conflicts',
  ]
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    network: Flags.string({description: 'Only the addresses on this network (name or ID, looked up in each region)'}),
    conflicts: Flags.boolean({description: 'Only addresses used in more than one region on overlapping ranges; exit 1 when any'}),
    ...projectFlag("Project (name or ID) whose ports are listed; default: the token's project"),
  }

  async run() {
    const [{findConflicts, listIps}, {checkRegions}, {everyRegionFailed, targetRegions}, {projectScope}, {ipConflictsView, ipListView}] = await Promise.all([
      import('../../src/orchestration/ip-list.js'),
      import('../../src/orchestration/region-targets.js'),
      import('../../src/orchestration/regions.js'),
      import('../../src/orchestration/project-scope.js'),
      import('../../src/views/ip-list.js'),
    ])
    const f = this.flags
    const session = await this.session()
    await checkRegions(session, f.region ?? [])
    const regions = await targetRegions(session, 'network', {regions: f.region, all: f['all-regions']})
    const project = await projectScope(session, f.project)
    const res = await listIps(session, {regions, projectId: project.id, network: f.network})
    if (res.failures.length === regions.length) throw everyRegionFailed(res.failures)
    this.reportRegionFailures(res.failures)
    if (!f.conflicts) {
      const v = ipListView(res.entries)
      return this.printList(v.headers, v.rows, v.human)
    }
    const groups = findConflicts(res.entries)
    for (const g of groups) this.warn(`${g[0].address} is used in ${[...new Set(g.map((e) => e.region))].join(', ')}`)
    // A conflict outranks a region that did not answer: it is there whatever that region holds.
    if (groups.length) process.exitCode = ExitCode.Error
    const v = ipConflictsView(groups)
    return this.printList(v.headers, v.rows, v.human)
  }
}
