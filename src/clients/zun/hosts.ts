import type {ServiceClient} from '../../http/service-client.js'
import type {ZunPageOptions} from './common.js'

import {pathSegment} from '../../http/service-client.js'
import {adminOnly, commonFilters, listZun, zunGet} from './common.js'

// --- types: the compute host as Zun returns it (1.4+, admin only) ---
export interface ZunHost {
  uuid: string
  hostname: string
  mem_total?: number
  cpus?: number
  disk_total?: number
  total_containers?: number
  architecture?: string
  os_type?: string
  os?: string
  kernel_version?: string
  labels?: Record<string, string>
  mem_used?: number
  cpu_used?: number
  disk_used?: number
  disk_quota_supported?: boolean
  runtimes?: string[]
  /** 1.29+ */
  enable_cpu_pinning?: boolean
  links?: Array<{href: string; rel: string}>
  [key: string]: unknown
}

// --- paths ---
/** The collection keeps zunclient's trailing slash: `/v1/hosts/`. */
const root = () => '/hosts/'
const item = (id: string) => `/hosts/${pathSegment('host', id)}`

// --- verbs ---
export async function listHosts(c: ServiceClient, p: ZunPageOptions = {}): Promise<ZunHost[]> {
  const query = commonFilters(p)
  return adminOnly(listZun<ZunHost>(c, root(), 'hosts', query, p.limit))
}

/** By UUID or hostname (the server resolves either). */
export async function getHost(c: ServiceClient, hostOrId: string): Promise<ZunHost> {
  const path = item(hostOrId)
  return adminOnly(zunGet<ZunHost>(c, path))
}
