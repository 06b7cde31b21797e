import {Flags} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'
import {listOutputFlags, markerPaginationFlags} from '../../../../src/cli/flags.js'
import {JOB_STATUSES, JOB_TYPE_NAMES} from '../../../../src/clients/tricircle/jobs.js'

export default class JobList extends TricircleCommand<typeof JobList> {
  static override summary = 'List asynchronous jobs'
  static override description = `Active jobs first, then finished ones, newest first. The server lists only the jobs
of the token's project, whatever --project-id says. With --limit one page is shown (continue with
--marker <last ID>); without it every page is fetched, with the filters applied to each.`
  static override examples = [
    '<%= config.bin %> multiregion networking job list',
    '<%= config.bin %> multiregion networking job list --status fail --type router_setup',
  ]
  static override flags = {
    ...listOutputFlags,
    ...markerPaginationFlags('job', 'jobs', {onePage: true}),
    'project-id': Flags.string({description: "Project ID (the server uses the token's project instead)", helpValue: '<project-id>'}),
    type: Flags.string({description: 'Only jobs of this type', options: JOB_TYPE_NAMES}),
    status: Flags.string({
      description: `Only jobs with this status: ${JOB_STATUSES.join(', ')} (any case)`,
      helpValue: '<status>',
      async parse(input) {
        const status = input.toLowerCase()
        if (!(JOB_STATUSES as readonly string[]).includes(status)) {
          throw new Error(`Expected --status=${input} to be one of: ${JOB_STATUSES.join(', ')}`)
        }
        return status
      },
    }),
  }

  async run() {
    const [{listJobs}, {jobListView}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/views/tricircle.js'),
    ])
    const f = this.flags
    const c = await this.tricircle()
    const jobs = await listJobs(c, {project_id: f['project-id'], type: f.type, status: f.status}, {limit: f.limit, marker: f.marker})
    const v = jobListView(jobs)
    return this.printList(v.headers, v.rows)
  }
}
