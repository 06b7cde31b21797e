import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import type {CloudEntry} from '../../../src/profiles/cloud-entry.js'
import type {SecretStore} from '../../../src/profiles/secrets.js'

import {ConfigError, UsageError} from '../../../src/core/errors.js'
import {loadCloudsYaml} from '../../../src/profiles/clouds-yaml.js'
import {
  buildRegions,
  exportDocument,
  parseEndpointOverride,
  profileFields,
  removeProfile,
  saveProfile,
  splitSecrets,
  useProfile,
} from '../../../src/profiles/manage.js'
import {ProfileStore} from '../../../src/profiles/store.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()

/** Records every call, in order, with what profiles.yaml held at that moment. */
class FakeSecrets implements SecretStore {
  readonly kind = 'keychain'
  readonly calls: string[] = []
  readonly values = new Map<string, string>()
  failSet?: Error
  profileFileAtSet?: string

  constructor(private readonly profilesPath: string) {}

  async get(profile: string, field: string) {
    this.calls.push(`get ${profile}:${field}`)
    return this.values.get(`${profile}:${field}`)
  }

  async set(profile: string, field: string, value: string) {
    this.calls.push(`set ${profile}:${field}`)
    this.profileFileAtSet = await readFile(this.profilesPath, 'utf8').catch(() => '<none>')
    if (this.failSet) throw this.failSet
    this.values.set(`${profile}:${field}`, value)
  }

  async delete(profile: string, field: string) {
    this.calls.push(`delete ${profile}:${field}`)
    this.values.delete(`${profile}:${field}`)
  }
}

class FailingStore extends ProfileStore {
  override async save(): Promise<void> {
    throw new Error('ENOSPC: no space left on device')
  }
}

const ENTRY: CloudEntry = {auth: {auth_url: 'http://k:5000/v3', username: 'admin', project_name: 'admin'}, regions: ['RegionOne']}
const SECRET = {field: 'password' as const, value: 'Hunter2-secret'}

describe('saveProfile', () => {
  it('stores the secret first, then the profile without it, and makes the first profile the default', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    const secrets = new FakeSecrets(store.path)
    await saveProfile(store, secrets, 'lab', ENTRY, SECRET, {secretStore: 'keychain'})
    expect(secrets.calls).toEqual(['set lab:password'])
    expect(secrets.profileFileAtSet).toBe('<none>')
    expect(secrets.values.get('lab:password')).toBe('Hunter2-secret')
    const text = await readFile(store.path, 'utf8')
    expect(text).not.toContain('Hunter2-secret')
    const doc = await store.load()
    expect(doc.default).toBe('lab')
    expect(doc.clouds.lab).toEqual({...ENTRY, mrctl: {secret_store: 'keychain'}})
  })

  it('writes nothing when the secret store throws', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    const secrets = new FakeSecrets(store.path)
    secrets.failSet = new Error('keychain locked')
    await expect(saveProfile(store, secrets, 'lab', ENTRY, SECRET, {secretStore: 'keychain'})).rejects.toThrow('keychain locked')
    await expect(readFile(store.path, 'utf8')).rejects.toMatchObject({code: 'ENOENT'})
    expect(secrets.calls).toEqual(['set lab:password'])
  })

  it('removes the stored secret again when the profile cannot be written', async () => {
    const store = new FailingStore(join(tmp.path, 'profiles.yaml'))
    const secrets = new FakeSecrets(store.path)
    await expect(saveProfile(store, secrets, 'lab', ENTRY, SECRET, {secretStore: 'keychain'})).rejects.toThrow('ENOSPC')
    expect(secrets.calls).toEqual(['set lab:password', 'delete lab:password'])
    expect(secrets.values.size).toBe(0)
  })

  it('refuses to replace an existing profile without overwrite, before touching the secret', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    const secrets = new FakeSecrets(store.path)
    await saveProfile(store, secrets, 'lab', ENTRY, undefined, {secretStore: 'keychain'})
    const err = await saveProfile(store, secrets, 'lab', ENTRY, SECRET, {secretStore: 'keychain'}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as Error).message).toBe('profile lab already exists')
    expect(secrets.calls).toEqual([])
    await saveProfile(store, secrets, 'lab', {...ENTRY, regions: ['RegionTwo']}, SECRET, {secretStore: 'keychain', overwrite: true})
    expect((await store.get('lab'))?.regions).toEqual(['RegionTwo'])
  })

  it('keeps the default unless told to change it', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    await saveProfile(store, undefined, 'a', ENTRY, undefined, {secretStore: 'none'})
    await saveProfile(store, undefined, 'b', ENTRY, undefined, {secretStore: 'none'})
    expect((await store.load()).default).toBe('a')
    await saveProfile(store, undefined, 'c', ENTRY, undefined, {secretStore: 'none', makeDefault: true})
    expect((await store.load()).default).toBe('c')
  })

  it('with --secret-store none the secret is dropped and the profile says so', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    await saveProfile(store, undefined, 'lab', ENTRY, SECRET, {secretStore: 'none'})
    expect(await readFile(store.path, 'utf8')).not.toContain('Hunter2')
    expect((await store.get('lab'))?.mrctl).toEqual({secret_store: 'none'})
  })

  it('refuses a profile name that is not a plain word', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    for (const bad of ['', '-x', 'a b', 'a/b', '../x']) {
      await expect(saveProfile(store, undefined, bad, ENTRY, undefined, {secretStore: 'none'})).rejects.toBeInstanceOf(UsageError)
    }
  })
})

describe('removeProfile and useProfile', () => {
  it('remove deletes both secret fields from the profile\'s store and clears the default', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    const secrets = new FakeSecrets(store.path)
    await writeFile(store.path, JSON.stringify({default: 'lab', clouds: {lab: {...ENTRY, mrctl: {secret_store: 'file'}}, other: ENTRY}}))
    const kinds: Array<string | undefined> = []
    await removeProfile(store, (k) => (kinds.push(k), secrets), 'lab')
    expect(kinds).toEqual(['file'])
    expect(secrets.calls).toEqual(['delete lab:password', 'delete lab:application_credential_secret'])
    expect(await store.load()).toEqual({clouds: {other: ENTRY}})
  })

  it('use and remove of an unknown profile name the known ones', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    await writeFile(store.path, JSON.stringify({clouds: {lab: ENTRY}}))
    await expect(useProfile(store, 'nope')).rejects.toThrow('Profile nope was not found.')
    await expect(removeProfile(store, () => undefined, 'nope')).rejects.toMatchObject({actions: ['known profiles: lab']})
    await useProfile(store, 'lab')
    expect((await store.load()).default).toBe('lab')
  })
})

describe('parseEndpointOverride', () => {
  it('splits REGION:SERVICE=URL', () => {
    expect(parseEndpointOverride('RegionOne:container=http://127.0.0.1:9517/v1')).toEqual({
      region: 'RegionOne',
      service: 'container',
      url: 'http://127.0.0.1:9517/v1',
    })
    expect(parseEndpointOverride('Central-1:load-balancer=https://lb.example/x=y')).toEqual({
      region: 'Central-1',
      service: 'load-balancer',
      url: 'https://lb.example/x=y',
    })
  })

  it.each(['RegionOne=http://x', 'RegionOne:network', 'RegionOne:network=ftp://x', ':network=http://x'])('refuses %s as a usage error', (spec) => {
    let err: unknown
    try {
      parseEndpointOverride(spec)
    } catch (error) {
      err = error
    }
    expect(err).toBeInstanceOf(UsageError)
    expect((err as UsageError).exitCode).toBe(2)
    expect((err as UsageError).message).toBe(`--endpoint ${spec} is not REGION:SERVICE=URL`)
  })
})

describe('buildRegions', () => {
  it('puts CentralRegion first, keeps the others in order, and adds overridden regions', () => {
    expect(buildRegions(['RegionOne', 'RegionTwo', 'CentralRegion'], [])).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
    expect(
      buildRegions(
        ['RegionOne', 'CentralRegion'],
        [
          {region: 'RegionOne', service: 'load-balancer', url: 'http://127.0.0.1:9876'},
          {region: 'RegionOne', service: 'network', url: 'http://127.0.0.1:9697'},
          {region: 'RegionThree', service: 'container', url: 'http://127.0.0.1:9517/v1'},
        ],
      ),
    ).toEqual([
      'CentralRegion',
      {name: 'RegionOne', values: {load_balancer_endpoint_override: 'http://127.0.0.1:9876', network_endpoint_override: 'http://127.0.0.1:9697'}},
      {name: 'RegionThree', values: {container_endpoint_override: 'http://127.0.0.1:9517/v1'}},
    ])
  })
})

describe('splitSecrets', () => {
  it('takes the password out, and every secret key with it, without touching the input', () => {
    const entry: CloudEntry = {auth: {auth_url: 'http://k', username: 'u', password: 'pw', token: 'tok'}, regions: ['R']}
    const {entry: clean, secret} = splitSecrets(entry)
    expect(secret).toEqual({field: 'password', value: 'pw'})
    expect(clean).toEqual({auth: {auth_url: 'http://k', username: 'u'}, regions: ['R']})
    expect(entry.auth?.password).toBe('pw')
  })

  it('prefers the application credential secret', () => {
    const {entry, secret} = splitSecrets({auth: {application_credential_id: 'ac', application_credential_secret: 's', password: 'p'}})
    expect(secret).toEqual({field: 'application_credential_secret', value: 's'})
    expect(entry.auth).toEqual({application_credential_id: 'ac'})
  })

  it('gives no secret when there is none', () => {
    expect(splitSecrets({auth: {auth_url: 'http://k'}}).secret).toBeUndefined()
  })
})

describe('profileFields', () => {
  it('flattens auth keys, masks the secret, lists regions and overrides, sorted after name and default', () => {
    const e: CloudEntry = {
      auth: {auth_url: 'http://k:5000/v3', username: 'admin', project_name: 'demo'},
      interface: 'public',
      regions: ['CentralRegion', {name: 'RegionOne', values: {network_endpoint_override: 'http://127.0.0.1:9697'}}],
      mrctl: {secret_store: 'file'},
    }
    const {fields, values} = profileFields('lab', e, true)
    const row = Object.fromEntries(fields.map((f, i) => [f, values[i]]))
    expect(fields.slice(0, 2)).toEqual(['name', 'default'])
    expect(fields.slice(2)).toEqual([...fields.slice(2)].sort())
    expect(row).toEqual({
      name: 'lab',
      default: true,
      'auth.auth_url': 'http://k:5000/v3',
      'auth.username': 'admin',
      'auth.project_name': 'demo',
      'auth.password': '<redacted>',
      interface: 'public',
      regions: ['CentralRegion', 'RegionOne'],
      endpoint_overrides: ['RegionOne:network=http://127.0.0.1:9697'],
      secret_store: 'file',
    })
  })

  it('never shows a secret value, even one that slipped into the entry', () => {
    const e: CloudEntry = {auth: {auth_url: 'http://k', application_credential_id: 'ac', application_credential_secret: 'leaked-secret'}}
    const {fields, values} = profileFields('ac', e, false)
    expect(values[fields.indexOf('auth.application_credential_secret')]).toBe('<redacted>')
    expect(JSON.stringify(values)).not.toContain('leaked-secret')
  })

  it('says where the secret comes from with --secret-store none', () => {
    const {fields, values} = profileFields('x', {auth: {auth_url: 'http://k', username: 'u'}, mrctl: {secret_store: 'none'}}, false)
    expect(values[fields.indexOf('auth.password')]).toBe('<from the environment>')
  })
})

describe('exportDocument', () => {
  it('is a clouds.yaml without mrctl keys or secrets, that loadCloudsYaml reads back', async () => {
    const e: CloudEntry = {
      auth: {auth_url: 'http://k:5000/v3', username: 'admin', project_name: 'demo'},
      regions: ['CentralRegion', {name: 'RegionOne', values: {network_endpoint_override: 'http://127.0.0.1:9697'}}],
      mrctl: {secret_store: 'keychain'},
    }
    const doc = exportDocument('lab', e)
    expect(doc.clouds.lab.mrctl).toBeUndefined()
    expect(doc.clouds.lab.identity_api_version).toBe(3)
    const {stringify} = await import('yaml')
    const file = join(tmp.path, 'exported.yaml')
    await writeFile(file, stringify(doc), {mode: 0o600})
    const loaded = await loadCloudsYaml({file, env: {}, cwd: tmp.path})
    const {mrctl: _m, ...withoutMrctl} = e
    expect(loaded?.clouds).toEqual({lab: {...withoutMrctl, identity_api_version: 3}})
    expect(JSON.stringify(loaded)).not.toMatch(/password|secret/)
  })
})
