import {isIP} from 'node:net'

import {UsageError} from '../core/errors.js'

/**
 * A DevStack `local.conf` for one node of a Tricircle multi-pod install, following Tricircle's
 * two-node samples (node 1: Keystone, the Tricircle API and the central Neutron beside its own
 * region; node 2: another region that uses node 1's Keystone), plus the container lines of the
 * multi-region container guide and, if asked, Octavia's.
 */

export type NodeKind = 'central' | 'region'

export interface LocalConfOptions {
  node: NodeKind
  regionName: string
  centralRegion: string
  /** The region Keystone is registered in: the central node's own region. */
  keystoneRegion: string
  hostIp?: string
  centralHostIp?: string
  withZun: boolean
  withOctavia: boolean
  /** Left out: DevStack asks for each password on its first run. */
  password?: string
  /** Where the plugins are cloned from (`<gitBase>/<plugin>`). */
  gitBase: string
  /** A branch for every plugin (`stable/train`…); DevStack's default when left out. */
  branch?: string
}

export const DEFAULT_GIT_BASE = 'https://opendev.org/openstack'

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
// DevStack sources local.conf with bash and puts passwords into URLs unescaped.
const PASSWORD = /^[A-Za-z0-9._+=-]+$/

/** Every value that goes into a file bash sources is checked first: a clear usage error, no output. */
export function checkLocalConfOptions(o: LocalConfOptions): void {
  for (const [flag, v] of [
    ['--region-name', o.regionName],
    ['--central-region', o.centralRegion],
    ['--keystone-region-name', o.keystoneRegion],
  ] as const) {
    if (!NAME.test(v)) throw new UsageError(`${flag} ${JSON.stringify(v)} is not a region name DevStack can use`, ['use letters, digits, ".", "_" and "-"'])
  }
  if (o.regionName === o.centralRegion) {
    throw new UsageError(`--region-name ${o.regionName} is the central region`, [
      `each node runs a region of its own besides ${o.centralRegion} (the guide: node 1 is RegionOne, node 2 RegionTwo)`,
    ])
  }
  for (const [flag, v] of [
    ['--host-ip', o.hostIp],
    ['--central-host-ip', o.centralHostIp],
  ] as const) {
    if (v !== undefined && isIP(v) === 0) throw new UsageError(`${flag} ${JSON.stringify(v)} is not an IP address`)
  }
  if (o.node === 'region' && !o.centralHostIp) {
    throw new UsageError('--node region needs --central-host-ip: the central node runs the Keystone this node uses', [
      'e.g. --central-host-ip 10.250.201.24',
    ])
  }
  if (o.node === 'central' && o.centralHostIp) throw new UsageError('--central-host-ip is for --node region: the central node is this one')
  if (o.node === 'region' && o.keystoneRegion === o.regionName) {
    throw new UsageError(`--keystone-region-name ${o.keystoneRegion} is this node's own region`, ['give the central node\'s region (RegionOne in the guide)'])
  }
  if (o.password !== undefined && !PASSWORD.test(o.password)) {
    throw new UsageError('--password may hold only letters, digits and . _ + = -', ['DevStack puts it into database and message-queue URLs without escaping it'])
  }
  if (!/^https?:\/\/\S+$/.test(o.gitBase)) throw new UsageError(`--git-base ${JSON.stringify(o.gitBase)} is not an http(s) URL`)
  if (o.branch !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(o.branch)) throw new UsageError(`--branch ${JSON.stringify(o.branch)} is not a branch name`)
}

export function renderLocalConf(o: LocalConfOptions): string {
  checkLocalConfOptions(o)
  const plugin = (name: string) => `enable_plugin ${name} ${o.gitBase.replace(/\/+$/, '')}/${name}${o.branch ? ` ${o.branch}` : ''}`
  const central = o.node === 'central'
  const out: string[] = [
    `# DevStack local.conf for the ${central ? 'central' : 'region'} node of a Tricircle multi-pod install:`,
    central
      ? `# Keystone, the Tricircle API and the central Neutron (${o.centralRegion}), and ${o.regionName}.`
      : `# ${o.regionName}, using the Keystone of the central node (${o.centralHostIp}, ${o.keystoneRegion}).`,
    '# Written by mrctl devstack local-conf.',
    '',
    '[[local|localrc]]',
    '',
  ]
  if (o.password === undefined) {
    out.push('# No passwords here: stack.sh asks for each one. Use the same on every node (or --password).')
  } else {
    for (const v of ['DATABASE_PASSWORD', 'RABBIT_PASSWORD', 'SERVICE_PASSWORD', 'SERVICE_TOKEN', 'ADMIN_PASSWORD']) out.push(`${v}=${o.password}`)
  }
  out.push('')
  out.push(o.hostIp ? `HOST_IP=${o.hostIp}` : "# HOST_IP=<this node's management IP> (DevStack guesses it when left out)")
  out.push(`REGION_NAME=${o.regionName}`)
  if (central) {
    out.push(`KEYSTONE_REGION_NAME=${o.regionName}`)
  } else {
    out.push(`KEYSTONE_REGION_NAME=${o.keystoneRegion}`, 'SERVICE_HOST=$HOST_IP', `KEYSTONE_SERVICE_HOST=${o.centralHostIp}`, `KEYSTONE_AUTH_HOST=${o.centralHostIp}`)
  }
  out.push(
    '',
    '# The same VxLAN range on every pod, so that a central network has the same VNI in each region.',
    'Q_ML2_PLUGIN_VXLAN_TYPE_OPTIONS=(vni_ranges=1001:2000)',
    '',
    `CENTRAL_REGION_NAME=${o.centralRegion}`,
    `TRICIRCLE_START_SERVICES=${central ? 'True' : 'False'}`,
    plugin('tricircle'),
  )
  if (o.withZun) {
    out.push(
      '',
      '# Containers: Zun, with Kuryr for their networking.',
      plugin('zun'),
      plugin('zun-tempest-plugin'),
      plugin('devstack-plugin-container'),
      plugin('kuryr-libnetwork'),
      '',
      'KURYR_CAPABILITY_SCOPE=local',
      'KURYR_PROCESS_EXTERNAL_CONNECTIVITY=False',
    )
  }
  if (o.withOctavia) {
    out.push('', '# Load balancing: Octavia.', plugin('octavia'), 'ENABLED_SERVICES+=,octavia,o-cw,o-hk,o-hm,o-api')
  }
  out.push('', 'disable_service horizon', '')
  return out.join('\n')
}
