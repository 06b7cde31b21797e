import type {CloudEntry, RegionEntry, SecretStoreKind} from './cloud-entry.js'
import type {SecretStore} from './secrets.js'
import type {ProfileStore} from './store.js'

import {ConfigError, UsageError} from '../core/errors.js'
import {SECRET_AUTH_KEYS, regionNames} from './cloud-entry.js'
import {withFileLock} from './lock.js'

export interface ProfileSecret {
  field: 'password' | 'application_credential_secret'
  value: string
}

/** `RegionOne:container=http://127.0.0.1:9517/v1` → region values entry. */
export function parseEndpointOverride(spec: string): {region: string; service: string; url: string} {
  const m = /^([^:=]+):([a-z][a-z0-9_-]*)=(https?:\/\/.+)$/i.exec(spec)
  if (!m) {
    throw new UsageError(`--endpoint ${spec} is not REGION:SERVICE=URL`, [
      'for example: --endpoint RegionOne:container=http://127.0.0.1:9517/v1',
    ])
  }
  return {region: m[1], service: m[2], url: m[3]}
}

/** Regions as a clouds.yaml `regions:` list: CentralRegion first, overrides in each region's `values`. */
export function buildRegions(names: string[], overrides: Array<{region: string; service: string; url: string}>): Array<string | RegionEntry> {
  const all = [...new Set([...names, ...overrides.map((o) => o.region)])]
  all.sort((a, b) => Number(b === 'CentralRegion') - Number(a === 'CentralRegion'))
  return all.map((name) => {
    const mine = overrides.filter((o) => o.region === name)
    if (mine.length === 0) return name
    const values: Record<string, string> = {}
    for (const o of mine) values[`${o.service.replace(/-/g, '_')}_endpoint_override`] = o.url
    return {name, values}
  })
}

/**
 * Checks that the secret store can be used before anything is asked or written: with no keychain
 * (a headless machine), `profile add` says so up front instead of prompting for everything first.
 * A read of a key nobody writes is the probe; it fails the way a write would.
 */
export async function checkSecretStore(secrets: SecretStore | undefined): Promise<void> {
  if (secrets?.kind === 'keychain') await secrets.get('mrctl-probe', 'password')
}

/** Takes the secrets out of an entry (they go to a secret store, never to profiles.yaml). */
export function splitSecrets(entry: CloudEntry): {entry: CloudEntry; secret?: ProfileSecret} {
  const auth = {...entry.auth}
  let secret: ProfileSecret | undefined
  if (auth.application_credential_secret) secret = {field: 'application_credential_secret', value: auth.application_credential_secret}
  else if (auth.password) secret = {field: 'password', value: auth.password}
  for (const k of SECRET_AUTH_KEYS) delete auth[k]
  return {entry: {...entry, auth}, secret}
}

/**
 * Saves a profile and its secret. The secret is stored first: if the store fails, nothing is
 * written; if the profile write fails, the secret is removed again.
 */
export async function saveProfile(
  store: ProfileStore,
  secrets: SecretStore | undefined,
  name: string,
  entry: CloudEntry,
  secret: ProfileSecret | undefined,
  opts: {overwrite?: boolean; makeDefault?: boolean; secretStore: SecretStoreKind},
): Promise<void> {
  validateName(name)
  await withFileLock(lockPath(store), async () => {
    const doc = await store.load()
    if (doc.clouds[name] && !opts.overwrite) {
      throw new ConfigError(`profile ${name} already exists`, [`replace it with --force, or remove it first: mrctl profile remove ${name}`])
    }
    if (secret && !secrets) {
      // --secret-store none: the secret is not kept; it must come from the environment at run time.
      secret = undefined
    }
    const stored = {...entry, mrctl: {...entry.mrctl, secret_store: opts.secretStore}}
    if (secret && secrets) await secrets.set(name, secret.field, secret.value)
    try {
      doc.clouds[name] = stored
      if (opts.makeDefault || !doc.default) doc.default = name
      await store.save(doc)
    } catch (error) {
      if (secret && secrets) await secrets.delete(name, secret.field)
      throw error
    }
  })
}

export async function removeProfile(store: ProfileStore, secrets: (k: SecretStoreKind | undefined) => SecretStore | undefined, name: string): Promise<void> {
  await withFileLock(lockPath(store), async () => {
    const doc = await store.load()
    const entry = doc.clouds[name]
    if (!entry) throw unknownProfile(name, Object.keys(doc.clouds))
    const s = secrets(entry.mrctl?.secret_store ?? 'keychain')
    if (s) for (const field of ['password', 'application_credential_secret']) await s.delete(name, field)
    delete doc.clouds[name]
    if (doc.default === name) doc.default = undefined
    await store.save(doc)
  })
}

export async function useProfile(store: ProfileStore, name: string): Promise<void> {
  await withFileLock(lockPath(store), async () => {
    const doc = await store.load()
    if (!doc.clouds[name]) throw unknownProfile(name, Object.keys(doc.clouds))
    doc.default = name
    await store.save(doc)
  })
}

/** One lock for profiles.yaml and the secret files beside it. */
function lockPath(store: ProfileStore): string {
  return `${store.path}.lock`
}

export function unknownProfile(name: string, known: string[]): ConfigError {
  return new ConfigError(`Profile ${name} was not found.`, [
    known.length ? `known profiles: ${known.join(', ')}` : 'there are no profiles yet: mrctl profile add NAME, or mrctl profile import',
  ])
}

function validateName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new UsageError(`profile name ${JSON.stringify(name)} is not valid`, ['use letters, digits, ".", "_" and "-", starting with a letter or digit'])
  }
}

/** One row per profile for `profile list`. */
export function profileRows(doc: {default?: string; clouds: Record<string, CloudEntry>}): unknown[][] {
  return Object.entries(doc.clouds).map(([name, e]) => [
    name,
    doc.default === name,
    e.auth?.auth_url ?? '',
    e.auth?.project_name ?? e.auth?.project_id ?? '',
    e.auth?.username ?? e.auth?.application_credential_id ?? '',
    regionNames(e),
  ])
}

/** `profile show`: the entry flattened to `auth.<key>` fields as `openstack configuration show` does, secrets masked. */
export function profileFields(name: string, e: CloudEntry, isDefault: boolean): {fields: string[]; values: unknown[]} {
  const fields: string[] = ['name', 'default']
  const values: unknown[] = [name, isDefault]
  const secretField = e.auth_type?.includes('application') || e.auth?.application_credential_id ? 'application_credential_secret' : 'password'
  const store = e.mrctl?.secret_store ?? 'keychain'
  const flat: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(e.auth ?? {})) flat[`auth.${k}`] = v
  flat[`auth.${secretField}`] = store === 'none' ? '<from the environment>' : '<redacted>'
  for (const [k, v] of Object.entries(e)) if (k !== 'auth' && k !== 'regions' && k !== 'mrctl') flat[k] = v
  flat.regions = regionNames(e)
  const overrides: string[] = []
  for (const r of e.regions ?? []) {
    if (typeof r === 'string' || !r.values) continue
    for (const [k, v] of Object.entries(r.values)) overrides.push(`${r.name}:${k.replace(/_endpoint(_override)?$/, '').replace(/_/g, '-')}=${String(v)}`)
  }
  if (overrides.length) flat.endpoint_overrides = overrides
  flat.secret_store = store
  for (const k of Object.keys(flat).sort()) {
    fields.push(k)
    values.push(flat[k])
  }
  return {fields, values}
}

/** `profile export`: a clouds.yaml document `openstack --os-cloud NAME` accepts (no secret in it). */
export function exportDocument(name: string, e: CloudEntry): {clouds: Record<string, CloudEntry>} {
  const {mrctl: _mrctl, ...rest} = e
  return {clouds: {[name]: {...rest, identity_api_version: rest.identity_api_version ?? 3}}}
}
