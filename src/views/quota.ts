import type {QuotaShowResult} from '../clients/neutron/quotas.js'
import type {ShowView} from './common.js'

import {showView} from './common.js'

/**
 * Neutron's wire names → the names `openstack quota show` prints: openstacksdk's Quota
 * attributes, then OSC's NETWORK_QUOTAS renames (floating-ips, secgroup-rules, secgroups).
 */
const NAMES: Record<string, string> = {
  floatingip: 'floating-ips',
  network: 'networks',
  port: 'ports',
  rbac_policy: 'rbac_policies',
  router: 'routers',
  security_group_rule: 'secgroup-rules',
  security_group: 'secgroups',
  subnet: 'subnets',
  subnetpool: 'subnet_pools',
  healthmonitor: 'health_monitors',
  listener: 'listeners',
  loadbalancer: 'load_balancers',
  l7policy: 'l7_policies',
  pool: 'pools',
  check_limit: 'check_limit',
}

/**
 * `quota show`: the network quotas plus `project` and `project_name`, sorted (with `--default`
 * the real client prints no project fields, and neither does this). The real client
 * also prints `location`, openstacksdk's record of the *caller's* cloud, region and project
 * (even for another project's quota); it is not quota data and mrctl leaves it out.
 */
export function quotaShowView(r: QuotaShowResult): ShowView {
  const row: Record<string, unknown> = r.defaults ? {} : {project: r.project.id, project_name: r.project.name}
  for (const [k, v] of Object.entries(r.quota)) {
    if (v === null || v === undefined || k === 'project_id' || k === 'tenant_id') continue
    row[NAMES[k] ?? k] = v
  }
  return showView(
    row,
    Object.keys(row).map((name) => ({name})),
  )
}
