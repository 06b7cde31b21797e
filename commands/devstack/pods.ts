import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags} from '../../src/cli/flags.js'

export default class DevstackPods extends ApiCommand<typeof DevstackPods> {
  static override summary = "Create the guide's pods: the central pod and one pod per --pod REGION=AZ, skipping those that exist"
  static override description = `Step 5 of the multi-region container guide, safe to re-run: the central pod (no availability
zone) and each --pod region with its availability zone. Regions must be in the Keystone catalog;
a pod that exists as asked is kept, one that exists differently stops the run before anything is
created. The same code as \`multiregion networking pod bootstrap\`.`
  static override examples = [
    '<%= config.bin %> devstack pods --central-region CentralRegion --pod RegionOne=az1 --pod RegionTwo=az2',
  ]
  static override flags = {
    ...listOutputFlags,
    'central-region': Flags.string({description: 'The central region (default: the region that offers Tricircle)', helpValue: '<region>'}),
    pod: Flags.string({
      description: 'A region and its availability zone, as REGION=AZ (repeatable)',
      helpValue: 'REGION=AZ',
      multiple: true,
      multipleNonGreedy: true,
      required: true,
    }),
  }

  async run() {
    const {parseRegionAz, runPodBootstrap} = await import('../../src/orchestration/pod-bootstrap.js')
    const pods = this.flags.pod.map((v) => parseRegionAz(v, '--pod'))
    const {result, exitCode} = await runPodBootstrap(await this.session(), {central: this.flags['central-region'], pods}, this.ui())
    if (exitCode) process.exitCode = exitCode
    return result
  }

  private ui() {
    return {printList: (h: string[], r: string[][]) => this.printList(h, r), warn: (m: string) => this.warn(m)}
  }
}
