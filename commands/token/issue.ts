import {ApiCommand} from '../../src/cli/api-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'

/** Keystone's `2026-11-23T18:26:51.000000Z` as the openstack client prints it: `2026-11-23T18:26:51+0000`. */
function osTimestamp(iso: string): string {
  return iso.replace(/\.\d+/, '').replace(/Z$|[+-]00:?00$/, '+0000')
}

export default class TokenIssue extends ApiCommand<typeof TokenIssue> {
  static override summary = 'Issue a token (reused from the cache while it has more than 5 minutes left)'
  static override examples = ['<%= config.bin %> token issue', '<%= config.bin %> token issue -f value -c id']
  static override flags = {...showOutputFlags}

  async run() {
    const session = await this.session()
    const t = await session.tokenData()
    this.secrets.length = 0
    return this.printShow(['expires', 'id', 'project_id', 'user_id'], [osTimestamp(t.expiresAt), t.token, t.projectId ?? null, t.userId])
  }
}
