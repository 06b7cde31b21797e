import type {IpEntry} from '../orchestration/ip-list.js'
import type {ListView} from './common.js'

const HEADERS = ['Region', 'IP Address', 'Type', 'Network', 'Subnet', 'CIDR', 'Port', 'MAC Address', 'Device Owner', 'Device ID']

function row(e: IpEntry): unknown[] {
  return [e.region, e.address, e.kind, e.networkName || e.networkId, e.subnetName || e.subnetId, e.cidr, e.portName || e.portId, e.macAddress, e.deviceOwner, e.deviceId]
}

/** `ip list`: one row per address (a port with two fixed IPs gives two rows). */
export function ipListView(entries: IpEntry[]): ListView {
  return {headers: HEADERS, rows: entries.map(row)}
}

/** `ip list --conflicts`: the addresses used in several regions, each group together. */
export function ipConflictsView(groups: IpEntry[][]): ListView {
  return {headers: HEADERS, rows: groups.flatMap((g) => g.map(row))}
}
