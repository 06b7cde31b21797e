// The token cache as a user meets it: a token is reused only for the credentials that obtained
// it (issue 9, "Credentials mean what they say"), and a damaged, unwritable or too-open cache
// never fails a command (issue 8, the token-cache items). Sessions run against a fake Keystone.
import {createHash} from 'node:crypto'
import {chmod, mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import type {CloudConfig} from '../../../src/profiles/resolve.js'

import {Session} from '../../../src/auth/session.js'
import {cacheKey, TokenCache} from '../../../src/auth/token-cache.js'
import {AuthError} from '../../../src/core/errors.js'
import {Transport} from '../../../src/http/transport.js'
import {expectTokenIssue, multiRegionCatalog, passwordBody, passwordCloud} from '../../fakes/keystone.js'
import {type FakeServer, fakeServerPool} from '../../fakes/server.js'
import {useTempDir} from '../../fakes/tmp.js'
import {mrctlRejection as rejection} from '../../fakes/rejection.js'

const tmp = useTempDir()
const fakes = fakeServerPool()
afterEach(() => fakes.verifyAndClose())

const RIGHT = 'Sup3r-Secret-Pa55'
const WRONG = 'not-the-password'

function session(config: CloudConfig, cache: TokenCache): Session {
  return new Session({config, cache, transport: new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl-test'})})
}

async function keystone(): Promise<{ks: FakeServer; config: (password: string, over?: Partial<CloudConfig>) => CloudConfig}> {
  const ks = await fakes.start('keystone')
  return {
    ks,
    config: (password, over = {}) => {
      const c = passwordCloud(ks.url, over)
      return {...c, auth: {...c.auth, password}}
    },
  }
}

function expect401(ks: FakeServer, password: string): void {
  ks.on({
    method: 'POST',
    path: '/v3/auth/tokens',
    token: null,
    json: passwordBody('admin', password, 'admin'),
    reply: {status: 401, json: {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}}},
  })
}


describe('a cached token is reused only for the credentials that obtained it', () => {
  it('a wrong password after a cached login asks Keystone, which answers 401', async () => {
    const {ks, config} = await keystone()
    const cache = new TokenCache(join(tmp.path, 'cache'))
    expectTokenIssue(ks, {body: passwordBody('admin', RIGHT, 'admin'), tokens: ['tok-right'], catalog: multiRegionCatalog({})})
    expect(await session(config(RIGHT), cache).token()).toBe('tok-right')

    expect401(ks, WRONG)
    const err = await rejection(session(config(WRONG), new TokenCache(join(tmp.path, 'cache'))).token())
    expect(err).toBeInstanceOf(AuthError)
    expect(err.message).toBe('Keystone 401: The request you have made requires authentication.')
    // the right password still finds its token, without a login
    expect(await session(config(RIGHT), new TokenCache(join(tmp.path, 'cache'))).token()).toBe('tok-right')
    expect(ks.calls('POST', '/v3/auth/tokens')).toHaveLength(2)
  })

  it('another cloud entry of the same user with the same password shares the token; with another password it does not', async () => {
    const {ks, config} = await keystone()
    const dir = join(tmp.path, 'cache')
    expectTokenIssue(ks, {body: passwordBody('admin', RIGHT, 'admin'), tokens: ['tok-1'], catalog: multiRegionCatalog({})})
    expect(await session(config(RIGHT, {name: 'lab'}), new TokenCache(dir)).token()).toBe('tok-1')
    expect(await session(config(RIGHT, {name: 'lab-regionone', region: 'RegionOne'}), new TokenCache(dir)).token()).toBe('tok-1')
    expect401(ks, WRONG)
    expect(await rejection(session(config(WRONG, {name: 'lab-demo'}), new TokenCache(dir)).token())).toBeInstanceOf(AuthError)
  })

  it('a changed password logs in again and replaces the entry', async () => {
    const {ks, config} = await keystone()
    const dir = join(tmp.path, 'cache')
    expectTokenIssue(ks, {body: passwordBody('admin', RIGHT, 'admin'), tokens: ['tok-old'], catalog: multiRegionCatalog({})})
    expectTokenIssue(ks, {body: passwordBody('admin', 'N3w-pa55word', 'admin'), tokens: ['tok-new'], catalog: multiRegionCatalog({})})
    expect(await session(config(RIGHT), new TokenCache(dir)).token()).toBe('tok-old')
    expect(await session(config('N3w-pa55word'), new TokenCache(dir)).token()).toBe('tok-new')
    expect(await session(config('N3w-pa55word'), new TokenCache(dir)).token()).toBe('tok-new')
  })

  it('stores neither the password nor a plain hash of it; the binding key is a 0600 file beside the tokens', async () => {
    const {ks, config} = await keystone()
    const dir = join(tmp.path, 'cache')
    expectTokenIssue(ks, {body: passwordBody('admin', RIGHT, 'admin'), tokens: ['tok-1'], catalog: multiRegionCatalog({})})
    const cache = new TokenCache(dir)
    await session(config(RIGHT), cache).token()
    const text = await readFile(cache.path(cacheKey('password', config(RIGHT).auth)), 'utf8')
    expect(text).not.toContain(RIGHT)
    for (const algo of ['sha256', 'sha512', 'sha1', 'md5']) expect(text).not.toContain(createHash(algo).update(RIGHT).digest('hex'))
    expect(JSON.parse(text).binding).toMatch(/^[0-9a-f]{64}$/)
    expect((await stat(join(dir, 'token-key'))).mode & 0o777).toBe(0o600)
    expect((await readFile(join(dir, 'token-key'), 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/)
  })

  it('an entry written without a binding (an older mrctl) is not trusted', async () => {
    const {ks, config} = await keystone()
    const dir = join(tmp.path, 'cache')
    const cache = new TokenCache(dir)
    const path = cache.path(cacheKey('password', config(RIGHT).auth))
    await mkdir(join(dir, 'tokens'), {recursive: true})
    const expiresAt = new Date(Date.now() + 3600_000).toISOString()
    await writeFile(path, JSON.stringify({token: 'tok-unbound', expiresAt, issuedAt: expiresAt, catalog: [], userId: 'u', roles: []}), {mode: 0o600})
    expect401(ks, WRONG)
    expect(await rejection(session(config(WRONG), cache).token())).toBeInstanceOf(AuthError)
  })
})

describe('a damaged cache is a miss or a warning, never a failure (issue 8)', () => {
  for (const [what, content] of [
    ['null', 'null'],
    ['a bad expiresAt', JSON.stringify({token: 'x', expiresAt: 'soon', catalog: [], binding: 'ab'})],
    ['an array', '[1, 2]'],
    ['a string', '"gAAAA"'],
    ['half a file', '{"token": "abc", "expi'],
  ] as const) {
    it(`an entry holding ${what} is a miss: a new login, no crash`, async () => {
      const {ks, config} = await keystone()
      const dir = join(tmp.path, 'cache')
      const cache = new TokenCache(dir)
      await mkdir(join(dir, 'tokens'), {recursive: true})
      await writeFile(cache.path(cacheKey('password', config(RIGHT).auth)), content, {mode: 0o600})
      expectTokenIssue(ks, {body: passwordBody('admin', RIGHT, 'admin'), tokens: ['tok-fresh'], catalog: multiRegionCatalog({})})
      expect(await session(config(RIGHT), cache).token()).toBe('tok-fresh')
    })
  }

  it('an entry path that is a folder: the command goes on, one warning, and no temp file holding the token', async () => {
    const {ks, config} = await keystone()
    const dir = join(tmp.path, 'cache')
    const warnings: string[] = []
    const cache = new TokenCache(dir, (m) => warnings.push(m))
    const entry = cache.path(cacheKey('password', config(RIGHT).auth))
    await mkdir(entry, {recursive: true, mode: 0o700})
    expectTokenIssue(ks, {body: passwordBody('admin', RIGHT, 'admin'), tokens: ['tok-secret-value'], catalog: multiRegionCatalog({})})
    expect(await session(config(RIGHT), cache).token()).toBe('tok-secret-value')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(new RegExp(`^cannot write the token cache ${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\w+\\): the token is kept for this run only$`))
    const left = await readdir(join(dir, 'tokens'))
    expect(left).toEqual([entry.split('/').at(-1)])
    for (const name of await readdir(dir)) {
      if (name === 'tokens') continue
      expect(await readFile(join(dir, name), 'utf8')).not.toContain('tok-secret-value')
    }
  })

  it('a token file readable by others (0644) and a cache folder open to all (0777) are made private, with a warning each', async () => {
    const {ks, config} = await keystone()
    const dir = join(tmp.path, 'cache')
    expectTokenIssue(ks, {body: passwordBody('admin', RIGHT, 'admin'), tokens: ['tok-1'], catalog: multiRegionCatalog({})})
    const first = new TokenCache(dir)
    await session(config(RIGHT), first).token()
    const file = first.path(cacheKey('password', config(RIGHT).auth))
    await chmod(file, 0o644)
    await chmod(dir, 0o777)
    const warnings: string[] = []
    expect(await session(config(RIGHT), new TokenCache(dir, (m) => warnings.push(m))).token()).toBe('tok-1')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect(warnings).toEqual([
      `${dir} could be read by other users (mode 0777): changed it to 0700`,
      `${file} could be read by other users (mode 0644): changed it to 0600`,
    ])
  })
})
