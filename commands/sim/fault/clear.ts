import {Flags} from '@oclif/core'

import {MrctlCommand} from '../../../src/cli/base-command.js'

export default class SimFaultClear extends MrctlCommand<typeof SimFaultClear> {
  static override summary = 'Remove the faults (of one region, or all) and bring the regions and services that are down back'
  static override examples = ['<%= config.bin %> sim fault clear', '<%= config.bin %> sim fault clear --region RegionTwo']
  static override flags = {
    region: Flags.string({description: 'Only this region'}),
  }

  async run() {
    const [{requireRunning}, {controlCall}] = await Promise.all([import('../../../src/sim/daemon.js'), import('../../../src/sim/control-client.js')])
    const r = await controlCall<{cleared: number; up: string[]}>(await requireRunning(), 'DELETE', `/faults${this.flags.region ? `?region=${encodeURIComponent(this.flags.region)}` : ''}`)
    this.say(`${r.cleared} fault${r.cleared === 1 ? '' : 's'} cleared${r.up.length ? `; ${r.up.join(', ')} back up` : ''}`)
    return r
  }
}
