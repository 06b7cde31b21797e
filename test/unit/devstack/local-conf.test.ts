import {describe, expect, it} from 'vitest'

import {DEFAULT_GIT_BASE, type LocalConfOptions, renderLocalConf} from '../../../src/devstack/local-conf.js'
import {UsageError} from '../../../src/core/errors.js'

const base: LocalConfOptions = {
  node: 'central',
  regionName: 'RegionOne',
  centralRegion: 'CentralRegion',
  keystoneRegion: 'RegionOne',
  withZun: false,
  withOctavia: false,
  gitBase: DEFAULT_GIT_BASE,
}

describe('devstack local-conf', () => {
  it('writes the central node (node 1 of the guide) line by line, with the container lines', () => {
    const text = renderLocalConf({...base, hostIp: '10.250.201.24', withZun: true, password: 'stack-pass'})
    expect(text.split('\n')).toEqual([
      '# DevStack local.conf for the central node of a Tricircle multi-pod install:',
      '# Keystone, the Tricircle API and the central Neutron (CentralRegion), and RegionOne.',
      '# Written by mrctl devstack local-conf.',
      '',
      '[[local|localrc]]',
      '',
      'DATABASE_PASSWORD=stack-pass',
      'RABBIT_PASSWORD=stack-pass',
      'SERVICE_PASSWORD=stack-pass',
      'SERVICE_TOKEN=stack-pass',
      'ADMIN_PASSWORD=stack-pass',
      '',
      'HOST_IP=10.250.201.24',
      'REGION_NAME=RegionOne',
      'KEYSTONE_REGION_NAME=RegionOne',
      '',
      '# The same VxLAN range on every pod, so that a central network has the same VNI in each region.',
      'Q_ML2_PLUGIN_VXLAN_TYPE_OPTIONS=(vni_ranges=1001:2000)',
      '',
      'CENTRAL_REGION_NAME=CentralRegion',
      'TRICIRCLE_START_SERVICES=True',
      'enable_plugin tricircle https://opendev.org/openstack/tricircle',
      '',
      '# Containers: Zun, with Kuryr for their networking.',
      'enable_plugin zun https://opendev.org/openstack/zun',
      'enable_plugin zun-tempest-plugin https://opendev.org/openstack/zun-tempest-plugin',
      'enable_plugin devstack-plugin-container https://opendev.org/openstack/devstack-plugin-container',
      'enable_plugin kuryr-libnetwork https://opendev.org/openstack/kuryr-libnetwork',
      '',
      'KURYR_CAPABILITY_SCOPE=local',
      'KURYR_PROCESS_EXTERNAL_CONNECTIVITY=False',
      '',
      'disable_service horizon',
      '',
    ])
  })

  it('writes the region node (node 2) line by line: its region, the central Keystone, no Tricircle services', () => {
    const text = renderLocalConf({
      ...base,
      node: 'region',
      regionName: 'RegionTwo',
      hostIp: '10.250.201.25',
      centralHostIp: '10.250.201.24',
      withZun: true,
      withOctavia: true,
      branch: 'stable/train',
      gitBase: 'https://git.example.org/openstack/',
    })
    expect(text.split('\n')).toEqual([
      '# DevStack local.conf for the region node of a Tricircle multi-pod install:',
      '# RegionTwo, using the Keystone of the central node (10.250.201.24, RegionOne).',
      '# Written by mrctl devstack local-conf.',
      '',
      '[[local|localrc]]',
      '',
      '# No passwords here: stack.sh asks for each one. Use the same on every node (or --password).',
      '',
      'HOST_IP=10.250.201.25',
      'REGION_NAME=RegionTwo',
      'KEYSTONE_REGION_NAME=RegionOne',
      'SERVICE_HOST=$HOST_IP',
      'KEYSTONE_SERVICE_HOST=10.250.201.24',
      'KEYSTONE_AUTH_HOST=10.250.201.24',
      '',
      '# The same VxLAN range on every pod, so that a central network has the same VNI in each region.',
      'Q_ML2_PLUGIN_VXLAN_TYPE_OPTIONS=(vni_ranges=1001:2000)',
      '',
      'CENTRAL_REGION_NAME=CentralRegion',
      'TRICIRCLE_START_SERVICES=False',
      'enable_plugin tricircle https://git.example.org/openstack/tricircle stable/train',
      '',
      '# Containers: Zun, with Kuryr for their networking.',
      'enable_plugin zun https://git.example.org/openstack/zun stable/train',
      'enable_plugin zun-tempest-plugin https://git.example.org/openstack/zun-tempest-plugin stable/train',
      'enable_plugin devstack-plugin-container https://git.example.org/openstack/devstack-plugin-container stable/train',
      'enable_plugin kuryr-libnetwork https://git.example.org/openstack/kuryr-libnetwork stable/train',
      '',
      'KURYR_CAPABILITY_SCOPE=local',
      'KURYR_PROCESS_EXTERNAL_CONNECTIVITY=False',
      '',
      '# Load balancing: Octavia.',
      'enable_plugin octavia https://git.example.org/openstack/octavia stable/train',
      'ENABLED_SERVICES+=,octavia,o-cw,o-hk,o-hm,o-api',
      '',
      'disable_service horizon',
      '',
    ])
  })

  it('leaves the container lines out without --with-zun, and HOST_IP as a hint without --host-ip', () => {
    const text = renderLocalConf(base)
    expect(text).not.toContain('zun')
    expect(text).not.toContain('KURYR')
    expect(text).toContain("\n# HOST_IP=<this node's management IP> (DevStack guesses it when left out)\n")
  })

  it.each([
    [{node: 'region'}, '--node region needs --central-host-ip: the central node runs the Keystone this node uses'],
    [{centralHostIp: '10.0.0.1'}, '--central-host-ip is for --node region: the central node is this one'],
    [{regionName: 'CentralRegion'}, '--region-name CentralRegion is the central region'],
    [{regionName: 'Region One'}, '--region-name "Region One" is not a region name DevStack can use'],
    [{hostIp: '10.0.0.300'}, '--host-ip "10.0.0.300" is not an IP address'],
    [{password: 'pa ss$word'}, '--password may hold only letters, digits and . _ + = -'],
    [{node: 'region', centralHostIp: '10.0.0.1', regionName: 'RegionOne'}, "--keystone-region-name RegionOne is this node's own region"],
    [{branch: 'stable/train; rm -rf /'}, '--branch "stable/train; rm -rf /" is not a branch name'],
  ] as Array<[Partial<LocalConfOptions>, string]>)('refuses bad input with a usage error: %j', (change, message) => {
    let caught: unknown
    try {
      renderLocalConf({...base, ...change})
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(UsageError)
    expect((caught as UsageError).message).toBe(message)
    expect((caught as UsageError).exitCode).toBe(2)
  })
})
