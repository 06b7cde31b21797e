import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import type {CloudEntry, SecretStoreKind} from '../../../src/profiles/cloud-entry.js'
import type {CloudsFile} from '../../../src/profiles/clouds-yaml.js'
import type {SecretStore} from '../../../src/profiles/secrets.js'

import {ConfigError, UsageError} from '../../../src/core/errors.js'
import {type GlobalOptions, resolveCloud} from '../../../src/profiles/resolve.js'
import {ProfileStore} from '../../../src/profiles/store.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()

const PASSWORD_CLOUD: CloudEntry = {
  auth: {auth_url: 'http://file.example:5000/v3', username: 'file-user', password: 'file-pass', project_name: 'file-project'},
  regions: ['CentralRegion', 'RegionOne', 'RegionTwo'],
}

const PROFILE: CloudEntry = {
  auth: {auth_url: 'http://profile.example:5000/v3', username: 'profile-user', project_name: 'profile-project'},
  regions: ['RegionOne'],
  mrctl: {secret_store: 'file'},
}

class RecordingSecrets implements SecretStore {
  readonly gets: Array<[string, string]> = []
  constructor(
    readonly kind: SecretStoreKind,
    private readonly values: Record<string, string> = {},
  ) {}
  async get(profile: string, field: string) {
    this.gets.push([profile, field])
    return this.values[`${profile}:${field}`]
  }
  async set() {
    throw new Error('resolveCloud must not write secrets')
  }
  async delete() {
    throw new Error('resolveCloud must not delete secrets')
  }
}

interface Setup {
  env?: NodeJS.ProcessEnv
  profiles?: {default?: string; clouds: Record<string, CloudEntry>}
  clouds?: Record<string, CloudEntry>
  cloudsWarnings?: string[]
  secrets?: Record<string, string>
}

async function resolveWith(flags: GlobalOptions, setup: Setup = {}) {
  const path = join(tmp.path, 'profiles.yaml')
  if (setup.profiles) await writeFile(path, JSON.stringify(setup.profiles))
  const store = new ProfileStore(path)
  let loadCalls = 0
  const cloudsFile: CloudsFile | undefined = setup.clouds
    ? {path: '/fake/clouds.yaml', clouds: structuredClone(setup.clouds), warnings: setup.cloudsWarnings ?? []}
    : undefined
  const stores: RecordingSecrets[] = []
  const config = await resolveCloud(flags, {
    env: setup.env ?? {},
    store,
    loadClouds: async () => {
      loadCalls++
      return cloudsFile
    },
    secrets: (kind) => {
      if (kind === 'none') return undefined
      const s = new RecordingSecrets(kind ?? 'keychain', setup.secrets)
      stores.push(s)
      return s
    },
  })
  return {config, loadCalls, stores}
}

async function resolveError(flags: GlobalOptions, setup: Setup = {}): Promise<Error> {
  try {
    await resolveWith(flags, setup)
  } catch (error) {
    return error as Error
  }
  throw new Error('resolveCloud did not throw')
}

describe('resolveCloud: which cloud is selected', () => {
  it('--profile picks the profile, even when OS_CLOUD names a clouds.yaml cloud', async () => {
    const {config} = await resolveWith(
      {profile: 'lab'},
      {env: {OS_CLOUD: 'filecloud'}, profiles: {clouds: {lab: PROFILE}}, clouds: {filecloud: PASSWORD_CLOUD}},
    )
    expect(config.name).toBe('lab')
    expect(config.source).toBe('profile')
    expect(config.auth.username).toBe('profile-user')
  })

  it('--os-cloud looks in clouds.yaml first', async () => {
    const {config} = await resolveWith({osCloud: 'both'}, {profiles: {clouds: {both: PROFILE}}, clouds: {both: PASSWORD_CLOUD}})
    expect(config.source).toBe('clouds.yaml')
    expect(config.sourcePath).toBe('/fake/clouds.yaml')
    expect(config.auth.username).toBe('file-user')
  })

  it('--os-cloud falls back to a profile of that name', async () => {
    const {config} = await resolveWith({osCloud: 'lab'}, {profiles: {clouds: {lab: PROFILE}}, clouds: {other: PASSWORD_CLOUD}})
    expect(config.source).toBe('profile')
    expect(config.name).toBe('lab')
    expect(config.auth.authUrl).toBe('http://profile.example:5000/v3')
  })

  it('OS_CLOUD selects like --os-cloud, and --os-cloud beats OS_CLOUD', async () => {
    const clouds = {a: PASSWORD_CLOUD, b: {...PASSWORD_CLOUD, auth: {...PASSWORD_CLOUD.auth, username: 'b-user'}}}
    expect((await resolveWith({}, {env: {OS_CLOUD: 'b'}, clouds})).config.auth.username).toBe('b-user')
    expect((await resolveWith({osCloud: 'a'}, {env: {OS_CLOUD: 'b'}, clouds})).config.auth.username).toBe('file-user')
  })

  it('an unknown cloud gives OSC\'s message and lists what exists', async () => {
    const err = await resolveError({osCloud: 'nope'}, {profiles: {clouds: {lab: PROFILE}}, clouds: {filecloud: PASSWORD_CLOUD}})
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe('Cloud nope was not found.')
    expect((err as ConfigError).actions[0]).toBe('known clouds and profiles: filecloud, lab')
  })

  it('an unknown profile names the known ones', async () => {
    const err = await resolveError({profile: 'nope'}, {profiles: {clouds: {lab: PROFILE, prod: PROFILE}}})
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe('Profile nope was not found.')
    expect((err as ConfigError).actions).toEqual(['known profiles: lab, prod'])
  })

  it('without a selector the default profile wins over the single cloud of clouds.yaml', async () => {
    const {config} = await resolveWith({}, {profiles: {default: 'lab', clouds: {lab: PROFILE}}, clouds: {only: PASSWORD_CLOUD}})
    expect(config.name).toBe('lab')
    expect(config.source).toBe('profile')
  })

  it('without a selector or default profile, the single cloud of clouds.yaml is used', async () => {
    const {config, loadCalls} = await resolveWith({}, {profiles: {clouds: {lab: PROFILE}}, clouds: {only: PASSWORD_CLOUD}})
    expect(config.name).toBe('only')
    expect(config.source).toBe('clouds.yaml')
    expect(loadCalls).toBe(1)
  })

  it('several clouds in clouds.yaml and none chosen is an error naming them', async () => {
    const err = await resolveError({}, {clouds: {a: PASSWORD_CLOUD, b: PASSWORD_CLOUD}})
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe('/fake/clouds.yaml has 2 clouds and none was chosen.')
    expect((err as ConfigError).actions[0]).toContain('(a, b)')
  })

  it('OS_* variables alone make the env-only "envvars" cloud, ahead of the default profile', async () => {
    const env = {OS_AUTH_URL: 'http://env.example:5000', OS_USERNAME: 'env-user', OS_PASSWORD: 'env-pass', OS_PROJECT_NAME: 'env-project'}
    const {config} = await resolveWith({}, {env, profiles: {default: 'lab', clouds: {lab: PROFILE}}})
    expect(config.name).toBe('envvars')
    expect(config.source).toBe('env')
    expect(config.auth).toMatchObject({authUrl: 'http://env.example:5000', username: 'env-user', password: 'env-pass', projectName: 'env-project'})
    expect(config.loadSecret).toBeUndefined()
  })

  it('OS_CLOUD_NAME renames the env-only cloud', async () => {
    const env = {OS_AUTH_URL: 'http://e:5000', OS_USERNAME: 'u', OS_PROJECT_NAME: 'p', OS_CLOUD_NAME: 'from-env'}
    expect((await resolveWith({}, {env})).config.name).toBe('from-env')
  })

  it('selector variables alone (OS_REGION_NAME) do not make an env-only cloud', async () => {
    const {config} = await resolveWith({}, {env: {OS_REGION_NAME: 'RegionOne'}, profiles: {default: 'lab', clouds: {lab: PROFILE}}})
    expect(config.name).toBe('lab')
    expect(config.region).toBe('RegionOne')
  })
})

describe('resolveCloud: precedence of values (flag > OS_* > cloud)', () => {
  it('an OS_* variable beats clouds.yaml even with --os-cloud', async () => {
    const {config} = await resolveWith(
      {osCloud: 'c'},
      {env: {OS_PROJECT_NAME: 'env-project', OS_USERNAME: 'env-user'}, clouds: {c: PASSWORD_CLOUD}},
    )
    expect(config.auth.projectName).toBe('env-project')
    expect(config.auth.username).toBe('env-user')
    expect(config.auth.password).toBe('file-pass')
  })

  it('a flag beats the OS_* variable and the cloud', async () => {
    const {config} = await resolveWith(
      {osCloud: 'c', osProjectName: 'flag-project', osAuthUrl: 'http://flag.example:5000'},
      {env: {OS_PROJECT_NAME: 'env-project', OS_AUTH_URL: 'http://env.example:5000'}, clouds: {c: PASSWORD_CLOUD}},
    )
    expect(config.auth.projectName).toBe('flag-project')
    expect(config.auth.authUrl).toBe('http://flag.example:5000')
  })

  it('OS_PASSWORD fills in the secret of a profile kept without one', async () => {
    const {config} = await resolveWith(
      {profile: 'lab'},
      {env: {OS_PASSWORD: 'env-pass'}, profiles: {clouds: {lab: {...PROFILE, mrctl: {secret_store: 'none'}}}}},
    )
    expect(config.auth.password).toBe('env-pass')
    expect(config.loadSecret).toBeUndefined()
  })

  it('--os-interface, --insecure and --os-cacert reach the config', async () => {
    const {config} = await resolveWith({osCloud: 'c', osInterface: 'internal', insecure: true, osCacert: '/ca.pem'}, {clouds: {c: PASSWORD_CLOUD}})
    expect(config).toMatchObject({interface: 'internal', insecure: true, cacert: '/ca.pem'})
  })

  it('interface "internalURL" is normalised and a bad interface is a usage error', async () => {
    expect((await resolveWith({osCloud: 'c'}, {clouds: {c: {...PASSWORD_CLOUD, interface: 'internalURL'}}})).config.interface).toBe('internal')
    const err = await resolveError({osCloud: 'c', osInterface: 'private'}, {clouds: {c: PASSWORD_CLOUD}})
    expect(err).toBeInstanceOf(UsageError)
    expect(err.message).toContain('private')
  })
})

describe('resolveCloud: auth type and domain defaults', () => {
  it('a username means password auth, with user and project domain defaulting to the id "default"', async () => {
    const {config} = await resolveWith({osCloud: 'c'}, {clouds: {c: PASSWORD_CLOUD}})
    expect(config.authType).toBe('password')
    expect(config.auth.userDomainId).toBe('default')
    expect(config.auth.projectDomainId).toBe('default')
    expect(config.auth.userDomainName).toBeUndefined()
  })

  it('a given domain name is kept and no default id is added', async () => {
    const {config} = await resolveWith(
      {osCloud: 'c', osUserDomainName: 'Users', osProjectDomainName: 'Projects'},
      {clouds: {c: PASSWORD_CLOUD}},
    )
    expect(config.auth).toMatchObject({userDomainName: 'Users', projectDomainName: 'Projects'})
    expect(config.auth.userDomainId).toBeUndefined()
    expect(config.auth.projectDomainId).toBeUndefined()
  })

  it('an application credential id means v3applicationcredential, without domain defaults', async () => {
    const cloud: CloudEntry = {auth: {auth_url: 'http://k:5000/v3', application_credential_id: 'ac-1', application_credential_secret: 's'}}
    const {config} = await resolveWith({osCloud: 'ac'}, {clouds: {ac: cloud}})
    expect(config.authType).toBe('v3applicationcredential')
    expect(config.auth.applicationCredentialId).toBe('ac-1')
    expect(config.auth.userDomainId).toBeUndefined()
    expect(config.auth.projectDomainId).toBeUndefined()
  })

  it('a token alone means token auth', async () => {
    const {config} = await resolveWith({}, {env: {OS_AUTH_URL: 'http://k:5000', OS_TOKEN: 'gAAAA-token'}})
    expect(config.authType).toBe('token')
    expect(config.auth.token).toBe('gAAAA-token')
  })

  it('auth_type spellings are normalised and an unsupported one is refused', async () => {
    const c = (auth_type: string) => ({c: {...PASSWORD_CLOUD, auth_type}})
    expect((await resolveWith({osCloud: 'c'}, {clouds: c('v3password')})).config.authType).toBe('password')
    const err = await resolveError({osCloud: 'c'}, {clouds: c('v3oidcpassword')})
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe('auth type v3oidcpassword is not supported by mrctl')
  })

  it('an application credential with a project from OS_PROJECT_NAME is refused before anything is sent', async () => {
    const cloud: CloudEntry = {
      auth_type: 'v3applicationcredential',
      auth: {auth_url: 'http://k:5000/v3', application_credential_id: 'ac-1', application_credential_secret: 's'},
    }
    const err = await resolveError({osCloud: 'ac'}, {env: {OS_PROJECT_NAME: 'leftover'}, clouds: {ac: cloud}})
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toMatch(/^Application credentials cannot request a scope, but a project is set/)
    expect((err as ConfigError).actions[0]).toContain('unset OS_PROJECT_NAME')
  })

  it('an application credential with a top-level project_id in the cloud is refused too', async () => {
    const cloud: CloudEntry = {
      auth: {auth_url: 'http://k:5000/v3', application_credential_id: 'ac-1'},
      project_id: 'p1',
    }
    const err = await resolveError({osCloud: 'ac'}, {clouds: {ac: cloud}})
    expect(err.message).toMatch(/^Application credentials cannot request a scope/)
  })
})

describe('resolveCloud: regions', () => {
  it('the first entry of regions: is the default region', async () => {
    const {config} = await resolveWith({osCloud: 'c'}, {clouds: {c: PASSWORD_CLOUD}})
    expect(config.regions).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
    expect(config.region).toBe('CentralRegion')
  })

  it('--os-region-name and OS_REGION_NAME choose a listed region; the flag wins', async () => {
    expect((await resolveWith({osCloud: 'c'}, {env: {OS_REGION_NAME: 'RegionTwo'}, clouds: {c: PASSWORD_CLOUD}})).config.region).toBe('RegionTwo')
    const both = await resolveWith({osCloud: 'c', osRegionName: 'RegionOne'}, {env: {OS_REGION_NAME: 'RegionTwo'}, clouds: {c: PASSWORD_CLOUD}})
    expect(both.config.region).toBe('RegionOne')
  })

  it('an unknown region gives openstacksdk\'s exact message', async () => {
    const err = await resolveError({osCloud: 'c', osRegionName: 'regionone'}, {clouds: {c: PASSWORD_CLOUD}})
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(
      'Region regionone is not a valid region name for cloud c. Valid choices are CentralRegion,RegionOne,RegionTwo. Please note that region names are case sensitive.',
    )
  })

  it('an unknown OS_REGION_NAME is refused the same way', async () => {
    const err = await resolveError({osCloud: 'c'}, {env: {OS_REGION_NAME: 'RegionNine'}, clouds: {c: PASSWORD_CLOUD}})
    expect(err.message).toMatch(/^Region RegionNine is not a valid region name for cloud c\./)
  })

  it('a single region_name is the region', async () => {
    const {config} = await resolveWith({osCloud: 'c'}, {clouds: {c: {auth: PASSWORD_CLOUD.auth, region_name: 'RegionOne'}}})
    expect(config.regions).toEqual(['RegionOne'])
    expect(config.region).toBe('RegionOne')
  })

  it('the deprecated comma list in region_name gives its first region as the default', async () => {
    const {config} = await resolveWith({osCloud: 'c'}, {clouds: {c: {auth: PASSWORD_CLOUD.auth, region_name: 'RegionOne,RegionTwo'}}})
    expect(config.regions).toEqual(['RegionOne', 'RegionTwo'])
    expect(config.region).toBe('RegionOne')
  })

  it('a cloud without region config has no region (no filter)', async () => {
    const {config} = await resolveWith({osCloud: 'c'}, {clouds: {c: {auth: PASSWORD_CLOUD.auth}}})
    expect(config.regions).toEqual([])
    expect(config.region).toBeUndefined()
  })

  it('endpoint overrides come from each region\'s values, and cloud-level ones apply everywhere', async () => {
    const cloud: CloudEntry = {
      auth: PASSWORD_CLOUD.auth,
      load_balancer_endpoint_override: 'http://127.0.0.1:9876',
      regions: [
        'CentralRegion',
        {name: 'RegionOne', values: {network_endpoint_override: 'http://127.0.0.1:9697', container_endpoint: 'http://127.0.0.1:9517/v1'}},
        {name: 'RegionTwo', values: {interface: 'internal'}},
      ],
    }
    const {config} = await resolveWith({osCloud: 'c'}, {clouds: {c: cloud}})
    expect(config.regions).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])
    expect(config.endpointOverrides).toEqual({
      '*': {'load-balancer': 'http://127.0.0.1:9876'},
      RegionOne: {network: 'http://127.0.0.1:9697', container: 'http://127.0.0.1:9517/v1'},
    })
  })
})

describe('resolveCloud: missing parameters and secrets', () => {
  it('with nothing configured, every missing parameter is listed together, with the cloud-name hint', async () => {
    const err = await resolveError({}, {})
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(
      [
        'Missing parameter(s): ',
        'Set an authentication URL, with --os-auth-url, OS_AUTH_URL or auth.auth_url',
        'Set a username with --os-username, OS_USERNAME, or auth.username',
        'Set a project with --os-project-name, OS_PROJECT_NAME, or auth.project_name (or --os-project-id)',
      ].join('\n'),
    )
    expect((err as ConfigError).actions[0]).toMatch(/^Set a cloud-name with --os-cloud or OS_CLOUD/)
  })

  it('a cloud missing only its project names the cloud to complete', async () => {
    const err = await resolveError({osCloud: 'c'}, {clouds: {c: {auth: {auth_url: 'http://k:5000', username: 'u'}}}})
    expect(err.message).toBe(
      'Missing parameter(s): \nSet a project with --os-project-name, OS_PROJECT_NAME, or auth.project_name (or --os-project-id)',
    )
    expect((err as ConfigError).actions).toEqual(['complete the cloud c'])
  })

  it('token auth without a token and app-cred auth without an id are missing parameters', async () => {
    const t = await resolveError({osCloud: 'c', osAuthType: 'token'}, {clouds: {c: {auth: {auth_url: 'http://k:5000'}}}})
    expect(t.message).toBe('Missing parameter(s): \nSet a token with --os-token or OS_TOKEN')
    const a = await resolveError({osCloud: 'c', osAuthType: 'v3applicationcredential'}, {clouds: {c: {auth: {auth_url: 'http://k:5000'}}}})
    expect(a.message).toContain('Set an application credential with --os-application-credential-id')
  })

  it('a profile reads its secret lazily from its own store, by profile name and field', async () => {
    const {config, stores} = await resolveWith({profile: 'lab'}, {profiles: {clouds: {lab: PROFILE}}, secrets: {'lab:password': 'stored-pass'}})
    expect(config.auth.password).toBeUndefined()
    expect(stores.map((s) => s.kind)).toEqual(['file'])
    expect(stores[0].gets).toEqual([])
    expect(await config.loadSecret?.()).toBe('stored-pass')
    expect(stores[0].gets).toEqual([['lab', 'password']])
  })

  it('an app-cred profile without secret_store reads application_credential_secret from the keychain store', async () => {
    const lab: CloudEntry = {auth: {auth_url: 'http://k:5000', application_credential_id: 'ac-1'}}
    const {config, stores} = await resolveWith({profile: 'lab'}, {profiles: {clouds: {lab}}, secrets: {'lab:application_credential_secret': 's3'}})
    expect(stores.map((s) => s.kind)).toEqual(['keychain'])
    expect(await config.loadSecret?.()).toBe('s3')
    expect(stores[0].gets).toEqual([['lab', 'application_credential_secret']])
  })

  it('a clouds.yaml cloud has no secret store, and the clouds.yaml warnings are passed on', async () => {
    const {config, stores} = await resolveWith({osCloud: 'c'}, {clouds: {c: PASSWORD_CLOUD}, cloudsWarnings: ['clouds.yaml is group-readable']})
    expect(config.loadSecret).toBeUndefined()
    expect(stores).toEqual([])
    expect(config.warnings).toEqual(['clouds.yaml is group-readable'])
  })
})
