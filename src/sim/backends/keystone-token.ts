import type {TokenProvider} from './http.js'

export interface PasswordCredentials {
  /** `http://127.0.0.1:5000` or `http://127.0.0.1:5000/v3`. */
  authUrl: string
  username: string
  password: string
  projectName: string
  userDomainName?: string
  projectDomainName?: string
  fetch?: typeof fetch
}

/**
 * A TokenProvider holding a project-scoped Keystone password token (for example the emulator's
 * admin service token). The token is reused until five minutes before it expires, or until the
 * caller asks for `{refresh: true}` after a 401. Concurrent callers share one request.
 */
export function passwordTokenProvider(creds: PasswordCredentials): TokenProvider {
  const doFetch = creds.fetch ?? fetch
  let cached: {value: string; expiresAt: number} | undefined
  let pending: Promise<string> | undefined

  async function issue(): Promise<string> {
    const base = creds.authUrl.replace(/\/+$/, '')
    const url = `${/\/v3$/.test(base) ? base : `${base}/v3`}/auth/tokens?nocatalog`
    const res = await doFetch(url, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', Accept: 'application/json'},
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: {name: creds.username, domain: {name: creds.userDomainName ?? 'Default'}, password: creds.password},
            },
          },
          scope: {project: {name: creds.projectName, domain: {name: creds.projectDomainName ?? 'Default'}}},
        },
      }),
      signal: AbortSignal.timeout(30_000),
    })
    const value = res.headers.get('x-subject-token')
    if (res.status !== 201 || !value) {
      throw new Error(`Keystone refused the service credentials of user ${creds.username} (HTTP ${res.status})`)
    }
    const body = (await res.json()) as {token?: {expires_at?: string}}
    const expiresAt = Date.parse(body.token?.expires_at ?? '') || Date.now() + 3_600_000
    cached = {value, expiresAt}
    return value
  }

  return async (opts) => {
    if (opts?.refresh) cached = undefined
    if (cached && cached.expiresAt - Date.now() > 300_000) return cached.value
    pending ??= issue().finally(() => (pending = undefined))
    return pending
  }
}
