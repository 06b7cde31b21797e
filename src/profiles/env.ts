import type {AuthSection, CloudEntry} from './cloud-entry.js'

/** OS_* variable → clouds.yaml auth key. */
const AUTH_VARS: Record<string, keyof AuthSection> = {
  OS_AUTH_URL: 'auth_url',
  OS_USERNAME: 'username',
  OS_USER_ID: 'user_id',
  OS_USER_DOMAIN_NAME: 'user_domain_name',
  OS_USER_DOMAIN_ID: 'user_domain_id',
  OS_PROJECT_NAME: 'project_name',
  OS_TENANT_NAME: 'project_name',
  OS_PROJECT_ID: 'project_id',
  OS_TENANT_ID: 'project_id',
  OS_PROJECT_DOMAIN_NAME: 'project_domain_name',
  OS_PROJECT_DOMAIN_ID: 'project_domain_id',
  OS_PASSWORD: 'password',
  OS_APPLICATION_CREDENTIAL_ID: 'application_credential_id',
  OS_APPLICATION_CREDENTIAL_NAME: 'application_credential_name',
  OS_APPLICATION_CREDENTIAL_SECRET: 'application_credential_secret',
  OS_TOKEN: 'token',
}

/** Variables that select rather than configure (they do not make an env-only cloud). */
const SELECTORS = new Set(['OS_CLOUD', 'OS_REGION_NAME', 'OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE', 'OS_CLOUD_NAME'])

/** The OS_* variables as a partial cloud entry (only what is set and non-empty). */
export function entryFromEnv(env: NodeJS.ProcessEnv): CloudEntry {
  const auth: AuthSection = {}
  for (const [name, key] of Object.entries(AUTH_VARS)) {
    const v = env[name]
    if (v && auth[key] === undefined) auth[key] = v
  }
  const entry: CloudEntry = {}
  if (Object.keys(auth).length) entry.auth = auth
  if (env.OS_AUTH_TYPE) entry.auth_type = env.OS_AUTH_TYPE
  if (env.OS_REGION_NAME) entry.region_name = env.OS_REGION_NAME
  if (env.OS_INTERFACE) entry.interface = env.OS_INTERFACE
  if (env.OS_CACERT) entry.cacert = env.OS_CACERT
  if (env.OS_INSECURE && /^(1|true|yes)$/i.test(env.OS_INSECURE)) entry.verify = false
  return entry
}

/** openstacksdk's rule: any OS_* variable other than the selectors makes an `envvars` cloud. */
export function envDefinesCloud(env: NodeJS.ProcessEnv): boolean {
  return Object.keys(env).some((k) => k.startsWith('OS_') && !SELECTORS.has(k) && env[k] && k in AUTH_VARS)
}
