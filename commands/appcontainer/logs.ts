import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'

export default class AppcontainerLogs extends ZunCommand<typeof AppcontainerLogs> {
  static override summary = 'Get logs of a container'
  static override description = 'Without --stdout and --stderr both are shown. Allowed in Created, Error, Paused, Running, Stopped and Unknown.'
  static override examples = [
    '<%= config.bin %> appcontainer logs --os-region-name RegionOne web',
    '<%= config.bin %> appcontainer logs --os-region-name RegionOne --stdout --timestamps --tail 10 web',
  ]
  static override flags = {
    stdout: Flags.boolean({description: 'Only stdout logs of container.'}),
    stderr: Flags.boolean({description: 'Only stderr logs of container.'}),
    since: Flags.string({description: 'Show logs since a given datetime or integer epoch (in seconds).'}),
    timestamps: Flags.boolean({description: 'Show timestamps.'}),
    tail: Flags.string({description: 'Number of lines to show from the end of the logs.', default: 'all'}),
  }
  static override args = {container: Args.string({description: 'ID or name of the container to get logs for.', required: true})}

  async run() {
    const {containerLogs} = await import('../../src/clients/zun/container-api.js')
    const f = this.flags
    const zc = await this.zun()
    const logs = await containerLogs(zc, this.args.container, {
      stdout: f.stdout,
      stderr: f.stderr,
      since: f.since,
      timestamps: f.timestamps,
      tail: f.tail,
    })
    // zunclient print()s the text: a newline follows.
    this.say(logs)
    return {logs}
  }
}
