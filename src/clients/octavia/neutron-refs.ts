import type {ServiceClient} from '../../http/service-client.js'

import {find, isUuidLike} from '../../core/find.js'
import {listAll, paging} from '../../http/paginate.js'
import {OCTAVIA_LOOKUP} from './find.js'

/** The Neutron collections an Octavia flag may name, with their list path and body key. */
const COLLECTIONS = {
  subnets: {path: '/subnets', key: 'subnets'},
  networks: {path: '/networks', key: 'networks'},
  ports: {path: '/ports', key: 'ports'},
  policies: {path: '/qos/policies', key: 'policies'},
} as const

export type NeutronCollection = keyof typeof COLLECTIONS

/**
 * The Neutron ID behind `--vip-subnet-id`, `--subnet-id` and the like. python-octaviaclient looks
 * every value up in the Neutron of the load balancer's region, so an ID that only the central
 * Neutron knows (the cross-region flow: a VIP or member on a CentralRegion subnet) is refused with
 * "Unable to locate <id> in subnets". Octavia takes the ID as it is, so here an ID is passed
 * through without a lookup; only a name is looked up, with `?name=`, in the Neutron given.
 * The Neutron client is asked for lazily: no lookup, no Neutron endpoint needed.
 */
export async function resolveNeutronRef(
  network: () => Promise<ServiceClient>,
  collection: NeutronCollection,
  nameOrId: string,
): Promise<string> {
  if (isUuidLike(nameOrId)) return nameOrId
  const {path, key} = COLLECTIONS[collection]
  const list = async (name: string) => listAll<{id: string; name?: string}>(await network(), paging.links, path, {key, query: {name}})
  return (await find({resource: collection, list, messages: OCTAVIA_LOOKUP.messages}, nameOrId)).id
}
