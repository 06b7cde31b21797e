/** One cloud as `clouds.yaml` spells it (openstacksdk's keys), plus mrctl's own `mrctl:` block. */
export interface CloudEntry {
  auth_type?: string
  auth?: AuthSection
  region_name?: string
  regions?: Array<string | RegionEntry>
  interface?: string
  identity_api_version?: string | number
  cacert?: string
  verify?: boolean
  insecure?: boolean
  api_timeout?: number
  mrctl?: MrctlSection
  [key: string]: unknown
}

export interface AuthSection {
  auth_url?: string
  username?: string
  user_id?: string
  user_domain_name?: string
  user_domain_id?: string
  project_name?: string
  project_id?: string
  project_domain_name?: string
  project_domain_id?: string
  password?: string
  application_credential_id?: string
  application_credential_name?: string
  application_credential_secret?: string
  token?: string
  [key: string]: unknown
}

export interface RegionEntry {
  name: string
  values?: Record<string, unknown>
}

export interface MrctlSection {
  /** Where this profile's secret lives: the OS keychain, mrctl's 0600 secure.yaml, or nowhere (env at run time). */
  secret_store?: SecretStoreKind
}

export type SecretStoreKind = 'keychain' | 'file' | 'none'

export const SECRET_AUTH_KEYS = ['password', 'application_credential_secret', 'token'] as const

export function regionNames(entry: CloudEntry): string[] {
  if (entry.regions?.length) return entry.regions.map((r) => (typeof r === 'string' ? r : r.name))
  if (typeof entry.region_name === 'string' && entry.region_name) return entry.region_name.split(',').map((r) => r.trim())
  return []
}

/** Deep merge for plain objects; `over` wins; arrays are replaced, not merged. */
export function mergeEntries<T extends Record<string, unknown>>(base: T, over: Record<string, unknown>): T {
  const out: Record<string, unknown> = {...base}
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue
    const b = out[k]
    out[k] = isPlainObject(b) && isPlainObject(v) ? mergeEntries(b, v) : v
  }
  return out as T
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
