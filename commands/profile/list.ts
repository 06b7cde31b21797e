import {MrctlCommand} from '../../src/cli/base-command.js'
import {listOutputFlags} from '../../src/cli/flags.js'

export default class ProfileList extends MrctlCommand<typeof ProfileList> {
  static override summary = 'List region profiles'
  static override examples = ['<%= config.bin %> profile list']
  static override flags = {...listOutputFlags}

  async run() {
    const [{ProfileStore}, {profileRows}] = await Promise.all([import('../../src/profiles/store.js'), import('../../src/profiles/manage.js')])
    const doc = await new ProfileStore().load()
    return this.printList(['Name', 'Default', 'Auth URL', 'Project', 'User', 'Regions'], profileRows(doc))
  }
}
