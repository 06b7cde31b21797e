import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {listOutputFlags, projectFlag} from '../../../src/cli/flags.js'
import {UsageError} from '../../../src/core/errors.js'

export default class QuotaGlobalSet extends ApiCommand<typeof QuotaGlobalSet> {
  static override summary = 'Set global (all-region) quota limits of a project, stored locally'
  static override description =
    'The limits are kept in mrctl\'s config folder (global-limits.yaml, mode 0600), per profile (or cloud) and ' +
    'project; nothing is sent to the cloud. `quota global check` compares the summed use of every region with ' +
    'them and `quota global sync` sets each region\'s limit from them. Resources: networks, subnets, ports, ' +
    'routers, floating-ips, secgroups, secgroup-rules (Neutron); containers, cpu, memory, disk (Zun); ' +
    'load-balancers, listeners, pools, members (Octavia). -1 (or unlimited) is no limit.'
  static override examples = [
    '<%= config.bin %> quota global set --resource networks=20 --resource ports=200',
    '<%= config.bin %> quota global set --project demo --resource containers=10 --unset ports',
  ]
  static override flags = {
    ...listOutputFlags,
    resource: Flags.string({description: 'RESOURCE=LIMIT (repeatable); -1 or unlimited for no limit', multiple: true, multipleNonGreedy: true}),
    unset: Flags.string({description: 'Remove the global limit of RESOURCE (repeatable)', multiple: true, multipleNonGreedy: true}),
    ...projectFlag("Project (name or ID); default: the token's project"),
  }

  async run() {
    const [{parseLimitSpecs}, {requireQuotaResource}, {GlobalLimitStore}, {projectScope}, {globalLimitsView}] = await Promise.all([
      import('../../../src/orchestration/quota-global.js'),
      import('../../../src/orchestration/quota-usage.js'),
      import('../../../src/profiles/global-limits.js'),
      import('../../../src/orchestration/project-scope.js'),
      import('../../../src/views/quota-global.js'),
    ])
    const f = this.flags
    if (!f.resource?.length && !f.unset?.length) {
      throw new UsageError('nothing to set: give --resource RESOURCE=LIMIT or --unset RESOURCE', ['for example: --resource networks=20'])
    }
    // Every name and value is checked before anything is stored.
    const set = parseLimitSpecs(f.resource ?? [])
    const unset = (f.unset ?? []).map((n) => requireQuotaResource(n).name)
    const both = unset.filter((n) => n in set)
    if (both.length) throw new UsageError(`${both.join(', ')}: both set and unset`)
    const session = await this.session()
    const project = await projectScope(session, f.project)
    const stored = await new GlobalLimitStore().update(session.config.name, project, {set, unset})
    const v = globalLimitsView(stored.limits)
    return this.printList(v.headers, v.rows, v.human)
  }
}
