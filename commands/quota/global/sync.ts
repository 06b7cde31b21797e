import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {listOutputFlags, projectFlag} from '../../../src/cli/flags.js'
import {MrctlError} from '../../../src/core/errors.js'
import {ExitCode} from '../../../src/core/exit-codes.js'

export default class QuotaGlobalSync extends ApiCommand<typeof QuotaGlobalSync> {
  static override summary = "Set each region's quota limits from the project's global limits"
  static override description =
    "Kingbird's formula: each region's new limit is (global limit − use over all regions) + that region's use, so " +
    'every region may grow by the headroom left. A global limit of -1 makes every region unlimited; when the ' +
    'regions together already use more than the global limit, the headroom is 0 and each region keeps its use as ' +
    'its limit (reason "over"). If any region does not report its use, nothing is changed. Needs an admin token. ' +
    'With --dry-run the new limits are shown and nothing is set.'
  static override examples = ['<%= config.bin %> quota global sync --dry-run', '<%= config.bin %> quota global sync --project demo']
  static override flags = {
    ...listOutputFlags,
    ...projectFlag("Project (name or ID); default: the token's project"),
    'dry-run': Flags.boolean({description: 'Show the new limits; set nothing'}),
  }

  async run() {
    const [{applyQuotaSync, planQuotaSync, servicesOf, storedGlobalLimits}, {gatherUsage}, {projectScope}, {globalSyncView}] = await Promise.all([
      import('../../../src/orchestration/quota-global.js'),
      import('../../../src/orchestration/quota-usage.js'),
      import('../../../src/orchestration/project-scope.js'),
      import('../../../src/views/quota-global.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const project = await projectScope(session, f.project)
    const limits = await storedGlobalLimits(session.config.name, project, {bin: this.config.bin, projectFlag: f.project})
    const usage = await gatherUsage(session, {projectId: project.id, services: servicesOf(limits)})
    for (const u of usage.filter((x) => x.error)) this.warn(`${u.region} (${u.service}): ${u.error!.message}`)
    const steps = planQuotaSync(limits, usage)
    const writes = f['dry-run'] ? undefined : await applyQuotaSync(session, project.id, steps)
    const v = globalSyncView(steps, writes)
    const result = await this.printList(v.headers, v.rows, v.human)
    const failed = (writes ?? []).filter((w) => w.error)
    if (failed.length) {
      for (const w of failed) this.warn(`${w.region} (${w.service}): ${w.error!.message}`)
      const someDone = (writes ?? []).length > failed.length
      throw new MrctlError(`${failed.length} of ${writes!.length} regional quota updates failed.`, {
        exitCode: someDone ? ExitCode.Partial : ExitCode.Error,
        data: {steps: result, failed: failed.map((w) => ({region: w.region, service: w.service, message: w.error!.message}))},
      })
    }
    return result
  }
}
