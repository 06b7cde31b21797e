import {Args} from '@oclif/core'

import {MrctlCommand} from '../../src/cli/base-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

export default class ProfileShow extends MrctlCommand<typeof ProfileShow> {
  static override summary = 'Show a region profile (secrets masked)'
  static override examples = ['<%= config.bin %> profile show lab']
  static override args = {name: Args.string({description: 'Profile name', required: true})}
  static override flags = {...showOutputFlags}

  async run() {
    const [{ProfileStore}, {profileFields, unknownProfile}] = await Promise.all([
      import('../../src/profiles/store.js'),
      import('../../src/profiles/manage.js'),
    ])
    const doc = await new ProfileStore().load()
    const entry = doc.clouds[this.args.name]
    if (!entry) throw unknownProfile(this.args.name, Object.keys(doc.clouds))
    const {fields, values} = profileFields(this.args.name, entry, doc.default === this.args.name)
    return this.printShow(fields, values)
  }
}
