import {createHash} from 'node:crypto'

import {describe, expect, it} from 'vitest'

import {hashSecret, redactBodyText, redactHeaders, redactJson, scrub, scrubDeep, urlSecrets} from '../../../src/http/redact.js'

const sha = (s: string) => `{SHA256}${createHash('sha256').update(s).digest('hex')}`

describe('hashSecret and redactHeaders', () => {
  it('hashes as keystoneauth shows tokens', () => {
    expect(hashSecret('gAAAAAB-token')).toBe(sha('gAAAAAB-token'))
    expect(hashSecret('a')).toMatch(/^\{SHA256\}[0-9a-f]{64}$/)
  })

  it('hashes the token headers whatever their case, and keeps the others', () => {
    expect(
      redactHeaders({
        'X-Auth-Token': 'tok-a',
        'x-subject-token': 'tok-b',
        'X-Service-Token': 'tok-c',
        Authorization: 'Bearer tok-d',
        Accept: 'application/json',
        'OpenStack-API-Version': 'container 1.40',
      }),
    ).toEqual({
      'X-Auth-Token': sha('tok-a'),
      'x-subject-token': sha('tok-b'),
      'X-Service-Token': sha('tok-c'),
      Authorization: sha('Bearer tok-d'),
      Accept: 'application/json',
      'OpenStack-API-Version': 'container 1.40',
    })
  })
})

describe('redactJson', () => {
  it('masks the password and app-cred secret of a Keystone auth body, nested, without touching the input', () => {
    const body = {
      auth: {
        identity: {
          methods: ['password', 'application_credential'],
          password: {user: {name: 'admin', domain: {id: 'default'}, password: 'pw-1'}},
          application_credential: {id: 'ac-1', secret: 'sec-1'},
        },
        scope: {project: {name: 'demo', domain: {id: 'default'}}},
      },
    }
    const copy = structuredClone(body)
    expect(redactJson(body)).toEqual({
      auth: {
        identity: {
          methods: ['password', 'application_credential'],
          password: {user: {name: 'admin', domain: {id: 'default'}, password: '***'}},
          application_credential: {id: 'ac-1', secret: '***'},
        },
        scope: {project: {name: 'demo', domain: {id: 'default'}}},
      },
    })
    expect(body).toEqual(copy)
  })

  it('masks secrets inside arrays and keeps other values', () => {
    expect(redactJson([{token: 'abc', name: 'n', n: 1}, {application_credential_secret: 's', ok: true, list: [null]}])).toEqual([
      {token: '***', name: 'n', n: 1},
      {application_credential_secret: '***', ok: true, list: [null]},
    ])
  })

  it('masks keys that merely contain password or secret', () => {
    const out = JSON.stringify(
      redactJson({
        user: {password: 'new-pw', original_password: 'old-pw'},
        server: {adminPass: 'nova-pw'},
        oauth: {client_secret: 'cs'},
      }),
    )
    for (const s of ['new-pw', 'old-pw', 'nova-pw', '"cs"']) expect(out).not.toContain(s)
  })

  it('masks *_token keys but keeps ordinary keys that mention tokens elsewhere', () => {
    expect(redactJson({auth_token: 'a', access_token: 'b', id_token: 'c', token_type: 'Bearer', name: 'tokenizer'})).toEqual({
      auth_token: '***',
      access_token: '***',
      id_token: '***',
      token_type: 'Bearer',
      name: 'tokenizer',
    })
  })
})

describe('redactBodyText', () => {
  it('redacts a JSON text', () => {
    expect(redactBodyText('{"auth":{"identity":{"password":{"user":{"password":"pw"}}}}}')).toBe(
      '{"auth":{"identity":{"password":{"user":{"password":"***"}}}}}',
    )
  })

  it('masks password= and token: pairs in a short non-JSON text', () => {
    const out = redactBodyText('user=admin password=hunter2 token: abcdef')
    expect(out).not.toContain('hunter2')
    expect(out).not.toContain('abcdef')
    expect(out).toContain('user=admin')
  })

  it('shows only the size of a long non-JSON body, and nothing for an empty one', () => {
    expect(redactBodyText('x'.repeat(2001))).toBe('<2001 bytes>')
    expect(redactBodyText('')).toBe('')
  })
})

describe('scrub', () => {
  it('removes known secret values from text, ignoring very short or missing ones', () => {
    expect(scrub('login admin:pw-long failed, pw-long rejected; ab', ['pw-long', undefined, 'ab'])).toBe(
      'login admin:*** failed, *** rejected; ab',
    )
  })
})

describe('scrub: one list for every line (issue 8: secrets echoed by a server leaked)', () => {
  const token = 'gAAAAABn-issued-token-0123456789'
  it('masks the password of any user:password URL, known or not', () => {
    expect(scrub('cannot reach http://admin:s3cr%40t@127.0.0.1:5000/v3 (ECONNREFUSED)', [])).toBe('cannot reach http://admin:***@127.0.0.1:5000/v3 (ECONNREFUSED)')
    expect(scrub('see https://u:p@h/x and http://h/y', [])).toBe('see https://u:***@h/x and http://h/y')
  })

  it('masks a longer secret whole even when a shorter one is inside it', () => {
    expect(scrub(`bad token ${token}`, ['0123', token])).toBe('bad token ***')
  })

  it('scrubDeep masks every string of an envelope, keys and non-strings untouched', () => {
    const envelope = {status: 1, message: `Neutron 401: token ${token} expired`, actions: [`retry ${token}`], data: {ids: [token], n: 3, ok: true}, warnings: []}
    expect(scrubDeep(envelope, [token])).toEqual({status: 1, message: 'Neutron 401: token *** expired', actions: ['retry ***'], data: {ids: ['***'], n: 3, ok: true}, warnings: []})
    expect(envelope.message).toContain(token)
  })

  it('urlSecrets gives the password of a URL as written and decoded', () => {
    expect(urlSecrets('http://admin:s3cr%40t@h:5000/v3')).toEqual(['s3cr%40t', 's3cr@t'])
    expect(urlSecrets('http://h:5000/v3')).toEqual([])
    expect(urlSecrets('not a url')).toEqual([])
  })
})
