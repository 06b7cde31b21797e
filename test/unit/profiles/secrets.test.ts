import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'

import {afterEach, describe, expect, it, vi} from 'vitest'

import {FileSecretStore, KeychainStore, KeychainUnavailableError, secretStore} from '../../../src/profiles/secrets.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()

describe('FileSecretStore', () => {
  it('keeps secrets per profile and field in a 0600 file', async () => {
    const s = new FileSecretStore(join(tmp.path, 'mrctl', 'secure.yaml'))
    expect(await s.get('lab', 'password')).toBeUndefined()
    await s.set('lab', 'password', 'pw-lab')
    await s.set('prod', 'application_credential_secret', 'ac-prod')
    expect((await stat(s.path)).mode & 0o777).toBe(0o600)
    expect(await s.get('lab', 'password')).toBe('pw-lab')
    expect(await s.get('prod', 'application_credential_secret')).toBe('ac-prod')
    expect(await s.get('prod', 'password')).toBeUndefined()
    const {parse} = await import('yaml')
    expect(parse(await readFile(s.path, 'utf8'))).toEqual({
      clouds: {lab: {auth: {password: 'pw-lab'}}, prod: {auth: {application_credential_secret: 'ac-prod'}}},
    })
  })

  it('delete removes the field, and the profile once it has none', async () => {
    const s = new FileSecretStore(join(tmp.path, 'secure.yaml'))
    await s.set('lab', 'password', 'a')
    await s.set('lab', 'application_credential_secret', 'b')
    await s.delete('lab', 'password')
    expect(await s.get('lab', 'password')).toBeUndefined()
    expect(await s.get('lab', 'application_credential_secret')).toBe('b')
    await s.delete('lab', 'application_credential_secret')
    const {parse} = await import('yaml')
    expect(parse(await readFile(s.path, 'utf8'))).toEqual({clouds: {}})
    await s.delete('ghost', 'password')
  })
})

describe('KeychainStore on a machine without a Secret Service', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('set throws KeychainUnavailableError whose actions name OS_PASSWORD, secure.yaml and --secret-store file', async () => {
    // No session bus: what a headless server or a CI container has.
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', `unix:path=${join(tmp.path, 'no-bus')}`)
    const err = await new KeychainStore().set('lab', 'password', 'pw').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(KeychainUnavailableError)
    const e = err as KeychainUnavailableError
    expect(e.message).toMatch(/^the OS keychain is not available here \(.+\)$/)
    expect(e.exitCode).toBe(1)
    expect(e.actions).toHaveLength(3)
    expect(e.actions[0]).toContain('OS_PASSWORD')
    expect(e.actions[0]).toContain('--secret-store none')
    expect(e.actions[1]).toContain('secure.yaml')
    expect(e.actions[2]).toContain('--secret-store file')
  })

  it('get throws the same error, and delete leaves nothing behind without throwing', async () => {
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', `unix:path=${join(tmp.path, 'no-bus')}`)
    await expect(new KeychainStore().get('lab', 'password')).rejects.toBeInstanceOf(KeychainUnavailableError)
    await expect(new KeychainStore().delete('lab', 'password')).resolves.toBeUndefined()
  })
})

describe('secretStore', () => {
  it('maps the kinds onto stores', () => {
    expect(secretStore('file')).toBeInstanceOf(FileSecretStore)
    expect(secretStore('keychain')).toBeInstanceOf(KeychainStore)
    expect(secretStore(undefined)).toBeInstanceOf(KeychainStore)
    expect(secretStore('none')).toBeUndefined()
  })
})

describe('FileSecretStore on a secure.yaml others can read (issue 8: it was read silently)', () => {
  it('is made 0600 before it is read, with one warning naming the file and the old mode', async () => {
    const {chmod} = await import('node:fs/promises')
    const path = join(tmp.path, 'mrctl', 'secure.yaml')
    await new FileSecretStore(path).set('lab', 'password', 'pw-lab')
    await chmod(path, 0o644)
    const warnings: string[] = []
    const s = secretStore('file', (m) => warnings.push(m)) as FileSecretStore
    const store = new FileSecretStore(path, (m) => warnings.push(m))
    expect(await store.get('lab', 'password')).toBe('pw-lab')
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect(warnings).toEqual([`${path} could be read by other users (mode 0644): changed it to 0600`])
    expect(s).toBeInstanceOf(FileSecretStore)
  })
})
