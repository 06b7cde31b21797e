import {Args} from '@oclif/core'

import {MrctlCommand} from '../../src/cli/base-command.js'
import {UsageError} from '../../src/core/errors.js'

export default class SimTick extends MrctlCommand<typeof SimTick> {
  static override summary = 'Move the clock of a --time manual simulator on'
  static override examples = ['<%= config.bin %> sim tick', '<%= config.bin %> sim tick 30', '<%= config.bin %> sim tick 0.5']
  static override args = {
    seconds: Args.string({description: 'Seconds to move on (default 1)', required: false}),
  }

  async run() {
    const seconds = this.args.seconds === undefined ? 1 : Number(this.args.seconds)
    if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`SECONDS ${this.args.seconds}: expected a number of seconds, 0 or more`)
    const [{requireRunning}, {controlCall}] = await Promise.all([import('../../src/sim/daemon.js'), import('../../src/sim/control-client.js')])
    const r = await controlCall<{now: string}>(await requireRunning(), 'POST', '/tick', {seconds})
    this.say(`simulated time: ${r.now}`)
    return r
  }
}
