import type {Transport} from '../http/transport.js'
import type {AuthConfig, AuthType} from '../profiles/resolve.js'
import type {CatalogEntry} from './catalog.js'

import {ApiError, AuthError} from '../core/errors.js'
import {identityBase} from './identity-url.js'

export interface TokenData {
  token: string
  expiresAt: string
  issuedAt: string
  catalog: CatalogEntry[]
  userId: string
  userName?: string
  projectId?: string
  projectName?: string
  roles: string[]
}

interface KeystoneTokenBody {
  token: {
    expires_at: string
    issued_at: string
    catalog?: CatalogEntry[]
    user: {id: string; name?: string}
    project?: {id: string; name?: string}
    roles?: Array<{name: string}>
  }
}

function domain(name?: string, id?: string): {name: string} | {id: string} | undefined {
  if (id) return {id}
  if (name) return {name}
  return undefined
}

/** The `POST /v3/auth/tokens` body for password and application-credential auth. */
export function authRequestBody(type: AuthType, a: AuthConfig, secret: string): unknown {
  if (type === 'v3applicationcredential') {
    const cred: Record<string, unknown> = {secret}
    if (a.applicationCredentialId) cred.id = a.applicationCredentialId
    else {
      cred.name = a.applicationCredentialName
      cred.user = a.userId ? {id: a.userId} : {name: a.username, domain: domain(a.userDomainName, a.userDomainId)}
    }
    return {auth: {identity: {methods: ['application_credential'], application_credential: cred}}}
  }
  const user = a.userId
    ? {id: a.userId, password: secret}
    : {name: a.username, domain: domain(a.userDomainName, a.userDomainId), password: secret}
  const project = a.projectId
    ? {id: a.projectId}
    : {name: a.projectName, domain: domain(a.projectDomainName, a.projectDomainId)}
  return {auth: {identity: {methods: ['password'], password: {user}}, scope: {project}}}
}

function tokenData(token: string, body: KeystoneTokenBody): TokenData {
  const t = body.token
  return {
    token,
    expiresAt: t.expires_at,
    issuedAt: t.issued_at,
    catalog: t.catalog ?? [],
    userId: t.user.id,
    userName: t.user.name,
    projectId: t.project?.id,
    projectName: t.project?.name,
    roles: (t.roles ?? []).map((r) => r.name),
  }
}

export async function issueToken(transport: Transport, type: AuthType, auth: AuthConfig, secret: string): Promise<TokenData> {
  try {
    const res = await transport.request({
      method: 'POST',
      url: `${identityBase(auth.authUrl)}/auth/tokens`,
      service: 'Keystone',
      json: authRequestBody(type, auth, secret),
    })
    const token = res.headers.get('x-subject-token')
    if (!token) throw new AuthError('Keystone answered without an X-Subject-Token header')
    return tokenData(token, res.data as KeystoneTokenBody)
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw new AuthError(`Keystone 401: ${error.detail}${error.requestId ? ` (request ${error.requestId})` : ''}`, {
        code: 'HTTP401',
        actions: ['check the user name, password (or application credential) and project of the cloud or profile'],
      })
    }
    throw error
  }
}

/** For token auth: the token's own data and catalog (`GET /v3/auth/tokens` with itself as subject). */
export async function inspectToken(transport: Transport, auth: AuthConfig, token: string): Promise<TokenData> {
  const res = await transport.request({
    method: 'GET',
    url: `${identityBase(auth.authUrl)}/auth/tokens`,
    service: 'Keystone',
    headers: {'X-Auth-Token': token, 'X-Subject-Token': token},
  })
  return tokenData(token, res.data as KeystoneTokenBody)
}

export async function revokeToken(transport: Transport, authUrl: string, authToken: string, token: string): Promise<void> {
  await transport.request({
    method: 'DELETE',
    url: `${identityBase(authUrl)}/auth/tokens`,
    service: 'Keystone',
    headers: {'X-Auth-Token': authToken, 'X-Subject-Token': token},
  })
}
