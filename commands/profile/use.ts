import {Args} from '@oclif/core'

import {MrctlCommand} from '../../src/cli/base-command.js'

export default class ProfileUse extends MrctlCommand<typeof ProfileUse> {
  static override summary = 'Make a profile the default'
  static override examples = ['<%= config.bin %> profile use lab']
  static override args = {name: Args.string({description: 'Profile name', required: true})}

  async run() {
    const [{ProfileStore}, {useProfile}] = await Promise.all([import('../../src/profiles/store.js'), import('../../src/profiles/manage.js')])
    await useProfile(new ProfileStore(), this.args.name)
    this.say(`Default profile: ${this.args.name}`)
    return {default: this.args.name}
  }
}
