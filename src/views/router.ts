import type {Router} from '../clients/neutron/routers.js'
import type {ListView, ShowColumn, ShowView} from './common.js'

import {adminState, jsonColumn, listColumn, routesColumn, showView, withRegion} from './common.js'

/**
 * `router list`. Like OSC, Distributed and HA appear when some router reports them (admins
 * see them), and `--long` adds Availability zones when routers carry that field (OSC asks
 * for the router_availability_zone extension instead; the real Neutron has it).
 */
export function routerListView(items: Array<{region: string; item: Router}>, opts: {long?: boolean; regionColumn?: boolean} = {}): ListView {
  const routers = items.map((i) => i.item)
  const distributed = routers.some((r) => r.distributed !== undefined && r.distributed !== null)
  const ha = routers.some((r) => r.ha !== undefined && r.ha !== null)
  const azs = routers.some((r) => 'availability_zones' in r)
  const headers = ['ID', 'Name', 'Status', 'State', 'Project']
  if (distributed) headers.push('Distributed')
  if (ha) headers.push('HA')
  if (opts.long) headers.push('Routes', 'External gateway info', ...(azs ? ['Availability zones'] : []), 'Tags')
  const row = (r: Router) => {
    const cells: unknown[] = [r.id, r.name, r.status, r.admin_state_up, r.project_id ?? r.tenant_id]
    if (distributed) cells.push(r.distributed ?? null)
    if (ha) cells.push(r.ha ?? null)
    if (opts.long) cells.push(r.routes ?? null, r.external_gateway_info ?? null, ...(azs ? [r.availability_zones ?? null] : []), r.tags ?? [])
    return cells
  }
  return {
    ...withRegion(items, Boolean(opts.regionColumn), headers, row),
    human: {State: adminState, Routes: routesColumn, 'External gateway info': jsonColumn, 'Availability zones': listColumn, Tags: listColumn},
  }
}

/**
 * openstacksdk's Router attributes after OSC's column map (`is_admin_state_up` →
 * `admin_state_up`, `is_ha` → `ha`, `is_distributed` → `distributed`), `location` hidden;
 * `ha` and `distributed` are hidden too when Neutron does not report them (non-admins).
 */
const ROUTER_COLUMNS: ShowColumn[] = [
  {name: 'admin_state_up', human: adminState},
  {name: 'availability_zone_hints', human: listColumn},
  {name: 'availability_zones', human: listColumn},
  {name: 'created_at'},
  {name: 'description'},
  {name: 'enable_ndp_proxy'},
  {name: 'external_gateway_info', human: jsonColumn},
  {name: 'flavor_id'},
  {name: 'id'},
  {name: 'name'},
  {name: 'project_id', from: (r) => r.project_id ?? r.tenant_id},
  {name: 'revision_number'},
  {name: 'routes', human: routesColumn},
  {name: 'status'},
  {name: 'tags', human: listColumn, absent: []},
  {name: 'tenant_id', from: (r) => r.tenant_id ?? r.project_id},
  {name: 'updated_at'},
]

/** `router show` (with `interfaces_info`) and `router create` (without). */
export function routerShowView(r: Router & {interfaces_info?: unknown}): ShowView {
  const cols = [...ROUTER_COLUMNS]
  if (r.distributed !== undefined && r.distributed !== null) cols.push({name: 'distributed'})
  if (r.ha !== undefined && r.ha !== null) cols.push({name: 'ha'})
  if (r.interfaces_info !== undefined) cols.push({name: 'interfaces_info', human: jsonColumn})
  return showView(r, cols)
}
