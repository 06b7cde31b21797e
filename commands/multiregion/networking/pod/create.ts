import {Flags} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'
import {showOutputFlags} from '../../../../src/cli/flags.js'

export default class PodCreate extends TricircleCommand<typeof PodCreate> {
  static override summary = 'Create a pod'
  static override description = `A pod is a region managed by Tricircle. The central (top) pod has no availability
zone and there is at most one; every other pod names the availability zone it belongs to.`
  static override examples = [
    '<%= config.bin %> multiregion networking pod create --region-name CentralRegion',
    '<%= config.bin %> multiregion networking pod create --region-name RegionOne --availability-zone az1',
    '<%= config.bin %> multiregion networking pod create --region-name RegionTwo --availability-zone az2 --pod-availability-zone nova --data-center dc2',
  ]
  static override flags = {
    ...showOutputFlags,
    'region-name': Flags.string({description: 'Name of the region (one pod per region)', helpValue: '<region_name>', required: true}),
    'availability-zone': Flags.string({
      description: 'Availability zone the pod belongs to; leave out for the central (top) pod',
      helpValue: '<az_name>',
    }),
    'pod-availability-zone': Flags.string({
      description: "Availability zone to use inside the region's own Neutron",
      helpValue: '<pod_az_name>',
    }),
    'data-center': Flags.string({description: 'Data center label', helpValue: '<dc_name>'}),
  }

  async run() {
    const [{createPod}, {podShowView}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/views/tricircle.js'),
    ])
    const f = this.flags
    const c = await this.tricircle()
    const pod = await createPod(c, {
      region_name: f['region-name'],
      az_name: f['availability-zone'],
      pod_az_name: f['pod-availability-zone'],
      dc_name: f['data-center'],
    })
    const v = podShowView(pod)
    return this.printShow(v.fields, v.values)
  }
}
