import {readdir, readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import type {TokenData} from '../../../src/auth/keystone.js'
import type {AuthConfig} from '../../../src/profiles/resolve.js'

import {cacheKey, RENEW_BEFORE_MS, TokenCache} from '../../../src/auth/token-cache.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()

const AUTH: AuthConfig = {
  authUrl: 'http://k:5000/v3',
  username: 'admin',
  userDomainId: 'default',
  projectName: 'demo',
  projectDomainId: 'default',
  password: 'Pa55-w0rd-in-clear',
}

function token(expiresAt: string, id = 'gAAAAA-token'): TokenData {
  return {token: id, expiresAt, issuedAt: new Date().toISOString(), catalog: [], userId: 'u1', projectId: 'p1', roles: ['member']}
}

const NOW = Date.parse('2026-11-23T06:00:00Z')
const at = (ms: number) => new Date(NOW + ms).toISOString()

describe('cacheKey', () => {
  it('depends on the identity, never on the password', () => {
    const k = cacheKey('password', AUTH)
    expect(k).toMatch(/^[0-9a-f]{32}$/)
    expect(cacheKey('password', {...AUTH, password: 'another'})).toBe(k)
    expect(k).not.toContain(AUTH.password)
  })

  it('changes with auth URL, method, user, project and domain', () => {
    const k = cacheKey('password', AUTH)
    const others = [
      cacheKey('password', {...AUTH, authUrl: 'http://other:5000/v3'}),
      cacheKey('v3applicationcredential', AUTH),
      cacheKey('password', {...AUTH, username: 'bob'}),
      cacheKey('password', {...AUTH, projectName: 'other'}),
      cacheKey('password', {...AUTH, projectDomainId: 'd2'}),
      cacheKey('password', {...AUTH, userDomainId: 'd2'}),
      cacheKey('v3applicationcredential', {authUrl: AUTH.authUrl, applicationCredentialId: 'ac-1'}),
      cacheKey('v3applicationcredential', {authUrl: AUTH.authUrl, applicationCredentialId: 'ac-2'}),
    ]
    expect(new Set([k, ...others]).size).toBe(others.length + 1)
  })

  it('ignores a trailing slash on the auth URL', () => {
    expect(cacheKey('password', {...AUTH, authUrl: 'http://k:5000/v3/'})).toBe(cacheKey('password', AUTH))
  })
})

describe('TokenCache', () => {
  it('stores one 0600 file per identity, holding no password, and reads it back', async () => {
    const cache = new TokenCache(join(tmp.path, 'cache'))
    const key = cacheKey('password', AUTH)
    const data = token(at(3600_000))
    await cache.put(key, AUTH.password!, data)
    expect(await readdir(join(tmp.path, 'cache', 'tokens'))).toEqual([`${key}.json`])
    expect((await stat(cache.path(key))).mode & 0o777).toBe(0o600)
    expect(await readFile(cache.path(key), 'utf8')).not.toContain(AUTH.password)
    expect(await cache.get(key, AUTH.password!, NOW)).toEqual(data)
  })

  it('does not reuse a token within 5 minutes of its expiry', async () => {
    const cache = new TokenCache(tmp.path)
    expect(RENEW_BEFORE_MS).toBe(5 * 60 * 1000)
    await cache.put('soon', AUTH.password!, token(at(5 * 60 * 1000 - 1000)))
    await cache.put('later', AUTH.password!, token(at(5 * 60 * 1000 + 1000)))
    await cache.put('gone', AUTH.password!, token(at(-1000)))
    expect(await cache.get('soon', AUTH.password!, NOW)).toBeUndefined()
    expect((await cache.get('later', AUTH.password!, NOW))?.token).toBe('gAAAAA-token')
    expect(await cache.get('gone', AUTH.password!, NOW)).toBeUndefined()
  })

  it('treats a missing, corrupt or incomplete entry as a miss', async () => {
    const cache = new TokenCache(tmp.path)
    expect(await cache.get('none', AUTH.password!, NOW)).toBeUndefined()
    await cache.put('x', AUTH.password!, token(at(3600_000)))
    await writeFile(cache.path('x'), '{"token": "abc", "expi')
    expect(await cache.get('x', AUTH.password!, NOW)).toBeUndefined()
    await writeFile(cache.path('x'), JSON.stringify({token: 'abc'}))
    expect(await cache.get('x', AUTH.password!, NOW)).toBeUndefined()
  })

  it('delete removes the entry, and deleting a missing one is fine', async () => {
    const cache = new TokenCache(tmp.path)
    await cache.put('x', AUTH.password!, token(at(3600_000)))
    await cache.delete('x')
    expect(await cache.get('x', AUTH.password!, NOW)).toBeUndefined()
    await expect(cache.delete('x')).resolves.toBeUndefined()
  })
})
