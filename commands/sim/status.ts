import {MrctlCommand} from '../../src/cli/base-command.js'

export default class SimStatus extends MrctlCommand<typeof SimStatus> {
  static override summary = 'Show the running simulator: endpoints, time, faults, regions down'
  static override examples = ['<%= config.bin %> sim status', '<%= config.bin %> sim status --json']

  async run() {
    const [{requireRunning}, {controlCall}, {describeStatus}] = await Promise.all([
      import('../../src/sim/daemon.js'),
      import('../../src/sim/control-client.js'),
      import('../../src/sim/up-flags.js'),
    ])
    const record = await requireRunning()
    const status = await controlCall(record, 'GET', '/status')
    for (const line of describeStatus(record, status)) this.say(line)
    return status
  }
}
