import type {CloudsFile} from './clouds-yaml.js'
import type {AuthSection, CloudEntry, SecretStoreKind} from './cloud-entry.js'
import type {SecretStore} from './secrets.js'
import type {ProfileStore} from './store.js'

import {ConfigError, UsageError} from '../core/errors.js'
import {mergeEntries, regionNames} from './cloud-entry.js'
import {entryFromEnv, envDefinesCloud} from './env.js'

/** The global `--os-*` options as given on the command line (undefined when not given). */
export interface GlobalOptions {
  profile?: string
  osCloud?: string
  osRegionName?: string
  osAuthUrl?: string
  osAuthType?: string
  osUsername?: string
  osPassword?: string
  osProjectName?: string
  osProjectId?: string
  osUserDomainName?: string
  osProjectDomainName?: string
  osApplicationCredentialId?: string
  osApplicationCredentialSecret?: string
  osToken?: string
  osInterface?: string
  osCacert?: string
  insecure?: boolean
}

export type AuthType = 'password' | 'v3applicationcredential' | 'token'
export type Interface = 'public' | 'internal' | 'admin'

export interface AuthConfig {
  authUrl: string
  username?: string
  userId?: string
  userDomainName?: string
  userDomainId?: string
  projectName?: string
  projectId?: string
  projectDomainName?: string
  projectDomainId?: string
  password?: string
  applicationCredentialId?: string
  applicationCredentialName?: string
  applicationCredentialSecret?: string
  token?: string
}

/** Everything a session needs, resolved with `openstack`'s precedence. */
export interface CloudConfig {
  name: string
  source: 'profile' | 'clouds.yaml' | 'env'
  sourcePath?: string
  authType: AuthType
  auth: AuthConfig
  /** The cloud's region list (CentralRegion first when present); may be empty. */
  regions: string[]
  /** The region commands use when none is given per command. */
  region?: string
  interface: Interface
  cacert?: string
  insecure: boolean
  /** region ('*' for every region) → service type → endpoint URL. */
  endpointOverrides: Record<string, Record<string, string>>
  /** Reads the stored secret (keychain or file) only when it is needed. */
  loadSecret?: () => Promise<string | undefined>
  warnings: string[]
}

export interface ResolveDeps {
  env: NodeJS.ProcessEnv
  store: ProfileStore
  loadClouds: () => Promise<CloudsFile | undefined>
  secrets: (kind: SecretStoreKind | undefined) => SecretStore | undefined
}

interface Selected {
  name: string
  source: CloudConfig['source']
  entry: CloudEntry
  path?: string
  secretStore?: SecretStoreKind
}

export async function resolveCloud(flags: GlobalOptions, deps: ResolveDeps): Promise<CloudConfig> {
  const warnings: string[] = []
  const selected = await selectCloud(flags, deps, warnings)
  const entry = mergeEntries(mergeEntries(selected.entry, entryFromEnv(deps.env) as Record<string, unknown>), flagEntry(flags))
  const config = toCloudConfig(selected, entry, flags, deps, warnings)
  validate(config)
  return config
}

async function selectCloud(flags: GlobalOptions, deps: ResolveDeps, warnings: string[]): Promise<Selected> {
  const {env, store} = deps
  if (flags.profile) {
    const doc = await store.load()
    const entry = doc.clouds[flags.profile]
    if (!entry) throw unknownProfile(flags.profile, Object.keys(doc.clouds))
    return {name: flags.profile, source: 'profile', entry, secretStore: entry.mrctl?.secret_store ?? 'keychain'}
  }
  const cloudName = flags.osCloud ?? env.OS_CLOUD
  if (cloudName) {
    const clouds = await deps.loadClouds()
    if (clouds) warnings.push(...clouds.warnings)
    const fromFile = clouds?.clouds[cloudName]
    if (fromFile) return {name: cloudName, source: 'clouds.yaml', entry: fromFile, path: clouds.path}
    const doc = await store.load()
    const profile = doc.clouds[cloudName]
    if (profile) return {name: cloudName, source: 'profile', entry: profile, secretStore: profile.mrctl?.secret_store ?? 'keychain'}
    const known = [...Object.keys(clouds?.clouds ?? {}), ...Object.keys(doc.clouds)]
    throw new ConfigError(`Cloud ${cloudName} was not found.`, [
      known.length ? `known clouds and profiles: ${known.join(', ')}` : 'no clouds.yaml was found and no profile exists',
      'add one with: mrctl profile import --file clouds.yaml, or mrctl profile add NAME',
    ])
  }
  if (envDefinesCloud(env) && env.OS_AUTH_URL) return {name: env.OS_CLOUD_NAME || 'envvars', source: 'env', entry: {}}
  const doc = await store.load()
  if (doc.default && doc.clouds[doc.default]) {
    const entry = doc.clouds[doc.default]
    return {name: doc.default, source: 'profile', entry, secretStore: entry.mrctl?.secret_store ?? 'keychain'}
  }
  const clouds = await deps.loadClouds()
  if (clouds) {
    warnings.push(...clouds.warnings)
    const names = Object.keys(clouds.clouds)
    if (names.length === 1) return {name: names[0], source: 'clouds.yaml', entry: clouds.clouds[names[0]], path: clouds.path}
    if (names.length > 1 && !envDefinesCloud(env)) {
      throw new ConfigError(`${clouds.path} has ${names.length} clouds and none was chosen.`, [
        `choose one with --os-cloud NAME or OS_CLOUD (${names.join(', ')})`,
        'or import one as the default profile: mrctl profile import NAME && mrctl profile use NAME',
      ])
    }
  }
  return {name: 'envvars', source: 'env', entry: {}}
}

function flagEntry(f: GlobalOptions): Record<string, unknown> {
  const auth: AuthSection = {
    auth_url: f.osAuthUrl,
    username: f.osUsername,
    password: f.osPassword,
    project_name: f.osProjectName,
    project_id: f.osProjectId,
    user_domain_name: f.osUserDomainName,
    project_domain_name: f.osProjectDomainName,
    application_credential_id: f.osApplicationCredentialId,
    application_credential_secret: f.osApplicationCredentialSecret,
    token: f.osToken,
  }
  return {
    auth,
    auth_type: f.osAuthType,
    region_name: f.osRegionName,
    interface: f.osInterface,
    cacert: f.osCacert,
    verify: f.insecure ? false : undefined,
  }
}

function normaliseAuthType(t: string | undefined, auth: AuthSection): AuthType {
  const v = t?.toLowerCase().replace(/-/g, '_')
  if (v === 'password' || v === 'v3password') return 'password'
  if (v === 'token' || v === 'v3token' || v === 'admin_token') return 'token'
  if (v === 'v3applicationcredential' || v === 'application_credential' || v === 'applicationcredential') return 'v3applicationcredential'
  if (v) throw new ConfigError(`auth type ${t} is not supported by mrctl`, ['use password, v3applicationcredential or token'])
  if (auth.application_credential_id || auth.application_credential_name) return 'v3applicationcredential'
  if (auth.username || auth.user_id) return 'password'
  if (auth.token) return 'token'
  return 'password'
}

function toCloudConfig(
  sel: Selected,
  entry: CloudEntry,
  flags: GlobalOptions,
  deps: ResolveDeps,
  warnings: string[],
): CloudConfig {
  const a = entry.auth ?? {}
  const authType = normaliseAuthType(entry.auth_type, a)
  const auth: AuthConfig = {
    authUrl: a.auth_url ?? '',
    username: a.username,
    userId: a.user_id,
    userDomainName: a.user_domain_name,
    userDomainId: a.user_domain_id,
    projectName: a.project_name ?? (entry.project_name as string | undefined),
    projectId: a.project_id ?? (entry.project_id as string | undefined),
    projectDomainName: a.project_domain_name,
    projectDomainId: a.project_domain_id,
    password: a.password,
    applicationCredentialId: a.application_credential_id,
    applicationCredentialName: a.application_credential_name,
    applicationCredentialSecret: a.application_credential_secret,
    token: a.token,
  }
  if (authType === 'password') {
    if (!auth.userDomainName && !auth.userDomainId) auth.userDomainId = 'default'
    if (!auth.projectDomainName && !auth.projectDomainId) auth.projectDomainId = 'default'
  }
  const regions = regionNames(sel.entry)
  const explicitRegion = flags.osRegionName ?? deps.env.OS_REGION_NAME
  let region: string | undefined = explicitRegion ?? regions[0]
  if (region === '') region = undefined
  if (explicitRegion && regions.length && !regions.includes(explicitRegion)) {
    throw new ConfigError(
      `Region ${explicitRegion} is not a valid region name for cloud ${sel.name}. Valid choices are ${regions.join(',')}. Please note that region names are case sensitive.`,
    )
  }
  const iface = (entry.interface ?? 'public').replace(/URL$/, '') as Interface
  if (!['public', 'internal', 'admin'].includes(iface)) {
    throw new UsageError(`interface ${entry.interface} is not one of public, internal, admin`)
  }
  const store = sel.source === 'profile' ? deps.secrets(sel.secretStore) : undefined
  const secretField = authType === 'v3applicationcredential' ? 'application_credential_secret' : 'password'
  return {
    name: sel.name,
    source: sel.source,
    sourcePath: sel.path,
    authType,
    auth,
    regions,
    region,
    interface: iface,
    cacert: entry.cacert,
    insecure: entry.verify === false || entry.insecure === true,
    endpointOverrides: endpointOverrides(entry),
    loadSecret: store ? () => store.get(sel.name, secretField) : undefined,
    warnings,
  }
}

/** `<service_type>_endpoint_override` at the cloud level and in each region's `values`. */
export function endpointOverrides(entry: CloudEntry): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {}
  const collect = (region: string, values: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(values)) {
      const m = /^(.+?)_endpoint(_override)?$/.exec(k)
      if (m && typeof v === 'string') (out[region] ??= {})[m[1].replace(/_/g, '-')] = v
    }
  }
  collect('*', entry)
  for (const r of entry.regions ?? []) if (typeof r !== 'string' && r.values) collect(r.name, r.values)
  return out
}

function validate(c: CloudConfig): void {
  const missing: string[] = []
  if (!c.auth.authUrl) missing.push('Set an authentication URL, with --os-auth-url, OS_AUTH_URL or auth.auth_url')
  if (c.authType === 'password') {
    if (!c.auth.username && !c.auth.userId) {
      missing.push('Set a username with --os-username, OS_USERNAME, or auth.username')
    }
    if (!c.auth.projectName && !c.auth.projectId) {
      missing.push('Set a project with --os-project-name, OS_PROJECT_NAME, or auth.project_name (or --os-project-id)')
    }
  }
  if (c.authType === 'v3applicationcredential') {
    if (!c.auth.applicationCredentialId && !c.auth.applicationCredentialName) {
      missing.push('Set an application credential with --os-application-credential-id or OS_APPLICATION_CREDENTIAL_ID')
    }
    if (c.auth.projectName || c.auth.projectId) {
      throw new ConfigError(
        'Application credentials cannot request a scope, but a project is set (OS_PROJECT_NAME, OS_PROJECT_ID, --os-project-* or auth.project_* in the cloud).',
        ['unset OS_PROJECT_NAME / OS_PROJECT_ID, or remove project_name/project_id from the cloud: the credential carries its own project'],
      )
    }
  }
  if (c.authType === 'token' && !c.auth.token) missing.push('Set a token with --os-token or OS_TOKEN')
  if (missing.length === 0) return
  const nothing = c.source === 'env' && !c.auth.authUrl && !c.auth.username
  throw new ConfigError(`Missing parameter(s): \n${missing.join('\n')}`, [
    nothing
      ? 'Set a cloud-name with --os-cloud or OS_CLOUD, or create a profile: mrctl profile add NAME (or mrctl profile import)'
      : `complete the ${c.source === 'env' ? 'OS_* variables' : `${c.source === 'profile' ? 'profile' : 'cloud'} ${c.name}`}`,
  ])
}

function unknownProfile(name: string, known: string[]): ConfigError {
  return new ConfigError(`Profile ${name} was not found.`, [
    known.length ? `known profiles: ${known.join(', ')}` : 'there are no profiles yet: mrctl profile add NAME or mrctl profile import',
  ])
}
