import {Args, Flags} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'
import {ROUTING_RESOURCE_TYPES} from '../../../../src/clients/tricircle/routings.js'

export default class RoutingUpdate extends TricircleCommand<typeof RoutingUpdate> {
  static override summary = 'Update a resource routing'
  static override description = `Only the options given are sent; prints nothing, as python-tricircleclient does
(--json gives the routing as the server answered, whose updated_at is still the previous one).`
  static override examples = [
    '<%= config.bin %> multiregion networking routing update 42 --bottom-id <id> --resource-type router',
  ]
  static override args = {routing: Args.string({description: 'ID of the routing', required: true})}
  static override flags = {
    'top-id': Flags.string({description: 'Resource ID in central Neutron', helpValue: '<top_id>'}),
    'bottom-id': Flags.string({description: 'Resource ID in the pod', helpValue: '<bottom_id>'}),
    'pod-id': Flags.string({description: 'ID of an existing pod', helpValue: '<pod_id>'}),
    'project-id': Flags.string({description: 'ID of the owner project', helpValue: '<project_id>'}),
    'resource-type': Flags.string({description: `Type of the resource: ${ROUTING_RESOURCE_TYPES.join(', ')}`, helpValue: '<resource_type>'}),
  }

  async run() {
    const {updateRouting} = await import('../../../../src/clients/tricircle/index.js')
    const f = this.flags
    const c = await this.tricircle()
    return updateRouting(c, this.args.routing, {
      top_id: f['top-id'],
      bottom_id: f['bottom-id'],
      pod_id: f['pod-id'],
      project_id: f['project-id'],
      resource_type: f['resource-type'],
    })
  }
}
