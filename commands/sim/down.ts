import {MrctlCommand} from '../../src/cli/base-command.js'

export default class SimDown extends MrctlCommand<typeof SimDown> {
  static override aliases = ['sim:stop']
  static override summary = 'Stop the running simulator (it saves its --state first; over a real cloud, its Zun ports are deleted)'
  static override examples = ['<%= config.bin %> sim down', '<%= config.bin %> sim stop']

  async run() {
    const {requireRunning, stopSim} = await import('../../src/sim/daemon.js')
    const record = await requireRunning()
    await stopSim(record)
    this.say(`simulator (pid ${record.pid}) stopped`)
    return {stopped: record.pid}
  }
}
