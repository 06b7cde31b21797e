import {Flags} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'
import {showOutputFlags} from '../../../../src/cli/flags.js'
import {ROUTING_RESOURCE_TYPES} from '../../../../src/clients/tricircle/routings.js'

export default class RoutingCreate extends TricircleCommand<typeof RoutingCreate> {
  static override summary = 'Create a resource routing'
  static override description = `Maps a resource in central Neutron (--top-id) to its copy in one pod (--bottom-id).
Meant for repairs: editing the rows Tricircle made itself can make central Neutron misroute requests.
--resource-type takes every type the server accepts (python-tricircleclient offers the first five);
the server checks it and names the valid ones.`
  static override examples = [
    '<%= config.bin %> multiregion networking routing create --top-id <net-id> --bottom-id <net-id> --pod-id <pod-id> --project-id <project-id> --resource-type network',
  ]
  static override flags = {
    ...showOutputFlags,
    'top-id': Flags.string({description: 'Resource ID in central Neutron', helpValue: '<top_id>', required: true}),
    'bottom-id': Flags.string({description: 'Resource ID in the pod', helpValue: '<bottom_id>', required: true}),
    'pod-id': Flags.string({description: 'ID of the pod', helpValue: '<pod_id>', required: true}),
    'project-id': Flags.string({description: 'ID of the owner project', helpValue: '<project_id>', required: true}),
    'resource-type': Flags.string({
      description: `Type of the resource: ${ROUTING_RESOURCE_TYPES.join(', ')}`,
      helpValue: '<resource_type>',
      required: true,
    }),
  }

  async run() {
    const [{createRouting}, {routingShowView}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/views/tricircle.js'),
    ])
    const f = this.flags
    const c = await this.tricircle()
    const routing = await createRouting(c, {
      top_id: f['top-id'],
      bottom_id: f['bottom-id'],
      pod_id: f['pod-id'],
      project_id: f['project-id'],
      resource_type: f['resource-type'],
    })
    const v = routingShowView(routing)
    return this.printShow(v.fields, v.values)
  }
}
