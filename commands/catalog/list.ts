import type {CatalogEndpoint} from '../../src/auth/catalog.js'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags} from '../../src/cli/flags.js'

/** OSC's table cell: "<region>\n  <interface>: <url>\n" per endpoint. */
function formatEndpoints(value: unknown): string {
  const eps = (value ?? []) as CatalogEndpoint[]
  return eps.map((e) => `${e.region_id || e.region || '<none>'}\n  ${e.interface}: ${e.url}\n`).join('')
}

export default class CatalogList extends ApiCommand<typeof CatalogList> {
  static override summary = 'List the service catalog of the current token'
  static override examples = ['<%= config.bin %> catalog list', '<%= config.bin %> catalog list -f json -c Name -c Type']
  static override flags = {...listOutputFlags}

  async run() {
    const session = await this.session()
    const {catalog} = await session.tokenData()
    return this.printList(
      ['Name', 'Type', 'Endpoints'],
      catalog.map((s) => [s.name ?? '', s.type, s.endpoints]),
      {Endpoints: formatEndpoints},
    )
  }
}
