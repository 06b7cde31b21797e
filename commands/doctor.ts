import {Flags} from '@oclif/core'

import {ApiCommand} from '../src/cli/api-command.js'
import {listOutputFlags} from '../src/cli/flags.js'

export default class Doctor extends ApiCommand<typeof Doctor> {
  static override summary = 'Check that the cloud is ready for multi-region containers: one table of checks'
  static override description = `Authenticates (a fresh token), compares Keystone's clock with ours, then in parallel: each
region's catalog has network, image and container (the central region network and tricircle;
load-balancer is reported when missing), every endpoint answers its version document, a pod is
registered for every region and the central pod is the central region, the Zun services are up and
each Zun region has a docker-format image. Each check has a result (pass, fail, warn, skip), its
latency and a hint. Exit 1 when a check fails.`
  static override examples = [
    '<%= config.bin %> doctor',
    '<%= config.bin %> doctor --os-cloud mycloud --region CentralRegion --region RegionOne',
    '<%= config.bin %> doctor --json',
  ]
  static override flags = {
    ...listOutputFlags,
    region: Flags.string({description: 'Check only this region (repeatable)', multiple: true, multipleNonGreedy: true}),
    'central-region': Flags.string({description: 'The central region (default: the region that offers Tricircle)', helpValue: '<region>'}),
  }

  async run() {
    const {doctorExitCode, doctorTable, runDoctor} = await import('../src/orchestration/doctor.js')
    const results = await runDoctor(await this.session(), {regions: this.flags.region, central: this.flags['central-region']})
    const t = doctorTable(results)
    await this.printList(t.headers, t.rows)
    process.exitCode = doctorExitCode(results) ?? process.exitCode
    return results
  }
}
