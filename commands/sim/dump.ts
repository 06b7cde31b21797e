import {Flags} from '@oclif/core'

import {MrctlCommand} from '../../src/cli/base-command.js'

export default class SimDump extends MrctlCommand<typeof SimDump> {
  static override summary = 'Print what the simulator holds, per region and service (YAML; --json for scripts)'
  static override examples = ['<%= config.bin %> sim dump', '<%= config.bin %> sim dump --region RegionOne --service network']
  static override flags = {
    region: Flags.string({description: 'Only this region'}),
    service: Flags.string({description: 'Only this service type', options: ['identity', 'network', 'image', 'load-balancer', 'container', 'tricircle']}),
  }

  async run() {
    const [{requireRunning}, {controlCall}, {toYaml}] = await Promise.all([
      import('../../src/sim/daemon.js'),
      import('../../src/sim/control-client.js'),
      import('../../src/profiles/files.js'),
    ])
    const q = new URLSearchParams()
    if (this.flags.region) q.set('region', this.flags.region)
    if (this.flags.service) q.set('service', this.flags.service)
    const dump = await controlCall(await requireRunning(), 'GET', `/dump${q.size ? `?${q}` : ''}`)
    if (!this.jsonEnabled()) process.stdout.write(Object.keys(dump).length ? await toYaml(dump) : 'nothing\n')
    return dump
  }
}
