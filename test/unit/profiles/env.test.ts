import {describe, expect, it} from 'vitest'

import {entryFromEnv, envDefinesCloud} from '../../../src/profiles/env.js'

describe('entryFromEnv', () => {
  it('maps OS_* variables onto clouds.yaml keys', () => {
    expect(
      entryFromEnv({
        OS_AUTH_URL: 'http://k:5000/v3',
        OS_USERNAME: 'admin',
        OS_PASSWORD: 'pw',
        OS_PROJECT_NAME: 'demo',
        OS_USER_DOMAIN_NAME: 'Default',
        OS_PROJECT_DOMAIN_ID: 'default',
        OS_AUTH_TYPE: 'v3password',
        OS_REGION_NAME: 'RegionOne',
        OS_INTERFACE: 'internal',
        OS_CACERT: '/ca.pem',
        HOME: '/root',
      }),
    ).toEqual({
      auth: {
        auth_url: 'http://k:5000/v3',
        username: 'admin',
        password: 'pw',
        project_name: 'demo',
        user_domain_name: 'Default',
        project_domain_id: 'default',
      },
      auth_type: 'v3password',
      region_name: 'RegionOne',
      interface: 'internal',
      cacert: '/ca.pem',
    })
  })

  it('maps the application credential variables and OS_TOKEN', () => {
    expect(entryFromEnv({OS_APPLICATION_CREDENTIAL_ID: 'id', OS_APPLICATION_CREDENTIAL_SECRET: 's', OS_TOKEN: 't'}).auth).toEqual({
      application_credential_id: 'id',
      application_credential_secret: 's',
      token: 't',
    })
  })

  it('accepts OS_TENANT_* as aliases, OS_PROJECT_* winning', () => {
    expect(entryFromEnv({OS_TENANT_NAME: 'old', OS_TENANT_ID: 'tid'}).auth).toEqual({project_name: 'old', project_id: 'tid'})
    expect(entryFromEnv({OS_TENANT_NAME: 'old', OS_PROJECT_NAME: 'new'}).auth).toEqual({project_name: 'new'})
  })

  it('ignores empty variables', () => {
    expect(entryFromEnv({OS_USERNAME: '', OS_AUTH_TYPE: '', OS_REGION_NAME: ''})).toEqual({})
  })

  it('OS_INSECURE=true turns verification off; other values do not', () => {
    expect(entryFromEnv({OS_INSECURE: 'True'}).verify).toBe(false)
    expect(entryFromEnv({OS_INSECURE: '1'}).verify).toBe(false)
    expect(entryFromEnv({OS_INSECURE: 'false'}).verify).toBeUndefined()
  })
})

describe('envDefinesCloud', () => {
  it('is true for a configuring variable', () => {
    expect(envDefinesCloud({OS_AUTH_URL: 'http://k:5000'})).toBe(true)
    expect(envDefinesCloud({OS_PASSWORD: 'pw'})).toBe(true)
  })

  it('is false for selectors only, empty values, and unrelated variables', () => {
    expect(
      envDefinesCloud({
        OS_CLOUD: 'c',
        OS_REGION_NAME: 'r',
        OS_CLIENT_CONFIG_FILE: '/c.yaml',
        OS_CLIENT_SECURE_FILE: '/s.yaml',
        OS_CLOUD_NAME: 'n',
        OS_USERNAME: '',
        PATH: '/bin',
      }),
    ).toBe(false)
  })
})
