import type {Image} from '../clients/glance/images.js'
import type {ListView, ShowView} from './common.js'

import {formatDict, formatList} from '../output/table.js'
import {withRegion} from './common.js'

/** Table-only formatters: osc-lib's ListColumn and DictColumn (json/yaml keep real lists and dicts). */
const listColumn = (v: unknown): string => (Array.isArray(v) ? formatList(v) : String(v ?? ''))
const dictColumn = (v: unknown): string => formatDict(v)

// What python-openstackclient prints for an image (`_format_image` over openstacksdk's Image).

/** The fields `image show` prints as rows of their own; everything else goes under `properties`. */
const SHOWN = new Set([
  'status', 'name', 'container_format', 'created_at', 'size', 'disk_format', 'updated_at', 'visibility',
  'min_disk', 'protected', 'id', 'file', 'checksum', 'owner', 'virtual_size', 'min_ram', 'schema',
])

/**
 * openstacksdk's Image attributes, in its declaration order (which is the order the openstack
 * client prints inside `properties`). The keys Glance sends that the SDK does not know go where
 * its `properties` attribute sits: after `owner`, in the order Glance sent them.
 */
const SDK_BEFORE = [
  'checksum', 'container_format', 'created_at', 'disk_format', 'os_hidden', 'protected', 'os_hash_algo',
  'os_hash_value', 'min_disk', 'min_ram', 'name', 'owner',
]
const SDK_AFTER = [
  'size', 'store', 'status', 'updated_at', 'virtual_size', 'visibility', 'file', 'locations', 'direct_url', 'url',
  'metadata', 'architecture', 'hypervisor_type', 'instance_type_rxtx_factor', 'instance_uuid', 'img_config_drive',
  'kernel_id', 'os_distro', 'os_version', 'os_secure_boot', 'os_shutdown_timeout', 'ramdisk_id', 'vm_mode',
  'hw_cpu_sockets', 'hw_cpu_cores', 'hw_cpu_threads', 'hw_disk_bus', 'hw_cpu_policy', 'hw_cpu_thread_policy',
  'hw_rng_model', 'hw_machine_type', 'hw_scsi_model', 'hw_serial_port_count', 'hw_video_model', 'hw_video_ram',
  'hw_watchdog_action', 'os_command_line', 'hw_vif_model', 'hw_vif_multiqueue_enabled', 'hw_boot_menu',
  'vmware_adaptertype', 'vmware_ostype', 'auto_disk_config', 'os_type', 'os_admin_user', 'hw_qemu_guest_agent',
  'os_require_quiesce', 'schema', 'id', 'tags',
]
/** Keys that are neither rows nor properties: `self` (the SDK drops it), `location`, `properties`. */
const DROPPED = new Set(['self', 'location', 'properties', 'tags'])
const KNOWN = new Set([...SDK_BEFORE, ...SDK_AFTER, ...DROPPED])

/** The SDK's typed attributes: it converts the string Glance stores with Python's int()/float()/bool(). */
const INT_ATTRS = new Set(['size', 'os_shutdown_timeout', 'hw_cpu_sockets', 'hw_cpu_cores', 'hw_cpu_threads', 'hw_serial_port_count', 'hw_video_ram'])
const FLOAT_ATTRS = new Set(['instance_type_rxtx_factor'])
const BOOL_ATTRS = new Set(['os_hidden', 'protected', 'hw_vif_multiqueue_enabled', 'hw_boot_menu', 'os_require_quiesce'])

function sdkValue(key: string, v: unknown): unknown {
  if (typeof v === 'string') {
    // Python's bool('false') is True: a non-empty string is true. The openstack client shows that.
    if (BOOL_ATTRS.has(key)) return v !== ''
    if (INT_ATTRS.has(key) && /^\s*[+-]?\d+(_\d+)*\s*$/.test(v)) return Number.parseInt(v.replace(/_/g, ''), 10)
    if (FLOAT_ATTRS.has(key) && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  }
  if (typeof v === 'number' && BOOL_ATTRS.has(key)) return v !== 0
  return v
}

/** The `properties` dict of `image show`, keys in the openstack client's order; undefined when empty. */
export function imageProperties(img: Image): Record<string, unknown> | undefined {
  const props: Record<string, unknown> = {}
  const known = (k: string) => {
    if (SHOWN.has(k) || DROPPED.has(k)) return
    const v = img[k]
    if (v !== null && v !== undefined) props[k] = sdkValue(k, v)
  }
  for (const k of SDK_BEFORE) known(k)
  for (const [k, v] of Object.entries(img)) if (!KNOWN.has(k)) props[k] = v
  for (const k of SDK_AFTER) known(k)
  return Object.keys(props).length ? props : undefined
}

/** osc-lib's format_size: powers of 1000, one decimal, trailing zeros dropped (`10.2K`, `5M`). */
export function formatSize(size: number | null | undefined): string {
  const suffix = ['', 'K', 'M', 'G', 'T', 'P', 'E', 'Z']
  let s = size ?? 0
  let i = 0
  while (s >= 1000 && i < suffix.length - 1) {
    i++
    s /= 1000
  }
  return `${pyFixed1(s).replace(/0+$/, '').replace(/\.$/, '')}${suffix[i]}`
}

/**
 * Python's '%.1f'. It rounds the exact binary value, ties to even; toFixed rounds ties up. A tie
 * needs x*10 to end in exactly .5, i.e. x a multiple of 1/4 (10.25 → '10.2', not '10.3').
 */
function pyFixed1(x: number): string {
  const t = x * 10
  if (Number.isInteger(x * 4) && Math.abs(t % 1) === 0.5) {
    const lo = Math.floor(t)
    return ((lo % 2 === 0 ? lo : lo + 1) / 10).toFixed(1)
  }
  return x.toFixed(1)
}

/**
 * `image show` / `image create`: the fields that are not null, plus `tags` and (when not empty)
 * `properties`, sorted by name, as the openstack client prints them.
 */
export function imageShowView(img: Image, opts: {humanReadable?: boolean} = {}): ShowView {
  const info: Record<string, unknown> = {}
  for (const k of SHOWN) {
    const v = img[k]
    if (v !== null && v !== undefined) info[k] = sdkValue(k, v)
  }
  if (opts.humanReadable && 'size' in info) info.size = formatSize(info.size as number)
  info.tags = img.tags ?? []
  const props = imageProperties(img)
  if (props) info.properties = props
  const fields = Object.keys(info).sort()
  return {fields, values: fields.map((f) => info[f]), human: {tags: listColumn, properties: dictColumn}}
}

/** The object `image show -f json` prints, for `--json` results of commands that print nothing. */
export function imageShowObject(img: Image): Record<string, unknown> {
  const v = imageShowView(img)
  return Object.fromEntries(v.fields.map((f, i) => [f, v.values[i]]))
}

const SHORT = ['ID', 'Name', 'Status']
const LONG = ['ID', 'Name', 'Disk Format', 'Container Format', 'Size', 'Checksum', 'Status', 'Visibility', 'Protected', 'Project', 'Tags']

/** `image list` (and `--long`), with a Region column when several regions were listed. */
export function imageListView(items: Array<{region: string; item: Image}>, opts: {long?: boolean; regionColumn?: boolean} = {}): ListView {
  const row = opts.long
    ? (i: Image) => [
        i.id,
        i.name,
        i.disk_format,
        i.container_format,
        i.size,
        i.checksum,
        i.status,
        i.visibility,
        i.protected,
        i.owner,
        i.tags ?? [],
      ]
    : (i: Image) => [i.id, i.name, i.status]
  return {...withRegion(items, Boolean(opts.regionColumn), opts.long ? LONG : SHORT, row), human: opts.long ? {Tags: listColumn} : undefined}
}

/** One line of the upload progress bar (stderr, redrawn with `\r`): bar, percent, bytes and rate. */
export function progressLine(done: number, total: number, elapsedMs: number, width = 30): string {
  const frac = total > 0 ? Math.min(1, done / total) : 1
  const filled = Math.round(frac * width)
  const bar = `${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(width - filled)}`
  const pct = `${Math.floor(frac * 100)}%`.padStart(4)
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0
  return `[${bar}] ${pct} ${mib(done)}/${mib(total)} MiB ${mib(rate)} MiB/s`
}

function mib(n: number): string {
  return (n / 1048576).toFixed(1)
}
