import type {TokenSource} from '../http/service-client.js'
import type {Transport} from '../http/transport.js'
import type {CloudConfig} from '../profiles/resolve.js'
import type {TokenData} from './keystone.js'
import type {TokenCache} from './token-cache.js'

import {AuthError, EndpointNotFoundError} from '../core/errors.js'
import {ServiceClient} from '../http/service-client.js'
import {findEndpoint, regionsWith, serviceDisplay, versionedUrl} from './catalog.js'
import {inspectToken, issueToken} from './keystone.js'
import {identityBase} from './identity-url.js'
import {cacheKey} from './token-cache.js'

export interface SessionOptions {
  config: CloudConfig
  transport: Transport
  /** Omit to keep tokens in memory only. */
  cache?: TokenCache
  /** Asks for a missing password on a terminal; absent when prompting is not allowed. */
  promptSecret?: (label: string) => Promise<string | undefined>
  /** Told every secret this session comes to hold (a stored password, an issued token), so output can be scrubbed. */
  onSecret?: (value: string) => void
}

/** One authenticated identity: a token shared by every region behind the same Keystone. */
export class Session implements TokenSource {
  readonly config: CloudConfig
  readonly transport: Transport
  /** True once this process has asked Keystone for a new token. */
  issuedNewToken = false
  private current?: TokenData
  private inFlight?: Promise<TokenData>
  private readonly key: string

  constructor(private readonly opts: SessionOptions) {
    this.config = opts.config
    this.transport = opts.transport
    this.key = cacheKey(opts.config.authType, opts.config.auth)
  }

  async token(): Promise<string> {
    return (await this.tokenData()).token
  }

  async refresh(refused?: string): Promise<string> {
    if (this.inFlight) return (await this.inFlight).token
    if (refused !== undefined && this.current && this.current.token !== refused) return this.current.token
    this.current = undefined
    await this.opts.cache?.delete(this.key)
    return (await this.tokenData(true)).token
  }

  /** Drops the token from memory and from the cache (after a revoke). */
  async forget(): Promise<void> {
    this.current = undefined
    await this.opts.cache?.delete(this.key)
  }

  async tokenData(forceNew = false): Promise<TokenData> {
    if (this.current && !forceNew) return this.current
    this.inFlight ??= this.obtain(forceNew).finally(() => (this.inFlight = undefined))
    this.current = await this.inFlight
    return this.current
  }

  private async obtain(forceNew: boolean): Promise<TokenData> {
    const {config, cache, transport} = {...this.opts, config: this.config}
    if (config.authType === 'token') return inspectToken(transport, config.auth, config.auth.token!)
    // The cached token is bound to the secret that obtained it: the secret presented now decides.
    const secret = await this.secret()
    if (!forceNew && cache) {
      const cached = await cache.get(this.key, secret)
      if (cached) return this.holding(cached)
    }
    const data = this.holding(await issueToken(transport, config.authType, config.auth, secret))
    this.issuedNewToken = true
    await cache?.put(this.key, secret, data)
    return data
  }

  private holding(data: TokenData): TokenData {
    this.opts.onSecret?.(data.token)
    return data
  }

  private async secret(): Promise<string> {
    const c = this.config
    const isAppCred = c.authType === 'v3applicationcredential'
    const given = isAppCred ? c.auth.applicationCredentialSecret : c.auth.password
    if (given) return given
    const stored = await c.loadSecret?.()
    if (stored) {
      this.opts.onSecret?.(stored)
      return stored
    }
    const prompted = await this.opts.promptSecret?.(isAppCred ? 'Application credential secret' : `Password for ${c.auth.username ?? c.auth.userId}`)
    if (prompted) return prompted
    throw new AuthError(
      isAppCred
        ? 'No application credential secret entered, or found via --os-application-credential-secret or OS_APPLICATION_CREDENTIAL_SECRET'
        : 'No password entered, or found via --os-password or OS_PASSWORD',
      {
        actions: [
          c.source === 'profile'
            ? `store it with: mrctl profile add ${c.name} --os-password … (keychain), or set ${isAppCred ? 'OS_APPLICATION_CREDENTIAL_SECRET' : 'OS_PASSWORD'}`
            : `set ${isAppCred ? 'OS_APPLICATION_CREDENTIAL_SECRET' : 'OS_PASSWORD'}, or put it in secure.yaml`,
        ],
      },
    )
  }

  /** The versioned endpoint of a service in a region: a profile override first, then the catalog. */
  async endpoint(serviceType: string, region = this.config.region): Promise<string> {
    const override =
      (region && this.config.endpointOverrides[region]?.[serviceType]) ?? this.config.endpointOverrides['*']?.[serviceType]
    if (override) return versionedUrl(serviceType, override)
    const {catalog} = await this.tokenData()
    return versionedUrl(serviceType, findEndpoint(catalog, serviceType, region, this.config.interface))
  }

  /** Keystone itself, at the configured auth URL (identity endpoints often have no region). */
  identityClient(): ServiceClient {
    return new ServiceClient(this.transport, 'Keystone', 'identity', this.config.region ?? '', identityBase(this.config.auth.authUrl), this)
  }

  async client(serviceType: string, region = this.config.region): Promise<ServiceClient> {
    const url = await this.endpoint(serviceType, region)
    return new ServiceClient(this.transport, serviceDisplay(serviceType), serviceType, region ?? '', url, this)
  }

  /**
   * The regions a fan-out should visit for a service: the cloud's region list (or, without one,
   * every catalog region) that offers it, or has an override for it.
   */
  async regionsFor(serviceType: string): Promise<string[]> {
    const {catalog} = await this.tokenData()
    const offering = regionsWith(catalog, serviceType, this.config.interface)
    const overridden = Object.entries(this.config.endpointOverrides)
      .filter(([r, m]) => r !== '*' && m[serviceType])
      .map(([r]) => r)
    const configured = this.config.regions
    const candidates = configured.length ? configured : [...new Set([...offering, ...overridden])]
    const out = candidates.filter((r) => offering.includes(r) || overridden.includes(r))
    if (out.length === 0) {
      throw new EndpointNotFoundError(`no region of cloud ${this.config.name} offers the ${serviceType} service`, {
        actions: [offering.length ? `regions with ${serviceType}: ${offering.join(', ')}` : 'check the catalog with: mrctl catalog list'],
      })
    }
    return out
  }
}
