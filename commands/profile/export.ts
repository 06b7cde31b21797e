import {Args} from '@oclif/core'

import {MrctlCommand} from '../../src/cli/base-command.js'

export default class ProfileExport extends MrctlCommand<typeof ProfileExport> {
  static override summary = 'Print a profile as a clouds.yaml entry that `openstack --os-cloud NAME` accepts (no secret)'
  static override examples = ['<%= config.bin %> profile export lab > clouds.yaml && OS_PASSWORD=… openstack --os-cloud lab network list']
  static override args = {name: Args.string({description: 'Profile name', required: true})}

  async run() {
    const [{ProfileStore}, {exportDocument, unknownProfile}, {toYaml}] = await Promise.all([
      import('../../src/profiles/store.js'),
      import('../../src/profiles/manage.js'),
      import('../../src/profiles/files.js'),
    ])
    const doc = await new ProfileStore().load()
    const entry = doc.clouds[this.args.name]
    if (!entry) throw unknownProfile(this.args.name, Object.keys(doc.clouds))
    const out = exportDocument(this.args.name, entry)
    if (!this.jsonEnabled()) process.stdout.write(await toYaml(out))
    return out
  }
}
