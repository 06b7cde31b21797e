import type {ServiceClient} from '../../http/service-client.js'

import {zunGet} from './common.js'

// --- types ---
export interface ZunAvailabilityZone {
  availability_zone: string
  [key: string]: unknown
}

// --- verbs ---
/** `GET /v1/availability_zones` → `{"availability_zones": [{"availability_zone": "nova"}]}`. */
export async function listAvailabilityZones(c: ServiceClient): Promise<ZunAvailabilityZone[]> {
  const body = await zunGet<{availability_zones?: ZunAvailabilityZone[]}>(c, '/availability_zones')
  return body?.availability_zones ?? []
}
