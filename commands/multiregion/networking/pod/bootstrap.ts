import {Flags} from '@oclif/core'

import {ApiCommand} from '../../../../src/cli/api-command.js'
import {listOutputFlags} from '../../../../src/cli/flags.js'

export default class PodBootstrap extends ApiCommand<typeof PodBootstrap> {
  static override summary = 'Register the central pod and one pod per region of the cloud, skipping those that exist'
  static override description = `The central pod is the region that offers Tricircle in the catalog (or --central-region); the
other pods are the cloud's regions (its clouds.yaml or profile regions: list, else every catalog
region). A region with no pod yet needs its availability zone: --az RegionOne=az1. A region that is
not in the Keystone catalog is refused (Tricircle's pod name must be the Keystone region), and a pod
that exists with another availability zone stops the run before anything is created. Running it
again creates nothing. Exit 3 when some pods could not be created.`
  static override examples = [
    '<%= config.bin %> multiregion networking pod bootstrap --az RegionOne=az1 --az RegionTwo=az2',
    '<%= config.bin %> multiregion networking pod bootstrap --os-cloud mycloud --central-region CentralRegion --az RegionOne=az1 -f json',
  ]
  static override flags = {
    ...listOutputFlags,
    az: Flags.string({
      description: 'Availability zone of a region that has no pod yet, as REGION=AZ (repeatable)',
      helpValue: 'REGION=AZ',
      multiple: true,
      multipleNonGreedy: true,
    }),
    'central-region': Flags.string({description: 'The central region (default: the region that offers Tricircle)', helpValue: '<region>'}),
  }

  async run() {
    const {parseRegionAz, runPodBootstrap} = await import('../../../../src/orchestration/pod-bootstrap.js')
    const azs = (this.flags.az ?? []).map((v) => parseRegionAz(v, '--az'))
    const {result, exitCode} = await runPodBootstrap(await this.session(), {central: this.flags['central-region'], azs}, this.ui())
    if (exitCode) process.exitCode = exitCode
    return result
  }

  private ui() {
    return {printList: (h: string[], r: string[][]) => this.printList(h, r), warn: (m: string) => this.warn(m)}
  }
}
