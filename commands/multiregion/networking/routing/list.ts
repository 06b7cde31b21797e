import {Flags} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'
import {listOutputFlags, markerPaginationFlags} from '../../../../src/cli/flags.js'
import {checkRoutingTime, ROUTING_LIST_RESOURCE_TYPES} from '../../../../src/clients/tricircle/routings.js'

export default class RoutingList extends TricircleCommand<typeof RoutingList> {
  static override summary = 'List resource routings'
  static override description = `Newest first. The server lists only the routings of the token's project, whatever
--project-id says. With --limit one page is shown (continue with --marker <last ID>); without it
every page is fetched, with the filters applied to each.`
  static override examples = [
    '<%= config.bin %> multiregion networking routing list',
    '<%= config.bin %> multiregion networking routing list --resource-type network --pod-id <pod-id>',
    '<%= config.bin %> multiregion networking routing list --limit 20 --marker 41',
  ]
  static override flags = {
    ...listOutputFlags,
    ...markerPaginationFlags('routing', 'routings', {onePage: true}),
    routing: Flags.integer({description: 'Only the routing with this ID', helpValue: '<id>'}),
    'top-id': Flags.string({description: 'Only routings with this top (central) resource ID', helpValue: '<top_id>'}),
    'bottom-id': Flags.string({description: 'Only routings with this bottom resource ID', helpValue: '<bottom_id>'}),
    'pod-id': Flags.string({description: 'Only routings in this pod', helpValue: '<pod_id>'}),
    'project-id': Flags.string({description: "Project ID (the server uses the token's project instead)", helpValue: '<project_id>'}),
    'resource-type': Flags.string({description: 'Only routings of this resource type', options: [...ROUTING_LIST_RESOURCE_TYPES]}),
    'created-at': Flags.string({description: 'Only routings created at this time (YYYY-MM-DD HH:MM:SS)', helpValue: '<created_at>'}),
    'updated-at': Flags.string({description: 'Only routings updated at this time (YYYY-MM-DD HH:MM:SS)', helpValue: '<updated_at>'}),
  }

  async run() {
    const [{listRoutings}, {routingListView}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/views/tricircle.js'),
    ])
    const f = this.flags
    const createdAt = f['created-at'] === undefined ? undefined : checkRoutingTime(f['created-at'], '--created-at')
    const updatedAt = f['updated-at'] === undefined ? undefined : checkRoutingTime(f['updated-at'], '--updated-at')
    const c = await this.tricircle()
    const routings = await listRoutings(
      c,
      {
        // python-tricircleclient stores --routing under `routing` and never sends it; the filter is `id`.
        id: f.routing,
        top_id: f['top-id'],
        bottom_id: f['bottom-id'],
        pod_id: f['pod-id'],
        project_id: f['project-id'],
        resource_type: f['resource-type'],
        created_at: createdAt,
        updated_at: updatedAt,
      },
      {limit: f.limit, marker: f.marker},
    )
    const v = routingListView(routings)
    return this.printList(v.headers, v.rows)
  }
}
