import type {ServiceClient} from '../../http/service-client.js'

export interface Region {
  id: string
  description: string
  parent_region_id: string | null
}

export async function listRegions(c: ServiceClient): Promise<Region[]> {
  return (await c.get<{regions: Region[]}>('/regions')).regions
}
