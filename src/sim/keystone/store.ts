import {createHash, randomBytes, timingSafeEqual} from 'node:crypto'

import type {TokenInfo} from '../common/auth.js'

import {hexId} from '../cloud/http.js'

/**
 * What the simulated Keystone remembers, as plain data (a snapshot is `JSON.stringify(data)`):
 * the Default domain, projects, users with their role assignments, the regions and catalog, the
 * application credentials and the issued tokens. Secrets are kept as salted SHA-256 hashes.
 */

export interface Project {
  id: string
  name: string
  domain_id: string
  description: string
  enabled: boolean
}

export interface User {
  id: string
  name: string
  domain_id: string
  enabled: boolean
  default_project_id?: string
  /** `salt:hex(sha256(salt + password))`. */
  password_hash: string
}

export interface Role {
  id: string
  name: string
  immutable?: boolean
}

export interface Assignment {
  user_id: string
  project_id: string
  role_id: string
}

export interface CatalogService {
  id: string
  type: string
  name: string
  endpoints: Array<{id: string; region: string; url: string; interface: 'public' | 'internal' | 'admin'}>
}

export interface AppCredential {
  id: string
  name: string
  description: string | null
  user_id: string
  project_id: string
  roles: string[]
  expires_at: string | null
  /** null when the request did not say. */
  unrestricted: boolean | null
  secret_hash: string
}

export interface TokenRecord {
  user_id: string
  project_id?: string
  methods: string[]
  roles: string[]
  issued_at: number
  expires_at: number
  audit_id: string
  app_cred_id?: string
  /** Revoked (DELETE /v3/auth/tokens): kept so validation says "Failed to validate token". */
  revoked?: boolean
}

export interface KeystoneData {
  domain: {id: string; name: string}
  projects: Project[]
  users: User[]
  roles: Role[]
  assignments: Assignment[]
  regions: Array<{id: string; description: string}>
  catalog: CatalogService[]
  app_creds: AppCredential[]
  /** Token ID → what it carries. */
  tokens: Record<string, TokenRecord>
}

/** The credentials of a seeded user, handed out once (clouds.yaml, the profile). */
export interface SeedUser {
  name: string
  password: string
  project: string
  roles: string[]
}

export const DEFAULT_ROLES = ['admin', 'member', 'reader', 'service', 'load-balancer_member', 'load-balancer_observer', 'load-balancer_admin']

function hashSecret(secret: string): string {
  const salt = randomBytes(8).toString('hex')
  return `${salt}:${createHash('sha256').update(salt + secret).digest('hex')}`
}

function secretMatches(stored: string, secret: string): boolean {
  const [salt, hex] = stored.split(':')
  const a = Buffer.from(hex, 'hex')
  const b = createHash('sha256').update(salt + secret).digest()
  return a.length === b.length && timingSafeEqual(a, b)
}

/** A random password for a seeded user: 24 URL-safe characters. */
export function newPassword(): string {
  return randomBytes(18).toString('base64url')
}

/** A Fernet-looking token ID (the length clients see from a real Keystone). */
function newTokenId(): string {
  return `gAAAAAB${randomBytes(135).toString('base64url')}`
}

export class KeystoneStore {
  constructor(readonly data: KeystoneData) {}

  /** admin (admin, member, reader on project admin) and demo (member, load-balancer_member on demo). */
  static seed(users: SeedUser[]): KeystoneStore {
    const data: KeystoneData = {
      domain: {id: 'default', name: 'Default'},
      projects: [],
      users: [],
      roles: DEFAULT_ROLES.map((name) => ({id: hexId(), name, ...(['admin', 'member', 'reader'].includes(name) ? {immutable: true} : {})})),
      assignments: [],
      regions: [],
      catalog: [],
      app_creds: [],
      tokens: {},
    }
    const store = new KeystoneStore(data)
    for (const u of users) store.addUser(u)
    return store
  }

  addUser(u: SeedUser): User {
    let project = this.data.projects.find((p) => p.name === u.project)
    if (!project) {
      project = {id: hexId(), name: u.project, domain_id: 'default', description: u.project, enabled: true}
      this.data.projects.push(project)
    }
    // keystone-manage bootstrap makes the admin user without a default project.
    const user: User = {id: hexId(), name: u.name, domain_id: 'default', enabled: true, ...(u.name === 'admin' ? {} : {default_project_id: project.id}), password_hash: hashSecret(u.password)}
    this.data.users.push(user)
    for (const roleName of u.roles) {
      const role = this.data.roles.find((r) => r.name === roleName)
      if (!role) throw new Error(`unknown role ${roleName}`)
      this.data.assignments.push({user_id: user.id, project_id: project.id, role_id: role.id})
    }
    return user
  }

  setCatalog(regions: string[], services: Array<{type: string; name: string; endpoints: Array<{region: string; url: string}>}>): void {
    this.data.regions = regions.map((id) => ({id, description: ''}))
    const old = this.data.catalog
    this.data.catalog = services.map((s) => {
      const kept = old.find((o) => o.type === s.type)
      return {
        id: kept?.id ?? hexId(),
        type: s.type,
        name: s.name,
        endpoints: s.endpoints.flatMap((e) =>
          (['public', 'internal', 'admin'] as const).map((iface) => ({id: hexId(), region: e.region, url: e.url, interface: iface})),
        ),
      }
    })
  }

  project(idOrName: {id?: string; name?: string}): Project | undefined {
    return this.data.projects.find((p) => (idOrName.id ? p.id === idOrName.id : p.name === idOrName.name))
  }

  user(id: string): User | undefined {
    return this.data.users.find((u) => u.id === id)
  }

  userByName(name: string, domainId: string): User | undefined {
    return this.data.users.find((u) => u.name === name && u.domain_id === domainId)
  }

  checkPassword(user: User, password: string): boolean {
    return user.enabled && secretMatches(user.password_hash, password)
  }

  /** Role names the user holds on a project. */
  rolesOn(userId: string, projectId: string): string[] {
    const ids = this.data.assignments.filter((a) => a.user_id === userId && a.project_id === projectId).map((a) => a.role_id)
    return this.data.roles.filter((r) => ids.includes(r.id)).map((r) => r.name)
  }

  issue(rec: Omit<TokenRecord, 'audit_id'>): {id: string; record: TokenRecord} {
    const id = newTokenId()
    const record: TokenRecord = {...rec, audit_id: randomBytes(16).toString('base64url').slice(0, 22)}
    this.data.tokens[id] = record
    return {id, record}
  }

  /** Whether Keystone issued this token (even if it is revoked or expired now). */
  known(id: string): boolean {
    return this.data.tokens[id] !== undefined
  }

  /** The token's record if it exists, is not revoked and has not expired at `now`. */
  token(id: string, now: number): TokenRecord | undefined {
    const t = this.data.tokens[id]
    if (!t || t.revoked || t.expires_at <= now) return undefined
    const user = this.user(t.user_id)
    if (!user?.enabled) return undefined
    if (t.app_cred_id && !this.data.app_creds.some((a) => a.id === t.app_cred_id)) return undefined
    return t
  }

  revoke(id: string): boolean {
    const t = this.data.tokens[id]
    if (!t) return false
    t.revoked = true
    return true
  }

  /** Drops expired tokens (keeps snapshots small). */
  sweep(now: number): void {
    for (const [id, t] of Object.entries(this.data.tokens)) if (t.expires_at <= now) delete this.data.tokens[id]
  }

  createAppCredential(o: {user_id: string; project_id: string; name: string; description?: string | null; roles: string[]; expires_at?: string | null; unrestricted?: boolean | null; secret?: string}): {cred: AppCredential; secret: string} {
    const secret = o.secret ?? randomBytes(48).toString('base64url')
    const cred: AppCredential = {
      id: hexId(),
      name: o.name,
      description: o.description ?? null,
      user_id: o.user_id,
      project_id: o.project_id,
      roles: o.roles,
      expires_at: o.expires_at ?? null,
      unrestricted: o.unrestricted ?? null,
      secret_hash: hashSecret(secret),
    }
    this.data.app_creds.push(cred)
    return {cred, secret}
  }

  appCredSecretMatches(cred: AppCredential, secret: string): boolean {
    return secretMatches(cred.secret_hash, secret)
  }

  /** What the other simulated services learn from a token (keystonemiddleware's view). */
  tokenInfo(id: string, now: number): TokenInfo | undefined {
    const t = this.token(id, now)
    if (!t) return undefined
    const user = this.user(t.user_id)!
    const project = t.project_id ? this.project({id: t.project_id}) : undefined
    return {
      userId: user.id,
      userName: user.name,
      projectId: project?.id ?? '',
      projectName: project?.name ?? '',
      roles: t.roles,
      isAdmin: t.roles.includes('admin'),
      expiresAt: new Date(t.expires_at).toISOString(),
    }
  }
}

