import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags, projectFlag, regionFlags} from '../../src/cli/flags.js'
import {MrctlError, UsageError} from '../../src/core/errors.js'

export default class QuotaShow extends ApiCommand<typeof QuotaShow> {
  static override summary = 'Show network quotas for a project'
  static override description =
    "Neutron's quotas, named and sorted as `openstack quota show` prints them (floating-ips, networks, ports, " +
    'secgroup-rules, …, project, project_name). The cloud has no Nova or Cinder, so only the network part exists. ' +
    "Without a project, the token's project is shown. With --all-regions (or --region, repeatable) the quotas of " +
    'Neutron, Zun and Octavia in every region that has them are read in parallel: one row per region and resource ' +
    '(limit and use; -1 is unlimited) and a Total row per resource. A failing region is reported on stderr (exit 3).'
  static override examples = [
    '<%= config.bin %> quota show',
    '<%= config.bin %> quota show demo --os-region-name RegionOne',
    '<%= config.bin %> quota show demo --default -f json',
    '<%= config.bin %> quota show --all-regions --project demo',
  ]
  static override args = {project: Args.string({description: 'Show quotas for this project (name or ID)'})}
  static override flags = {
    // The list flags (for --all-regions) plus the show flags' shell format and --prefix.
    ...listOutputFlags,
    format: Flags.string({char: 'f', description: 'Output format (shell: one region only)', options: ['table', 'json', 'yaml', 'value', 'csv', 'shell'], default: 'table', helpGroup: 'OUTPUT FORMATTERS'}),
    prefix: Flags.string({description: 'shell: prefix for variable names', default: '', helpGroup: 'OUTPUT FORMATTERS'}),
    ...regionFlags,
    default: Flags.boolean({description: 'Show default quotas for <project>', exclusive: ['all-regions', 'region']}),
    ...projectFlag('Project (name or ID), as the argument'),
  }

  async run() {
    const f = this.flags
    if (f.project && this.args.project) throw new UsageError('give the project once: as the argument or with --project')
    if (f['all-regions'] || f.region?.length) return this.allRegions()
    if (f.format === 'csv') throw new UsageError('-f csv is for lists: use it with --all-regions or --region')
    const [{quotaShow}, {quotaShowView}] = await Promise.all([import('../../src/clients/neutron/quotas.js'), import('../../src/views/quota.js')])
    const session = await this.session()
    const token = await session.tokenData()
    const res = await quotaShow(await session.client('network'), session.identityClient(), {
      project: this.args.project ?? f.project,
      defaults: this.flags.default,
      current: {id: token.projectId, name: token.projectName},
    })
    const v = quotaShowView(res)
    return this.printShow(v.fields, v.values, v.human)
  }

  /** `--all-regions` / `--region R …`: every quota of every region, with totals. */
  private async allRegions() {
    const [{gatherUsage, totalUsage}, {projectScope}, {checkRegions}, {quotaRegionsView}] = await Promise.all([
      import('../../src/orchestration/quota-usage.js'),
      import('../../src/orchestration/project-scope.js'),
      import('../../src/orchestration/region-targets.js'),
      import('../../src/views/quota-regions.js'),
    ])
    const f = this.flags
    if (f.format === 'shell') throw new UsageError('-f shell shows one object: use it without --all-regions and --region')
    const session = await this.session()
    await checkRegions(session, f.region ?? [])
    const project = await projectScope(session, this.args.project ?? f.project)
    const rows = await gatherUsage(session, {projectId: project.id, regions: f.region})
    this.reportRegionFailures(rows.filter((r) => r.error).map((r) => ({region: `${r.region} (${r.service})`, error: r.error!})))
    if (rows.length === 0) throw new MrctlError('no region of this cloud offers network, container or load-balancer quotas')
    if (rows.every((r) => r.error)) throw new MrctlError('no region answered: see the warnings above')
    const v = quotaRegionsView(rows, totalUsage(rows))
    return this.printList(v.headers, v.rows, v.human)
  }
}
