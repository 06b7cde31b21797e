import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {listOutputFlags, projectFlag, regionFlags, tagFilterFlags, tagFiltersOf} from '../../../src/cli/flags.js'

export default class SecurityGroupList extends ApiCommand<typeof SecurityGroupList> {
  static override summary = 'List security groups'
  static override description =
    'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; a failing ' +
    'region is reported on stderr and the exit code is 3.'
  static override examples = ['<%= config.bin %> security group list', '<%= config.bin %> security group list --all-regions -f json']
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    ...projectFlag('List security groups according to the project (name or ID)'),
    'all-projects': Flags.boolean({description: 'Accepted for compatibility; Neutron always lists every project for an admin', hidden: true}),
    ...tagFilterFlags('security groups'),
  }

  async run() {
    const [{securityGroupList}, {listInRegions}, {securityGroupListView}] = await Promise.all([
      import('../../../src/clients/neutron/index.js'),
      import('../../../src/orchestration/regions.js'),
      import('../../../src/views/security-group.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const projectId = await this.projectId(f.project)
    const filters = {
      projectId,
      ...tagFiltersOf(f),
    }
    const res = await listInRegions(session, 'network', {regions: f.region, all: f['all-regions']}, (c) => securityGroupList(c, filters))
    this.reportRegionFailures(res.failures)
    const view = securityGroupListView(res.items, {regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
