import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {listOutputFlags, projectFlag} from '../../../src/cli/flags.js'
import {ExitCode} from '../../../src/core/exit-codes.js'

export default class QuotaGlobalCheck extends ApiCommand<typeof QuotaGlobalCheck> {
  static override summary = "Compare a project's use over all regions with its global limits"
  static override description =
    'Reads the use of every limited resource in every region that offers it (in parallel), sums it and compares it ' +
    'with the limits stored by `quota global set`. Exit 1 when a resource is over its global limit; exit 3 when ' +
    'some region did not answer (and nothing is over).'
  static override examples = ['<%= config.bin %> quota global check', '<%= config.bin %> quota global check --project demo -f json']
  static override flags = {
    ...listOutputFlags,
    ...projectFlag("Project (name or ID); default: the token's project"),
  }

  async run() {
    const [{checkGlobalLimits, servicesOf, storedGlobalLimits}, {gatherUsage}, {projectScope}, {globalCheckView}] = await Promise.all([
      import('../../../src/orchestration/quota-global.js'),
      import('../../../src/orchestration/quota-usage.js'),
      import('../../../src/orchestration/project-scope.js'),
      import('../../../src/views/quota-global.js'),
    ])
    const session = await this.session()
    const project = await projectScope(session, this.flags.project)
    const limits = await storedGlobalLimits(session.config.name, project, {bin: this.config.bin, projectFlag: this.flags.project})
    const usage = await gatherUsage(session, {projectId: project.id, services: servicesOf(limits)})
    this.reportRegionFailures(usage.filter((u) => u.error).map((u) => ({region: `${u.region} (${u.service})`, error: u.error!})))
    const rows = checkGlobalLimits(limits, usage)
    for (const r of rows.filter((x) => x.status === 'over')) {
      this.warn(`${r.resource}: ${r.inUse} in use over all regions, ${r.over} over the global limit of ${r.globalLimit}`)
    }
    // Over a limit is over it whatever the missing regions hold: that outranks a partial read.
    if (rows.some((r) => r.status === 'over')) process.exitCode = ExitCode.Error
    const v = globalCheckView(rows)
    return this.printList(v.headers, v.rows, v.human)
  }
}
