import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags} from '../../src/cli/flags.js'

export default class ProfileTest extends ApiCommand<typeof ProfileTest> {
  static override summary = 'Authenticate with a profile and list, per region, the service types its catalog offers'
  static override examples = ['<%= config.bin %> profile test', '<%= config.bin %> profile test lab']
  static override args = {name: Args.string({description: 'Profile (default: the current selection)'})}
  static override flags = {...listOutputFlags}

  async run() {
    const {allRegions} = await import('../../src/auth/catalog.js')
    if (this.args.name) this.flags.profile = this.args.name
    const session = await this.session()
    const {catalog, userName, projectName} = await session.tokenData()
    const configured = session.config.regions
    const regions = configured.length ? configured : allRegions(catalog)
    const rows = regions.map((region) => {
      const types = catalog
        .filter((s) => s.endpoints.some((e) => (e.region_id ?? e.region) === region && e.interface === session.config.interface))
        .map((s) => s.type)
        .sort()
      return [region, types]
    })
    if (!this.jsonEnabled() && this.flags.format === 'table') {
      process.stderr.write(`Authenticated as ${userName} in project ${projectName} (${session.config.name}).\n`)
    }
    return this.printList(['Region', 'Services'], rows)
  }
}
