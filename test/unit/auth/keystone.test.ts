import {afterEach, describe, expect, it} from 'vitest'

import type {AuthConfig} from '../../../src/profiles/resolve.js'

import {identityBase} from '../../../src/auth/identity-url.js'
import {authRequestBody, inspectToken, issueToken, revokeToken} from '../../../src/auth/keystone.js'
import {AuthError} from '../../../src/core/errors.js'
import {Transport} from '../../../src/http/transport.js'
import {multiRegionCatalog, passwordBody, PROJECT_ID, tokenBody, USER_ID} from '../../fakes/keystone.js'
import {fakeServerPool} from '../../fakes/server.js'

describe('authRequestBody', () => {
  it('password by names, with domains by name', () => {
    const a: AuthConfig = {authUrl: 'x', username: 'admin', userDomainName: 'Default', projectName: 'demo', projectDomainName: 'Default'}
    expect(authRequestBody('password', a, 'pw')).toEqual({
      auth: {
        identity: {methods: ['password'], password: {user: {name: 'admin', domain: {name: 'Default'}, password: 'pw'}}},
        scope: {project: {name: 'demo', domain: {name: 'Default'}}},
      },
    })
  })

  it('password with the default domain ids (what resolveCloud fills in)', () => {
    const a: AuthConfig = {authUrl: 'x', username: 'admin', userDomainId: 'default', projectName: 'admin', projectDomainId: 'default'}
    expect(authRequestBody('password', a, 'pw')).toEqual(passwordBody('admin', 'pw', 'admin'))
  })

  it('password by ids: no domain next to a user id or a project id', () => {
    const a: AuthConfig = {authUrl: 'x', userId: 'u1', userDomainId: 'default', projectId: 'p1', projectDomainId: 'default'}
    expect(authRequestBody('password', a, 'pw')).toEqual({
      auth: {identity: {methods: ['password'], password: {user: {id: 'u1', password: 'pw'}}}, scope: {project: {id: 'p1'}}},
    })
  })

  it('application credential by id: the id and secret, and NO scope', () => {
    const a: AuthConfig = {authUrl: 'x', applicationCredentialId: 'ac-1'}
    expect(authRequestBody('v3applicationcredential', a, 's3cr3t')).toEqual({
      auth: {identity: {methods: ['application_credential'], application_credential: {id: 'ac-1', secret: 's3cr3t'}}},
    })
  })

  it('application credential by name: with its user, and still NO scope', () => {
    const a: AuthConfig = {authUrl: 'x', applicationCredentialName: 'ci', username: 'bob', userDomainName: 'Default'}
    const body = authRequestBody('v3applicationcredential', a, 's') as {auth: Record<string, unknown>}
    expect(body).toEqual({
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: {name: 'ci', secret: 's', user: {name: 'bob', domain: {name: 'Default'}}},
        },
      },
    })
    expect(body.auth.scope).toBeUndefined()
  })
})

describe('identityBase', () => {
  it.each([
    ['http://k:5000', 'http://k:5000/v3'],
    ['http://k:5000/', 'http://k:5000/v3'],
    ['http://k:5000/v3', 'http://k:5000/v3'],
    ['http://k:5000/v3/', 'http://k:5000/v3'],
    ['http://k/identity', 'http://k/identity/v3'],
  ])('%s → %s', (url, want) => {
    expect(identityBase(url)).toBe(want)
  })
})

describe('issueToken, inspectToken, revokeToken against a fake Keystone', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())
  const transport = () => new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl-test'})
  const AUTH: AuthConfig = {authUrl: '', username: 'admin', userDomainId: 'default', projectName: 'admin', projectDomainId: 'default'}

  it('POSTs the body to {auth_url}/v3/auth/tokens and takes the token from X-Subject-Token', async () => {
    const k = await fakes.start('keystone')
    const catalog = multiRegionCatalog({network: {RegionOne: 'http://one:9696', RegionTwo: 'http://two:9696'}})
    k.on({
      method: 'POST',
      path: '/v3/auth/tokens',
      token: null,
      json: passwordBody('admin', 'pw', 'admin'),
      reply: {status: 201, headers: {'X-Subject-Token': 'tok-1'}, json: tokenBody(catalog, '2099-01-01T00:00:00.000000Z')},
    })
    // auth_url without /v3, as many clouds.yaml files have it
    const data = await issueToken(transport(), 'password', {...AUTH, authUrl: k.url}, 'pw')
    expect(data).toMatchObject({
      token: 'tok-1',
      expiresAt: '2099-01-01T00:00:00.000000Z',
      userId: USER_ID,
      projectId: PROJECT_ID,
      projectName: 'admin',
      roles: ['admin', 'member'],
    })
    expect(data.catalog).toEqual(catalog)
  })

  it('a 401 becomes an AuthError with Keystone\'s message and request id', async () => {
    const k = await fakes.start('keystone')
    k.on({
      method: 'POST',
      path: '/v3/auth/tokens',
      token: null,
      json: passwordBody('admin', 'wrong', 'admin'),
      reply: {
        status: 401,
        headers: {'x-openstack-request-id': 'req-abc'},
        json: {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}},
      },
    })
    const err = await issueToken(transport(), 'password', {...AUTH, authUrl: `${k.url}/v3`}, 'wrong').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AuthError)
    expect((err as AuthError).message).toBe('Keystone 401: The request you have made requires authentication. (request req-abc)')
    expect((err as AuthError).code).toBe('HTTP401')
  })

  it('an answer without X-Subject-Token is an AuthError', async () => {
    const k = await fakes.start('keystone')
    k.on({method: 'POST', path: '/v3/auth/tokens', token: null, json: passwordBody('admin', 'pw', 'admin'), reply: {status: 201, json: tokenBody([])}})
    await expect(issueToken(transport(), 'password', {...AUTH, authUrl: k.url}, 'pw')).rejects.toThrow(
      'Keystone answered without an X-Subject-Token header',
    )
  })

  it('inspectToken GETs the token with itself as subject; revokeToken DELETEs it', async () => {
    const k = await fakes.start('keystone')
    k.on({method: 'GET', path: '/v3/auth/tokens', token: 'tok-9', headers: {'x-subject-token': 'tok-9'}, reply: {json: tokenBody([])}})
    k.on({method: 'DELETE', path: '/v3/auth/tokens', token: 'admin-tok', headers: {'x-subject-token': 'tok-9'}, reply: {status: 204}})
    const data = await inspectToken(transport(), {authUrl: k.url}, 'tok-9')
    expect(data.token).toBe('tok-9')
    expect(data.userId).toBe(USER_ID)
    await revokeToken(transport(), `${k.url}/v3/`, 'admin-tok', 'tok-9')
  })
})
