import {Args} from '@oclif/core'

import {MrctlCommand} from '../../src/cli/base-command.js'

export default class ProfileRemove extends MrctlCommand<typeof ProfileRemove> {
  static override summary = 'Remove a region profile and its stored secret'
  static override examples = ['<%= config.bin %> profile remove lab']
  static override args = {name: Args.string({description: 'Profile name', required: true})}

  async run() {
    const [{ProfileStore}, {secretStore}, {removeProfile}] = await Promise.all([
      import('../../src/profiles/store.js'),
      import('../../src/profiles/secrets.js'),
      import('../../src/profiles/manage.js'),
    ])
    await removeProfile(new ProfileStore(), secretStore, this.args.name)
    this.say(`Profile ${this.args.name} removed.`)
    return {name: this.args.name, removed: true}
  }
}
