import type {AuthConfig, AuthType} from '../profiles/resolve.js'
import type {TokenData} from './keystone.js'

import {createHash, createHmac, randomBytes, timingSafeEqual} from 'node:crypto'
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'

import {ensurePrivate, writePrivateFile, writePrivateFileOnce} from '../profiles/files.js'

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

/** What a cache file holds: the token data and the binding to the credentials that obtained it. */
interface CacheEntry extends TokenData {
  binding: string
}

/**
 * Tokens with their catalog, one 0600 JSON file per identity. An entry is bound to the secret
 * (password or application-credential secret) that obtained it by HMAC-SHA-256 under a random
 * per-user key kept in a 0600 file beside the entries: the secret is never stored, nor a hash
 * anyone could test guesses against without that key. A token is reused only when the secret
 * presented now gives the same binding, so a wrong or changed password means a new login (and
 * Keystone's 401), as it does for `openstack`. Every fault of the cache (unreadable, corrupt,
 * unwritable) is a miss or a warning, never a failed command.
 */
export class TokenCache {
  private keyPromise?: Promise<Buffer | undefined>
  private checked = false

  constructor(
    readonly dir: string,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  path(key: string): string {
    return join(this.dir, 'tokens', `${key}.json`)
  }

  /** The file holding the binding key. */
  get keyPath(): string {
    return join(this.dir, 'token-key')
  }

  async get(key: string, secret: string, now = Date.now()): Promise<TokenData | undefined> {
    await this.checkModes()
    let entry: unknown
    try {
      const path = this.path(key)
      await ensurePrivate(path, 0o600, this.warn)
      entry = JSON.parse(await readFile(path, 'utf8'))
    } catch {
      return undefined
    }
    if (!isEntry(entry)) return undefined
    const expires = Date.parse(entry.expiresAt)
    if (Number.isNaN(expires) || expires - now < RENEW_BEFORE_MS) return undefined
    const binding = await this.binding(key, secret)
    if (!binding || !sameHex(binding, entry.binding)) return undefined
    const {binding: _, ...data} = entry
    return data
  }

  /** Stores the token bound to `secret`; a cache that cannot be written is a warning only. */
  async put(key: string, secret: string, data: TokenData): Promise<void> {
    await this.checkModes()
    const binding = await this.binding(key, secret)
    if (!binding) return
    try {
      await writePrivateFile(this.path(key), JSON.stringify({...data, binding} satisfies CacheEntry))
    } catch (error) {
      this.warn(`cannot write the token cache ${this.path(key)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): the token is kept for this run only`)
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), {force: true}).catch(() => undefined)
  }

  private async binding(key: string, secret: string): Promise<string | undefined> {
    const hmacKey = await this.hmacKey()
    if (!hmacKey) return undefined
    return createHmac('sha256', hmacKey).update(JSON.stringify([key, secret])).digest('hex')
  }

  /** The per-user key: read, or made once (by whichever process gets there first). */
  private hmacKey(): Promise<Buffer | undefined> {
    this.keyPromise ??= (async () => {
      const existing = await this.readKey()
      if (existing) return existing
      try {
        await writePrivateFileOnce(this.keyPath, randomBytes(32).toString('hex'))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          this.warn(`cannot create the token cache key ${this.keyPath} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): tokens are not cached`)
          return undefined
        }
      }
      return this.readKey()
    })()
    return this.keyPromise
  }

  private async readKey(): Promise<Buffer | undefined> {
    try {
      await ensurePrivate(this.keyPath, 0o600, this.warn)
      const hex = (await readFile(this.keyPath, 'utf8')).trim()
      return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined
    } catch {
      return undefined
    }
  }

  /** A cache folder others may read or write is made private again, with a warning. */
  private async checkModes(): Promise<void> {
    if (this.checked) return
    this.checked = true
    await ensurePrivate(this.dir, 0o700, this.warn)
    await ensurePrivate(join(this.dir, 'tokens'), 0o700, this.warn)
  }
}

function isEntry(v: unknown): v is CacheEntry {
  if (!v || typeof v !== 'object') return false
  const e = v as Record<string, unknown>
  return typeof e.token === 'string' && e.token !== '' && typeof e.expiresAt === 'string' && typeof e.binding === 'string' && Array.isArray(e.catalog)
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y)
}
