import {Args} from '@oclif/core'

import {MrctlCommand} from '../../../src/cli/base-command.js'
import {UsageError} from '../../../src/core/errors.js'

export default class SimSnapshotLoad extends MrctlCommand<typeof SimSnapshotLoad> {
  static override summary = 'Replace the state of the running simulator with a saved snapshot (same regions)'
  static override examples = ['<%= config.bin %> sim snapshot load before.json']
  static override args = {file: Args.string({description: 'Snapshot file (from sim snapshot save)', required: true})}

  async run() {
    const [{requireRunning}, {controlCall}, {readSnapshot}] = await Promise.all([
      import('../../../src/sim/daemon.js'),
      import('../../../src/sim/control-client.js'),
      import('../../../src/sim/cloud/snapshot.js'),
    ])
    let snap
    try {
      snap = await readSnapshot(this.args.file)
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
    await controlCall(await requireRunning(), 'PUT', '/snapshot', snap)
    this.say(`loaded ${this.args.file}`)
    return {file: this.args.file}
  }
}
