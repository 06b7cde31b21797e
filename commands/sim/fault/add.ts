import {Flags} from '@oclif/core'

import {MrctlCommand} from '../../../src/cli/base-command.js'

export default class SimFaultAdd extends MrctlCommand<typeof SimFaultAdd> {
  static override summary = 'Make a region’s service fail: an HTTP status, a delay, or the service or whole region down (connection refused)'
  static override examples = [
    '<%= config.bin %> sim fault add --region RegionTwo --service container --method POST --status 503 --count 2',
    '<%= config.bin %> sim fault add --region RegionOne --service network --path /v2.0/ports --delay 5s',
    '<%= config.bin %> sim fault add --region RegionTwo --down',
    '<%= config.bin %> sim fault add --region RegionTwo --service container --down',
  ]
  static override flags = {
    region: Flags.string({description: 'Region (default: every region)'}),
    service: Flags.string({description: 'Service type or name: identity, network, image, load-balancer, container, tricircle (or keystone, neutron, …)'}),
    method: Flags.string({description: 'Only this HTTP method'}),
    path: Flags.string({description: 'Only paths containing this text (or matching it, with * wildcards)'}),
    status: Flags.integer({description: 'The HTTP status to answer', min: 100, max: 599}),
    count: Flags.integer({description: 'Only the next N matching requests (default: until cleared)', min: 1}),
    delay: Flags.string({description: 'Hold each matching request this long first (5s, 250ms, 1m)'}),
    down: Flags.boolean({description: 'Take the region (or only its --service) off the network (connection refused) until sim fault clear', exclusive: ['status', 'delay', 'count', 'method', 'path']}),
  }

  async run() {
    const [{requireRunning}, {controlCall}, {faultSpecFromFlags}] = await Promise.all([
      import('../../../src/sim/daemon.js'),
      import('../../../src/sim/control-client.js'),
      import('../../../src/sim/up-flags.js'),
    ])
    const spec = faultSpecFromFlags(this.flags)
    const r = await controlCall<{fault?: {id: number}; down?: string[]}>(await requireRunning(), 'POST', '/faults', spec)
    const what = spec.service ? `the ${spec.service} service of ${spec.region}` : `region ${spec.region}`
    this.say(r.fault ? `fault ${r.fault.id} added` : `${what} is down (sim fault clear brings it back)`)
    return r
  }
}
