import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags} from '../../src/cli/flags.js'

export default class DevstackVerify extends ApiCommand<typeof DevstackVerify> {
  static override summary = 'Check a multi-region container install: doctor, plus the pods with their AZs and the Zun/Kuryr region names'
  static override description = `Runs every check of \`mrctl doctor\` (authentication, clock, catalog, version documents, pods,
Zun services, a docker-format image in each Zun region), then the guide's own: each pod has its
availability zone (--pod REGION=AZ to say which), and zun.conf and kuryr.conf name a region of the
catalog as their Neutron region (--region-name to say which), where this machine can read them.
Exit 1 when a check fails.`
  static override examples = [
    '<%= config.bin %> devstack verify',
    '<%= config.bin %> devstack verify --pod RegionOne=az1 --pod RegionTwo=az2 --region-name RegionOne',
  ]
  static override flags = {
    ...listOutputFlags,
    region: Flags.string({description: 'Check only this region (repeatable)', multiple: true, multipleNonGreedy: true}),
    'central-region': Flags.string({description: 'The central region (default: the region that offers Tricircle)', helpValue: '<region>'}),
    pod: Flags.string({description: 'A pod and the availability zone it must have, as REGION=AZ (repeatable)', helpValue: 'REGION=AZ', multiple: true, multipleNonGreedy: true}),
    'region-name': Flags.string({description: "The region zun.conf and kuryr.conf must name (this node's)", helpValue: '<region>'}),
    'zun-conf': Flags.string({description: 'zun.conf', helpValue: '<file>', default: '/etc/zun/zun.conf'}),
    'kuryr-conf': Flags.string({description: 'kuryr.conf', helpValue: '<file>', default: '/etc/kuryr/kuryr.conf'}),
  }

  async run() {
    const [{runVerify}, {doctorExitCode, doctorTable}, {parseRegionAz}] = await Promise.all([
      import('../../src/devstack/verify.js'),
      import('../../src/orchestration/doctor.js'),
      import('../../src/orchestration/pod-bootstrap.js'),
    ])
    const f = this.flags
    const results = await runVerify(await this.session(), {
      regions: f.region,
      central: f['central-region'],
      pods: (f.pod ?? []).map((v) => parseRegionAz(v, '--pod')),
      regionName: f['region-name'],
      zunConf: f['zun-conf'],
      kuryrConf: f['kuryr-conf'],
    })
    const t = doctorTable(results)
    await this.printList(t.headers, t.rows)
    process.exitCode = doctorExitCode(results) ?? process.exitCode
    return results
  }
}
