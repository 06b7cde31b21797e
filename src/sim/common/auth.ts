/** What an emulator knows about the caller once its token is validated. */
export interface TokenInfo {
  userId: string
  userName: string
  projectId: string
  projectName: string
  roles: string[]
  isAdmin: boolean
  expiresAt: string
}

/** Validates an X-Auth-Token. Resolves undefined for an invalid or expired token. */
export interface TokenValidator {
  validate(token: string): Promise<TokenInfo | undefined>
}

/** A fixed table of tokens, for emulator unit tests. */
export class StaticTokenValidator implements TokenValidator {
  constructor(private readonly tokens: Record<string, TokenInfo>) {}
  async validate(token: string): Promise<TokenInfo | undefined> {
    return this.tokens[token]
  }
}

export interface ServiceCredentials {
  authUrl: string
  username: string
  password: string
  projectName: string
  userDomainName?: string
  projectDomainName?: string
}

/** Where the emulator gets its own (service) token: `refresh` after Keystone refused it. */
export type ServiceTokenSource = (opts?: {refresh?: boolean}) => Promise<string>

const VALIDATION_CACHE_MS = 60_000

/**
 * Validates tokens against a real Keystone, as keystonemiddleware does: the emulator holds a
 * service token of its own and asks `GET /v3/auth/tokens` with `X-Subject-Token`.
 */
export class KeystoneTokenValidator implements TokenValidator {
  private serviceToken?: {value: string; expiresAt: number}
  private readonly cache = new Map<string, {info: TokenInfo | undefined; at: number}>()

  private readonly authUrl: string
  private readonly source?: ServiceTokenSource

  /**
   * Either service credentials, or an auth URL and a token source (the CLI session's token).
   * `now` (epoch ms) ages the validation cache; a simulated cloud passes its virtual clock.
   */
  constructor(
    private readonly creds: ServiceCredentials | {authUrl: string; tokenSource: ServiceTokenSource},
    private readonly now: () => number = Date.now,
  ) {
    this.authUrl = creds.authUrl
    if ('tokenSource' in creds) this.source = creds.tokenSource
  }

  async validate(token: string): Promise<TokenInfo | undefined> {
    const hit = this.cache.get(token)
    if (hit && this.now() - hit.at < VALIDATION_CACHE_MS) return hit.info
    let res = await this.check(token, await this.getServiceToken())
    if (res.status === 401) {
      this.serviceToken = undefined
      res = await this.check(token, await this.getServiceToken(true))
    }
    let info: TokenInfo | undefined
    if (res.ok) {
      const body = (await res.json()) as {token: KeystoneToken}
      info = toTokenInfo(body.token)
    } else if (res.status !== 404 && res.status !== 401) {
      throw new Error(`Keystone answered ${res.status} while validating a token`)
    }
    this.cache.set(token, {info, at: this.now()})
    return info
  }

  private async check(token: string, serviceToken: string): Promise<Response> {
    return fetch(`${identityBase(this.authUrl)}/auth/tokens`, {
      headers: {'X-Auth-Token': serviceToken, 'X-Subject-Token': token, Accept: 'application/json'},
    })
  }

  private async getServiceToken(refresh = false): Promise<string> {
    if (this.source) return this.source({refresh})
    if (this.serviceToken && this.serviceToken.expiresAt - this.now() > 300_000) return this.serviceToken.value
    const c = this.creds as ServiceCredentials
    const res = await fetch(`${identityBase(c.authUrl)}/auth/tokens?nocatalog`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {user: {name: c.username, domain: {name: c.userDomainName ?? 'Default'}, password: c.password}},
          },
          scope: {project: {name: c.projectName, domain: {name: c.projectDomainName ?? 'Default'}}},
        },
      }),
    })
    const value = res.headers.get('x-subject-token')
    if (res.status !== 201 || !value) throw new Error(`the emulator could not authenticate to Keystone (HTTP ${res.status})`)
    const body = (await res.json()) as {token: KeystoneToken}
    this.serviceToken = {value, expiresAt: Date.parse(body.token.expires_at)}
    return value
  }
}

interface KeystoneToken {
  expires_at: string
  user: {id: string; name: string}
  project?: {id: string; name: string}
  roles?: Array<{name: string}>
}

function toTokenInfo(t: KeystoneToken): TokenInfo {
  const roles = (t.roles ?? []).map((r) => r.name)
  return {
    userId: t.user.id,
    userName: t.user.name,
    projectId: t.project?.id ?? '',
    projectName: t.project?.name ?? '',
    roles,
    isAdmin: roles.includes('admin'),
    expiresAt: t.expires_at,
  }
}

/** `http://h:5000` or `http://h:5000/v3/` → `http://h:5000/v3`. */
export function identityBase(authUrl: string): string {
  const trimmed = authUrl.replace(/\/+$/, '')
  return /\/v3$/.test(trimmed) ? trimmed : `${trimmed}/v3`
}
