import type {AuthConfig, AuthType} from '../profiles/resolve.js'
import type {TokenData} from './keystone.js'

import {createHash} from 'node:crypto'
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'

import {writePrivateFile} from '../profiles/files.js'

/** A token is reused until it is this close to expiry. */
export const RENEW_BEFORE_MS = 5 * 60 * 1000

/** The identity a token belongs to, hashed: auth URL, method, user, project, domains. Never the secret. */
export function cacheKey(type: AuthType, a: AuthConfig): string {
  const identity = [
    a.authUrl.replace(/\/+$/, ''),
    type,
    a.userId ?? '',
    a.username ?? '',
    a.userDomainId ?? '',
    a.userDomainName ?? '',
    a.projectId ?? '',
    a.projectName ?? '',
    a.projectDomainId ?? '',
    a.projectDomainName ?? '',
    a.applicationCredentialId ?? '',
    a.applicationCredentialName ?? '',
  ]
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32)
}

/** Tokens with their catalog, one 0600 JSON file per identity. */
export class TokenCache {
  constructor(readonly dir: string) {}

  path(key: string): string {
    return join(this.dir, 'tokens', `${key}.json`)
  }

  async get(key: string, now = Date.now()): Promise<TokenData | undefined> {
    let data: TokenData
    try {
      data = JSON.parse(await readFile(this.path(key), 'utf8')) as TokenData
    } catch {
      return undefined
    }
    if (!data.token || !data.expiresAt || Date.parse(data.expiresAt) - now < RENEW_BEFORE_MS) return undefined
    return data
  }

  async put(key: string, data: TokenData): Promise<void> {
    await writePrivateFile(this.path(key), JSON.stringify(data))
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), {force: true})
  }
}
