import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {listOutputFlags, regionFlags} from '../../../src/cli/flags.js'

export default class SecurityGroupList extends ApiCommand<typeof SecurityGroupList> {
  static override summary = 'List security groups'
  static override description =
    'With --region (repeatable) or --all-regions the regions are listed in parallel with a Region column; a failing ' +
    'region is reported on stderr and the exit code is 3.'
  static override examples = ['<%= config.bin %> security group list', '<%= config.bin %> security group list --all-regions -f json']
  static override flags = {
    ...listOutputFlags,
    ...regionFlags,
    project: Flags.string({description: 'List security groups according to the project (name or ID)'}),
    'all-projects': Flags.boolean({description: 'Accepted for compatibility; Neutron always lists every project for an admin', hidden: true}),
    tags: Flags.string({description: 'List security groups which have all given tag(s) (comma-separated)'}),
    'any-tags': Flags.string({description: 'List security groups which have any given tag(s) (comma-separated)'}),
    'not-tags': Flags.string({description: 'Exclude security groups which have all given tag(s) (comma-separated)'}),
    'not-any-tags': Flags.string({description: 'Exclude security groups which have any given tag(s) (comma-separated)'}),
  }

  async run() {
    const [{securityGroupList, findProject}, {listInRegions}, {securityGroupListView}] = await Promise.all([
      import('../../../src/clients/neutron/index.js'),
      import('../../../src/orchestration/regions.js'),
      import('../../../src/views/security-group.js'),
    ])
    const f = this.flags
    const session = await this.session()
    const projectId = f.project ? (await findProject(session.identityClient(), f.project)).id : undefined
    const split = (v?: string) => v?.split(',')
    const filters = {
      projectId,
      tags: split(f.tags),
      anyTags: split(f['any-tags']),
      notTags: split(f['not-tags']),
      notAnyTags: split(f['not-any-tags']),
    }
    const res = await listInRegions(session, 'network', {regions: f.region, all: f['all-regions']}, (c) => securityGroupList(c, filters))
    this.reportRegionFailures(res.failures)
    const view = securityGroupListView(res.items, {regionColumn: res.multi})
    return this.printList(view.headers, view.rows, view.human)
  }
}
