import type {IncomingMessage, ServerResponse} from 'node:http'

import type {TokenInfo, TokenValidator} from '../common/auth.js'
import type {AppCredential, KeystoneStore, Project, TokenRecord, User} from './store.js'

import {authToken, below, origin, readJson, requestId, type ServiceHandler, SimHttpError, sendJson, splitUrl} from '../cloud/http.js'

/**
 * The simulated Keystone v3: token issue (password, token, application credential; project scope),
 * validation (`GET`/`HEAD /v3/auth/tokens` with `X-Subject-Token`) and revocation, the catalog, and
 * the read side of projects, users, roles, regions, services and endpoints, plus a user's
 * application credentials. Bodies, headers and messages as Keystone 22 (Zed) writes them.
 */

export interface KeystoneOptions {
  store: KeystoneStore
  now: () => number
  /** Token lifetime in ms (Keystone's default 1 h; real-openstack uses 12 h). */
  tokenTtlMs?: number
  /** Called after a change worth persisting. */
  onChange?: () => void
}

const VERSION = {id: 'v3.14', status: 'stable', updated: '2020-04-07T00:00:00Z'}
const MEDIA = [{base: 'application/json', type: 'application/vnd.openstack.identity-v3+json'}]
const TITLES: Record<number, string> = {400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 500: 'Internal Server Error'}
const UNAUTHORIZED = 'The request you have made requires authentication.'

function fail(status: number, message: string): SimHttpError {
  return new SimHttpError(status, message)
}

/** Keystone's timestamps: microseconds and a Z. */
function ksTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '.000000Z')
}

export function renderKeystoneError(res: ServerResponse, err: SimHttpError, authUrl: string, reqId: string): void {
  const headers: Record<string, string> = {Vary: 'X-Auth-Token', 'x-openstack-request-id': reqId, ...err.headers}
  if (err.status === 401) headers['WWW-Authenticate'] = `Keystone uri="${authUrl}"`
  sendJson(res, err.status, {error: {code: err.status, message: err.message, title: TITLES[err.status] ?? 'Error'}}, {headers, compact: true})
}

export function createKeystone(opts: KeystoneOptions): ServiceHandler & TokenValidator & {issueFor(userName: string): string} {
  const {store} = opts
  const ttl = opts.tokenTtlMs ?? 12 * 3600_000
  const changed = () => opts.onChange?.()

  function projectRef(p: Project) {
    return {domain: {id: store.data.domain.id, name: store.data.domain.name}, id: p.id, name: p.name}
  }

  function catalogBody() {
    return store.data.catalog.map((s) => ({
      endpoints: s.endpoints.map((e) => ({id: e.id, interface: e.interface, region_id: e.region, url: e.url, region: e.region})),
      id: s.id,
      type: s.type,
      name: s.name,
    }))
  }

  function tokenBody(t: TokenRecord, withCatalog: boolean) {
    const user = store.user(t.user_id)!
    const project = t.project_id ? store.project({id: t.project_id}) : undefined
    const roles = store.data.roles.filter((r) => t.roles.includes(r.name)).map((r) => ({id: r.id, name: r.name}))
    const body: Record<string, unknown> = {
      methods: t.methods,
      user: {domain: {id: store.data.domain.id, name: store.data.domain.name}, id: user.id, name: user.name, password_expires_at: null},
      audit_ids: [t.audit_id],
      expires_at: ksTime(t.expires_at),
      issued_at: ksTime(t.issued_at),
    }
    if (project) {
      body.project = projectRef(project)
      body.is_domain = false
      body.roles = roles
      if (t.app_cred_id) {
        const cred = store.data.app_creds.find((a) => a.id === t.app_cred_id)
        if (cred) body.application_credential = {id: cred.id, name: cred.name, restricted: !cred.unrestricted}
      }
      if (withCatalog) body.catalog = catalogBody()
    }
    return {token: body}
  }

  function resolveUser(spec: unknown): User {
    const u = (spec ?? {}) as {id?: string; name?: string; domain?: {id?: string; name?: string}}
    if (u.id) {
      const user = store.user(u.id)
      if (!user) throw fail(401, UNAUTHORIZED)
      return user
    }
    if (!u.name) throw fail(400, "Invalid input for field 'identity/password/user': 'name' or 'id' is required.")
    const d = u.domain ?? {}
    const domainOk = (d.id && d.id === store.data.domain.id) || (d.name && d.name === store.data.domain.name)
    if (!domainOk) throw fail(401, UNAUTHORIZED)
    const user = store.userByName(u.name, store.data.domain.id)
    if (!user) throw fail(401, UNAUTHORIZED)
    return user
  }

  function resolveScope(scope: unknown): Project | undefined {
    if (scope === undefined || scope === null) return undefined
    const s = scope as {project?: {id?: string; name?: string; domain?: {id?: string; name?: string}}; system?: unknown; domain?: unknown}
    if (s.system !== undefined || s.domain !== undefined) throw fail(401, UNAUTHORIZED)
    const p = s.project
    if (!p) throw fail(400, "Invalid input for field 'scope': 'project' is required.")
    let project: Project | undefined
    if (p.id) project = store.project({id: p.id})
    else {
      const d = p.domain ?? {}
      const domainOk = (d.id && d.id === store.data.domain.id) || (d.name && d.name === store.data.domain.name)
      if (!domainOk || !p.name) throw fail(401, UNAUTHORIZED)
      project = store.project({name: p.name})
    }
    if (!project) throw fail(401, UNAUTHORIZED)
    return project
  }

  function authenticate(body: unknown, now: number): {id: string; record: TokenRecord} {
    const auth = (body as {auth?: {identity?: Record<string, unknown>; scope?: unknown}} | undefined)?.auth
    const identity = auth?.identity as {methods?: unknown} & Record<string, unknown> | undefined
    if (!identity || !Array.isArray(identity.methods) || identity.methods.length === 0) {
      throw fail(400, "Invalid input for field 'identity': 'methods' is a required property")
    }
    const method = String(identity.methods[0])
    let user: User
    let project: Project | undefined
    let appCred: AppCredential | undefined
    let roles: string[] | undefined
    let expires = now + ttl
    let priorMethods: string[] = []
    if (method === 'password') {
      const pw = identity.password as {user?: {password?: string}} | undefined
      user = resolveUser(pw?.user)
      if (!store.checkPassword(user, String(pw?.user?.password ?? ''))) throw fail(401, UNAUTHORIZED)
      project = resolveScope(auth?.scope)
    } else if (method === 'token') {
      const tid = String((identity.token as {id?: string} | undefined)?.id ?? '')
      const t = store.token(tid, now)
      if (!t) throw fail(404, store.known(tid) ? 'Failed to validate token' : 'Could not recognize Fernet token')
      if (t.app_cred_id) throw fail(403, 'You are not authorized to perform the requested action: Using trust or application credential tokens to create new tokens is not allowed.')
      user = store.user(t.user_id)!
      project = resolveScope(auth?.scope)
      expires = t.expires_at
      priorMethods = t.methods
    } else if (method === 'application_credential') {
      const ac = identity.application_credential as {id?: string; name?: string; secret?: string; user?: unknown} | undefined
      if (ac?.id) appCred = store.data.app_creds.find((a) => a.id === ac.id)
      else if (ac?.name) {
        const owner = resolveUser(ac.user)
        appCred = store.data.app_creds.find((a) => a.name === ac.name && a.user_id === owner.id)
      }
      if (!appCred || !store.appCredSecretMatches(appCred, String(ac?.secret ?? ''))) throw fail(401, UNAUTHORIZED)
      if (appCred.expires_at && Date.parse(appCred.expires_at) <= now) throw fail(401, UNAUTHORIZED)
      if (auth?.scope) throw fail(401, 'Application credentials cannot request a scope.')
      user = store.user(appCred.user_id)!
      project = store.project({id: appCred.project_id})
      roles = appCred.roles.filter((r) => store.rolesOn(user.id, appCred!.project_id).includes(r))
    } else {
      throw fail(401, `Attempted to authenticate with an unsupported method.`)
    }
    if (!user.enabled) throw fail(401, UNAUTHORIZED)
    if (!project && method !== 'application_credential' && auth?.scope === undefined && user.default_project_id) {
      const dflt = store.project({id: user.default_project_id})
      if (dflt && store.rolesOn(user.id, dflt.id).length) project = dflt
    }
    if (project) {
      roles ??= store.rolesOn(user.id, project.id)
      if (roles.length === 0) throw fail(401, UNAUTHORIZED)
    }
    return store.issue({
      user_id: user.id,
      project_id: project?.id,
      methods: [...new Set([...priorMethods, method])],
      roles: roles ?? [],
      issued_at: now,
      expires_at: expires,
      app_cred_id: appCred?.id,
    })
  }

  function caller(req: IncomingMessage, now: number): {token: TokenRecord; id: string} {
    const id = authToken(req)
    const t = id ? store.token(id, now) : undefined
    if (!id || !t) throw fail(401, UNAUTHORIZED)
    return {token: t, id}
  }

  function requireAdmin(t: TokenRecord, action: string): void {
    if (!t.roles.includes('admin')) throw fail(403, `You are not authorized to perform the requested action: identity:${action}.`)
  }

  function listBody(key: string, items: unknown[], self: string) {
    return {[key]: items, links: {next: null, self, previous: null}}
  }

  function projectView(p: Project, base: string) {
    return {id: p.id, name: p.name, domain_id: p.domain_id, description: p.description, enabled: p.enabled, parent_id: p.domain_id, is_domain: false, tags: [], options: {}, links: {self: `${base}/v3/projects/${p.id}`}}
  }

  function userView(u: User, base: string) {
    return {
      id: u.id,
      name: u.name,
      domain_id: u.domain_id,
      enabled: u.enabled,
      ...(u.default_project_id ? {default_project_id: u.default_project_id} : {}),
      password_expires_at: null,
      options: {},
      links: {self: `${base}/v3/users/${u.id}`},
    }
  }

  function appCredView(a: AppCredential, base: string, secret?: string) {
    const roles = store.data.roles
      .filter((r) => a.roles.includes(r.name))
      .map((r) => ({id: r.id, name: r.name, domain_id: null, description: null, options: r.immutable ? {immutable: true} : {}}))
    return {
      id: a.id,
      name: a.name,
      description: a.description,
      user_id: a.user_id,
      project_id: a.project_id,
      system: null,
      expires_at: a.expires_at,
      unrestricted: a.unrestricted,
      roles,
      ...(secret ? {secret} : {}),
      links: {self: `${base}/v3/users/${a.user_id}/application_credentials/${a.id}`},
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, reqId: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const {path: rawPath, query} = splitUrl(req)
    const path = rawPath.replace(/\/+$/, '') || '/'
    const base = origin(req)
    const now = opts.now()
    const hdr = {Vary: 'X-Auth-Token', 'x-openstack-request-id': reqId}
    const ok = (status: number, body: unknown, extra: Record<string, string> = {}) => sendJson(res, status, body, {headers: {...hdr, ...extra}})

    if (path === '/') {
      req.resume()
      return ok(300, {versions: {values: [{...VERSION, links: [{rel: 'self', href: `${base}/v3/`}], 'media-types': MEDIA}]}}, {Location: `${base}/v3/`})
    }
    if (path === '/v3') {
      req.resume()
      return ok(200, {version: {...VERSION, links: [{rel: 'self', href: `${base}/v3/`}], 'media-types': MEDIA}})
    }
    const seg = below(path, '/v3')
    if (!seg) throw fail(404, 'The resource could not be found.')

    if (seg[0] === 'auth' && seg[1] === 'tokens' && seg.length === 2) {
      if (method === 'POST') {
        const body = await readJson(req, () => fail(400, 'Invalid input for field: the body is not JSON.'))
        const {id, record} = authenticate(body, now)
        changed()
        return ok(201, tokenBody(record, !query.has('nocatalog')), {'X-Subject-Token': id})
      }
      req.resume()
      const {token: me} = caller(req, now)
      const subject = String(req.headers['x-subject-token'] ?? '')
      const t = store.token(subject, now)
      if (!t) throw fail(404, store.known(subject) ? 'Failed to validate token' : 'Could not recognize Fernet token')
      if (!me.roles.includes('admin') && !me.roles.includes('service') && me.user_id !== t.user_id) {
        throw fail(403, 'You are not authorized to perform the requested action: identity:validate_token.')
      }
      if (method === 'GET') return ok(200, tokenBody(t, !query.has('nocatalog')), {'X-Subject-Token': subject})
      if (method === 'HEAD') {
        res.writeHead(200, {...hdr, 'X-Subject-Token': subject, 'Content-Type': 'application/json', 'Content-Length': '0'})
        res.end()
        return
      }
      if (method === 'DELETE') {
        store.revoke(subject)
        changed()
        return ok(204, undefined)
      }
      throw fail(405, 'The method is not allowed for the requested URL.')
    }

    req.resume()
    const {token: me} = caller(req, now)
    if (method !== 'GET' && !(seg[0] === 'users' && seg[2] === 'application_credentials')) {
      throw fail(405, 'The method is not allowed for the requested URL.')
    }
    const self = `${base}${req.url}`
    switch (seg[0]) {
      case 'auth': {
        if (seg[1] === 'catalog') {
          if (!me.project_id) throw fail(403, 'A project-scoped token is required to produce a service catalog.')
          return ok(200, {catalog: catalogBody(), links: {self: `${base}/v3/auth/catalog`, previous: null, next: null}})
        }
        if (seg[1] === 'projects') {
          const ids = new Set(store.data.assignments.filter((a) => a.user_id === me.user_id).map((a) => a.project_id))
          return ok(200, listBody('projects', store.data.projects.filter((p) => ids.has(p.id)).map((p) => projectView(p, base)), self))
        }
        if (seg[1] === 'domains') return ok(200, listBody('domains', [], self))
        break
      }
      case 'regions': {
        const view = (r: {id: string; description: string}) => ({id: r.id, description: r.description, parent_region_id: null, links: {self: `${base}/v3/regions/${r.id}`}})
        if (seg.length === 1) return ok(200, listBody('regions', store.data.regions.map(view), self))
        const r = store.data.regions.find((x) => x.id === seg[1])
        if (!r) throw fail(404, `Could not find region: ${seg[1]}.`)
        return ok(200, {region: view(r)})
      }
      case 'services': {
        requireAdmin(me, 'list_services')
        return ok(200, listBody('services', store.data.catalog.map((s) => ({id: s.id, name: s.name, type: s.type, enabled: true, links: {self: `${base}/v3/services/${s.id}`}})), self))
      }
      case 'endpoints': {
        requireAdmin(me, 'list_endpoints')
        const rows = store.data.catalog.flatMap((s) =>
          s.endpoints.map((e) => ({id: e.id, interface: e.interface, region_id: e.region, service_id: s.id, url: e.url, enabled: true, region: e.region, links: {self: `${base}/v3/endpoints/${e.id}`}})),
        )
        const filtered = rows.filter((r) => (!query.get('interface') || r.interface === query.get('interface')) && (!query.get('region_id') || r.region_id === query.get('region_id')))
        return ok(200, listBody('endpoints', filtered, self))
      }
      case 'projects': {
        if (seg.length === 1) {
          requireAdmin(me, 'list_projects')
          const name = query.get('name')
          const list = store.data.projects.filter((p) => (name === null || p.name === name) && (!query.get('domain_id') || p.domain_id === query.get('domain_id')))
          return ok(200, listBody('projects', list.map((p) => projectView(p, base)), self))
        }
        const p = store.project({id: seg[1]})
        if (!p || (!me.roles.includes('admin') && me.project_id !== p.id)) {
          if (!me.roles.includes('admin')) throw fail(403, 'You are not authorized to perform the requested action: identity:get_project.')
          throw fail(404, `Could not find project: ${seg[1]}.`)
        }
        return ok(200, {project: projectView(p, base)})
      }
      case 'domains': {
        const d = {id: store.data.domain.id, name: store.data.domain.name, description: 'The default domain', enabled: true, tags: [], options: {}, links: {self: `${base}/v3/domains/default`}}
        if (seg.length === 1) return ok(200, listBody('domains', [d], self))
        if (seg[1] === d.id) return ok(200, {domain: d})
        throw fail(404, `Could not find domain: ${seg[1]}.`)
      }
      case 'roles': {
        const view = (r: {id: string; name: string; immutable?: boolean}) => ({id: r.id, name: r.name, domain_id: null, description: null, options: r.immutable ? {immutable: true} : {}, links: {self: `${base}/v3/roles/${r.id}`}})
        if (seg.length === 1) return ok(200, listBody('roles', store.data.roles.map(view), self))
        const r = store.data.roles.find((x) => x.id === seg[1])
        if (!r) throw fail(404, `Could not find role: ${seg[1]}.`)
        return ok(200, {role: view(r)})
      }
      case 'users':
        return users(req, res, seg, me, base, self, ok, query)
    }
    throw fail(404, 'The resource could not be found.')
  }

  async function users(
    req: IncomingMessage,
    _res: ServerResponse,
    seg: string[],
    me: TokenRecord,
    base: string,
    self: string,
    ok: (status: number, body: unknown, extra?: Record<string, string>) => void,
    query: URLSearchParams,
  ): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    if (seg.length === 1) {
      requireAdmin(me, 'list_users')
      const name = query.get('name')
      return ok(200, listBody('users', store.data.users.filter((u) => name === null || u.name === name).map((u) => userView(u, base)), self))
    }
    const user = store.user(seg[1])
    const own = me.user_id === seg[1]
    if (!own && !me.roles.includes('admin')) throw fail(403, 'You are not authorized to perform the requested action: identity:get_user.')
    if (!user) throw fail(404, `Could not find user: ${seg[1]}.`)
    if (seg.length === 2) return ok(200, {user: userView(user, base)})
    if (seg[2] === 'projects') {
      const ids = new Set(store.data.assignments.filter((a) => a.user_id === user.id).map((a) => a.project_id))
      return ok(200, listBody('projects', store.data.projects.filter((p) => ids.has(p.id)).map((p) => projectView(p, base)), self))
    }
    if (seg[2] !== 'application_credentials') throw fail(404, 'The resource could not be found.')
    if (!own) throw fail(403, 'You are not authorized to perform the requested action: identity:create_application_credential.')
    if (seg.length === 3 && method === 'POST') {
      if (me.app_cred_id) throw fail(403, 'You are not authorized to perform the requested action: Using trust or application credential tokens to create application credentials is not allowed.')
      if (!me.project_id) throw fail(401, UNAUTHORIZED)
      const body = (await readJson(req, () => fail(400, 'Invalid input: the body is not JSON.'))) as {application_credential?: Record<string, unknown>} | undefined
      const ac = body?.application_credential
      if (!ac || typeof ac.name !== 'string' || ac.name === '') throw fail(400, "Invalid input for field 'application_credential': 'name' is a required property")
      if (store.data.app_creds.some((a) => a.user_id === user.id && a.name === ac.name)) {
        throw fail(409, 'Conflict occurred attempting to store application_credential - Duplicate entry.')
      }
      const requested = Array.isArray(ac.roles) ? (ac.roles as Array<{name?: string; id?: string}>).map((r) => r.name ?? store.data.roles.find((x) => x.id === r.id)?.name ?? '') : me.roles
      const held = store.rolesOn(user.id, me.project_id)
      const missing = requested.filter((r) => !held.includes(r))
      if (missing.length) throw fail(403, `You are not authorized to perform the requested action: identity:create_application_credential.`)
      const {cred, secret} = store.createAppCredential({
        user_id: user.id,
        project_id: me.project_id,
        name: ac.name,
        description: (ac.description as string | undefined) ?? null,
        roles: requested,
        expires_at: (ac.expires_at as string | undefined) ?? null,
        unrestricted: typeof ac.unrestricted === 'boolean' ? ac.unrestricted : null,
        secret: typeof ac.secret === 'string' ? ac.secret : undefined,
      })
      changed()
      return ok(201, {application_credential: appCredView(cred, base, secret)})
    }
    if (seg.length === 3 && method === 'GET') {
      const name = query.get('name')
      return ok(200, listBody('application_credentials', store.data.app_creds.filter((a) => a.user_id === user.id && (name === null || a.name === name)).map((a) => appCredView(a, base)), self))
    }
    const cred = store.data.app_creds.find((a) => a.user_id === user.id && a.id === seg[3])
    if (!cred) throw fail(404, `Could not find Application Credential: ${seg[3]}.`)
    if (method === 'GET') return ok(200, {application_credential: appCredView(cred, base)})
    if (method === 'DELETE') {
      store.data.app_creds = store.data.app_creds.filter((a) => a !== cred)
      for (const [id, t] of Object.entries(store.data.tokens)) if (t.app_cred_id === cred.id) delete store.data.tokens[id]
      changed()
      return ok(204, undefined)
    }
    throw fail(405, 'The method is not allowed for the requested URL.')
  }

  return {
    async handle(req, res) {
      const reqId = requestId()
      try {
        await route(req, res, reqId)
      } catch (err) {
        req.resume()
        const e = err instanceof SimHttpError ? err : new SimHttpError(500, 'An unexpected error prevented the server from fulfilling your request.')
        if (!(err instanceof SimHttpError)) console.error('keystone sim:', err)
        renderKeystoneError(res, e, `${origin(req)}/v3`, reqId)
      }
    },
    async validate(token: string): Promise<TokenInfo | undefined> {
      return store.tokenInfo(token, opts.now())
    },
    /** A fresh project-scoped token for a seeded user (the sim's own service calls, tests). */
    issueFor(userName: string): string {
      const user = store.userByName(userName, store.data.domain.id)
      const projectId = user?.default_project_id ?? store.data.assignments.find((a) => a.user_id === user?.id)?.project_id
      if (!user || !projectId) throw new Error(`no user ${userName} with a project`)
      const now = opts.now()
      return store.issue({user_id: user.id, project_id: projectId, methods: ['password'], roles: store.rolesOn(user.id, projectId), issued_at: now, expires_at: now + ttl}).id
    },
  }
}
