import {formatVersion, MAX_VERSION, MIN_VERSION} from './microversion.js'

/** The v1 entry of the version documents (zun-api.md §2.3). */
function v1Entry(hostUrl: string): Record<string, unknown> {
  return {
    id: 'v1',
    links: [{href: `${hostUrl}/v1/`, rel: 'self'}],
    status: 'CURRENT',
    max_version: formatVersion(MAX_VERSION),
    min_version: formatVersion(MIN_VERSION),
  }
}

/** `GET /`: public, and without the OpenStack-API-* headers. */
export function rootDocument(hostUrl: string): Record<string, unknown> {
  return {
    name: 'OpenStack Zun API',
    description: 'Zun is an OpenStack project which aims to provide containers service.',
    versions: [v1Entry(hostUrl)],
    default_version: v1Entry(hostUrl),
  }
}

export const V1_RESOURCES = [
  'services',
  'containers',
  'images',
  'networks',
  'hosts',
  'capsules',
  'availability_zones',
  'quotas',
  'quota_classes',
  'registries',
] as const

/** `GET /v1` and `GET /v1/`: public, with the version headers. */
export function v1Document(hostUrl: string): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    id: 'v1',
    media_types: [{base: 'application/json', type: 'application/vnd.openstack.zun.v1+json'}],
    links: [
      {href: `${hostUrl}/v1/`, rel: 'self'},
      {href: 'https://docs.openstack.org/developer/zun/dev/api-spec-v1.html', rel: 'describedby', type: 'text/html'},
    ],
  }
  for (const r of V1_RESOURCES) {
    doc[r] = [
      {href: `${hostUrl}/v1/${r}/`, rel: 'self'},
      {href: `${hostUrl}/${r}/`, rel: 'bookmark'},
    ]
  }
  return doc
}
