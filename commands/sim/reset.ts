import {MrctlCommand} from '../../src/cli/base-command.js'

export default class SimReset extends MrctlCommand<typeof SimReset> {
  static override summary = 'Empty the simulator: every resource goes; users, regions and the catalog stay'
  static override examples = ['<%= config.bin %> sim reset']

  async run() {
    const [{requireRunning}, {controlCall}] = await Promise.all([import('../../src/sim/daemon.js'), import('../../src/sim/control-client.js')])
    await controlCall(await requireRunning(), 'POST', '/reset')
    this.say('simulator reset')
    return {reset: true}
  }
}
