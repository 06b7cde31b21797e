import {Args} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'

export default class TokenRevoke extends ApiCommand<typeof TokenRevoke> {
  static override summary = 'Revoke a token'
  static override examples = ['<%= config.bin %> token revoke "$(<%= config.bin %> token issue -f value -c id)"']
  static override args = {token: Args.string({description: 'Token to revoke', required: true})}

  async run() {
    const {revokeToken} = await import('../../src/auth/keystone.js')
    const session = await this.session()
    this.secrets.push(this.args.token)
    const own = await session.tokenData()
    await revokeToken(session.transport, session.config.auth.authUrl, own.token, this.args.token)
    if (own.token === this.args.token) await session.forget()
    return {revoked: true}
  }
}
