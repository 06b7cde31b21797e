import {MrctlCommand} from '../../src/cli/base-command.js'

export default class SimStop extends MrctlCommand<typeof SimStop> {
  static override summary = 'Stop the simulator started with `mrctl sim serve --detach`'
  static override examples = ['<%= config.bin %> sim stop']

  async run() {
    const {stopDetached} = await import('../../src/sim/daemon.js')
    const record = await stopDetached()
    this.say(`simulator (pid ${record.pid}) stopped`)
    return {stopped: record.pid}
  }
}
