import {Flags} from '@oclif/core'

import {MrctlCommand} from '../../src/cli/base-command.js'

export default class DevstackLocalConf extends MrctlCommand<typeof DevstackLocalConf> {
  static override summary = 'Print (or write) the DevStack local.conf of one node of a Tricircle multi-pod install'
  static override description = `The region settings of Tricircle's two-node samples: the central node runs Keystone, the
Tricircle API and the central Neutron (--central-region) besides its own region; a region node
runs another region and uses the central node's Keystone (--central-host-ip). --with-zun adds the
container lines of the multi-region container guide (Zun, Kuryr), --with-octavia Octavia's.
Without --password, DevStack asks for each password on its first run (use the same on every node).
--output writes the file (mode 0600 when it holds the password) and never overwrites one without --force.`
  static override examples = [
    '<%= config.bin %> devstack local-conf --node central --region-name RegionOne --host-ip 10.250.201.24 --with-zun',
    '<%= config.bin %> devstack local-conf --node region --region-name RegionTwo --host-ip 10.250.201.25 --central-host-ip 10.250.201.24 --with-zun --output local.conf',
  ]
  static override flags = {
    node: Flags.string({description: 'central: Keystone, Tricircle and the central Neutron, plus its region; region: another region', options: ['central', 'region'], required: true}),
    'region-name': Flags.string({description: "This node's region (REGION_NAME)", helpValue: '<region>', required: true}),
    'central-region': Flags.string({description: 'The central region (CENTRAL_REGION_NAME)', helpValue: '<region>', default: 'CentralRegion'}),
    'keystone-region-name': Flags.string({
      description: "The region Keystone is registered in: the central node's region (region node only; KEYSTONE_REGION_NAME)",
      helpValue: '<region>',
      default: 'RegionOne',
    }),
    'host-ip': Flags.string({description: "This node's management IP (HOST_IP)", helpValue: '<ip>'}),
    'central-host-ip': Flags.string({description: "The central node's IP (region node: KEYSTONE_SERVICE_HOST, KEYSTONE_AUTH_HOST)", helpValue: '<ip>'}),
    'with-zun': Flags.boolean({description: 'Add Zun and Kuryr (the container guide)'}),
    'with-octavia': Flags.boolean({description: 'Add Octavia'}),
    password: Flags.string({description: 'One password for the database, RabbitMQ, the services and admin (else stack.sh asks)', helpValue: '<password>'}),
    'git-base': Flags.string({description: 'Where the DevStack plugins are cloned from', helpValue: '<url>', default: 'https://opendev.org/openstack'}),
    branch: Flags.string({description: 'Branch of every plugin (e.g. stable/train)', helpValue: '<branch>'}),
    output: Flags.string({char: 'o', description: 'Write to this file instead of printing', helpValue: '<file>'}),
    force: Flags.boolean({description: 'With --output: overwrite an existing file', dependsOn: ['output']}),
  }

  async run() {
    const [{renderLocalConf}, {writeOutputFile}] = await Promise.all([import('../../src/devstack/local-conf.js'), import('../../src/devstack/files.js')])
    const f = this.flags
    this.secrets.push(f.password)
    const content = renderLocalConf({
      node: f.node as 'central' | 'region',
      regionName: f['region-name'],
      centralRegion: f['central-region'],
      keystoneRegion: f.node === 'central' ? f['region-name'] : f['keystone-region-name'],
      hostIp: f['host-ip'],
      centralHostIp: f['central-host-ip'],
      withZun: f['with-zun'],
      withOctavia: f['with-octavia'],
      password: f.password,
      gitBase: f['git-base'],
      branch: f.branch,
    })
    if (f.output) {
      await writeOutputFile(f.output, content, {force: f.force, mode: f.password ? 0o600 : 0o644, flag: '--output'})
      if (!this.jsonEnabled()) process.stderr.write(`Wrote ${f.output}\n`)
    } else if (!this.jsonEnabled()) process.stdout.write(content)
    // Written to a file, the content (and its password) is not echoed in the --json result.
    return f.output ? {node: f.node, regionName: f['region-name'], output: f.output} : {node: f.node, regionName: f['region-name'], content}
  }
}
