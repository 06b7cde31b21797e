/**
 * A fake Keystone v3 on a FakeServer (openstacksdk's ConnectionFixture in spirit): it answers
 * `POST /v3/auth/tokens` with an `X-Subject-Token` header and a token body whose catalog lists
 * several regions pointing at other fake servers. Expected request bodies are written out here
 * by hand, not computed by the code under test.
 */
import type {CatalogEntry} from '../../src/auth/catalog.js'
import type {CloudConfig} from '../../src/profiles/resolve.js'
import type {FakeReply, FakeServer} from './server.js'

export const USER_ID = 'u-5e2c1f6a0b7d4c3e9f8a1b2c3d4e5f60'
export const PROJECT_ID = 'p-54ff18e9a739412ab627c5fc1eaeb883'

/** service type → region → public URL. Each endpoint is also listed on `internal` at `<url>/internal`. */
export type CatalogSpec = Record<string, Record<string, string>>

export function multiRegionCatalog(spec: CatalogSpec): CatalogEntry[] {
  return Object.entries(spec).map(([type, regions]) => ({
    id: `svc-${type}`,
    type,
    name: type,
    endpoints: Object.entries(regions).flatMap(([region, url]) => [
      {id: `${type}-${region}-public`, interface: 'public', region, region_id: region, url},
      {id: `${type}-${region}-internal`, interface: 'internal', region, region_id: region, url: `${url}/internal`},
    ]),
  }))
}

export function isoIn(ms: number): string {
  return new Date(Date.now() + ms).toISOString().replace(/Z$/, '000Z')
}

export function tokenBody(catalog: CatalogEntry[], expiresAt = isoIn(12 * 3600_000)): unknown {
  return {
    token: {
      methods: ['password'],
      user: {id: USER_ID, name: 'admin', domain: {id: 'default', name: 'Default'}},
      project: {id: PROJECT_ID, name: 'admin', domain: {id: 'default', name: 'Default'}},
      roles: [
        {id: 'r1', name: 'admin'},
        {id: 'r2', name: 'member'},
      ],
      audit_ids: ['a1'],
      issued_at: new Date().toISOString(),
      expires_at: expiresAt,
      is_domain: false,
      catalog,
    },
  }
}

/** The body `openstack` sends for a password login by names in the default domain. */
export function passwordBody(username: string, password: string, project: string): unknown {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: {user: {name: username, domain: {id: 'default'}, password}},
      },
      scope: {project: {name: project, domain: {id: 'default'}}},
    },
  }
}

/**
 * Expects `tokens.length` logins with `body` on `keystone`; the n-th answers 201 with
 * `X-Subject-Token: tokens[n]` and the catalog.
 */
export function expectTokenIssue(
  keystone: FakeServer,
  opts: {body: unknown; tokens: string[]; catalog: CatalogEntry[]; expiresAt?: string},
): void {
  keystone.on({
    method: 'POST',
    path: '/v3/auth/tokens',
    token: null,
    json: opts.body,
    reply: opts.tokens.map(
      (t, i): FakeReply => ({
        status: 201,
        headers: {'X-Subject-Token': t, 'x-openstack-request-id': `req-keystone-${i + 1}`},
        json: tokenBody(opts.catalog, opts.expiresAt),
      }),
    ),
  })
}

/** A resolved password cloud pointing at the fake Keystone (what resolveCloud would give). */
export function passwordCloud(authUrl: string, over: Partial<CloudConfig> = {}): CloudConfig {
  return {
    name: 'fake',
    source: 'clouds.yaml',
    authType: 'password',
    auth: {
      authUrl,
      username: 'admin',
      password: 'Sup3r-Secret-Pa55',
      projectName: 'admin',
      userDomainId: 'default',
      projectDomainId: 'default',
    },
    regions: [],
    region: undefined,
    interface: 'public',
    insecure: false,
    endpointOverrides: {},
    warnings: [],
    ...over,
  }
}
