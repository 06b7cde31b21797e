import type {SecretStoreKind} from './cloud-entry.js'

import {MrctlError} from '../core/errors.js'
import {ensurePrivate, readIfExists, toYaml, writePrivateFile} from './files.js'
import {parseYamlCached} from './parsed-cache.js'
import {secretsFile} from './paths.js'

/** Where a profile's secret is kept. Keys are `<profile>:<field>` (field: password, application_credential_secret). */
export interface SecretStore {
  readonly kind: SecretStoreKind
  get(profile: string, field: string): Promise<string | undefined>
  set(profile: string, field: string, value: string): Promise<void>
  delete(profile: string, field: string): Promise<void>
}

const SERVICE = 'mrctl'

/** The keychain cannot be used here: no Secret Service on the session bus, no prebuilt binary… */
export class KeychainUnavailableError extends MrctlError {
  constructor(reason: string) {
    super(`the OS keychain is not available here (${reason})`, {
      actions: [
        'pass the secret at run time instead: OS_PASSWORD or OS_APPLICATION_CREDENTIAL_SECRET (or --os-password), and add the profile with --secret-store none',
        'or keep it in an OpenStack secure.yaml (~/.config/openstack/secure.yaml, mode 0600) and use --os-cloud',
        "or opt into mrctl's own 0600 file with --secret-store file",
      ],
    })
  }
}

/** The OS keychain through @napi-rs/keyring, loaded only when a secret is needed; Secret Service pinned on Linux. */
export class KeychainStore implements SecretStore {
  readonly kind = 'keychain'

  private async entry(profile: string, field: string) {
    let mod: typeof import('@napi-rs/keyring')
    try {
      mod = await import('@napi-rs/keyring')
    } catch (error) {
      throw new KeychainUnavailableError(`cannot load the keyring module: ${(error as Error).message}`)
    }
    try {
      return new mod.AsyncEntry(SERVICE, `${profile}:${field}`, {linux: {store: 'secret-service'}} as never)
    } catch (error) {
      throw new KeychainUnavailableError(firstLine(error))
    }
  }

  async get(profile: string, field: string): Promise<string | undefined> {
    const entry = await this.entry(profile, field)
    try {
      return (await entry.getPassword()) ?? undefined
    } catch (error) {
      throw new KeychainUnavailableError(firstLine(error))
    }
  }

  async set(profile: string, field: string, value: string): Promise<void> {
    const entry = await this.entry(profile, field)
    try {
      await entry.setPassword(value)
    } catch (error) {
      throw new KeychainUnavailableError(firstLine(error))
    }
  }

  async delete(profile: string, field: string): Promise<void> {
    try {
      const entry = await this.entry(profile, field)
      await entry.deletePassword()
    } catch {
      // Nothing stored, or no keychain: either way nothing is left behind.
    }
  }
}

/** mrctl's own secure.yaml (`clouds: {<profile>: {auth: {<field>: …}}}`), mode 0600; opt-in only. */
export class FileSecretStore implements SecretStore {
  readonly kind = 'file'

  constructor(
    readonly path: string = secretsFile(),
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  private async load(): Promise<{clouds: Record<string, {auth: Record<string, string>}>}> {
    await ensurePrivate(this.path, 0o600, this.warn)
    const text = await readIfExists(this.path)
    if (!text) return {clouds: {}}
    const data = (await parseYamlCached(text, this.path)) as {clouds?: Record<string, {auth: Record<string, string>}>}
    return {clouds: data?.clouds ?? {}}
  }

  async get(profile: string, field: string): Promise<string | undefined> {
    return (await this.load()).clouds[profile]?.auth?.[field]
  }

  async set(profile: string, field: string, value: string): Promise<void> {
    const doc = await this.load()
    doc.clouds[profile] ??= {auth: {}}
    doc.clouds[profile].auth[field] = value
    await writePrivateFile(this.path, await toYaml(doc))
  }

  async delete(profile: string, field: string): Promise<void> {
    const doc = await this.load()
    if (!doc.clouds[profile]?.auth?.[field]) return
    delete doc.clouds[profile].auth[field]
    if (Object.keys(doc.clouds[profile].auth).length === 0) delete doc.clouds[profile]
    await writePrivateFile(this.path, await toYaml(doc))
  }
}

export function secretStore(kind: SecretStoreKind | undefined, warn?: (message: string) => void): SecretStore | undefined {
  if (kind === 'file') return new FileSecretStore(undefined, warn)
  if (kind === 'none') return undefined
  return new KeychainStore()
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]
}
