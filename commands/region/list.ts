import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags} from '../../src/cli/flags.js'

export default class RegionList extends ApiCommand<typeof RegionList> {
  static override summary = 'List the regions Keystone knows'
  static override examples = ['<%= config.bin %> region list', '<%= config.bin %> region list -f json']
  static override flags = {...listOutputFlags}

  async run() {
    const {listRegions} = await import('../../src/clients/identity/index.js')
    const session = await this.session()
    const regions = await listRegions(session.identityClient())
    return this.printList(
      ['Region', 'Parent Region', 'Description'],
      regions.map((r) => [r.id, r.parent_region_id, r.description]),
    )
  }
}
