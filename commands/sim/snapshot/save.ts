import {Args} from '@oclif/core'

import {MrctlCommand} from '../../../src/cli/base-command.js'

export default class SimSnapshotSave extends MrctlCommand<typeof SimSnapshotSave> {
  static override summary = 'Save the whole simulated cloud to a file (mode 0600)'
  static override examples = ['<%= config.bin %> sim snapshot save before.json']
  static override args = {file: Args.string({description: 'File to write', required: true})}

  async run() {
    const [{requireRunning}, {controlCall}, {writeSnapshot}] = await Promise.all([
      import('../../../src/sim/daemon.js'),
      import('../../../src/sim/control-client.js'),
      import('../../../src/sim/cloud/snapshot.js'),
    ])
    const snap = await controlCall(await requireRunning(), 'GET', '/snapshot')
    await writeSnapshot(this.args.file, snap as never)
    this.say(`saved to ${this.args.file}`)
    return {file: this.args.file}
  }
}
