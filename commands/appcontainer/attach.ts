import {Args} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'

export default class AppcontainerAttach extends ZunCommand<typeof AppcontainerAttach> {
  static override summary = 'Attach to a running container'
  static override description =
    'The container must have been created with --interactive and be Running. The terminal is put in raw mode; ' +
    'type ~. at the start of a line to leave. A connection failure exits 1.'
  static override examples = ['<%= config.bin %> appcontainer attach --os-region-name RegionOne web']
  static override args = {container: Args.string({description: 'ID or name of the container to be attached to.', required: true})}

  async run() {
    const [{attachUrl, resizeContainerTty}, ws] = await Promise.all([
      import('../../src/clients/zun/container-api.js'),
      import('../../src/clients/zun/websocket.js'),
    ])
    const ref = this.args.container
    const zc = await this.zun()
    const url = await attachUrl(zc, ref)
    const conn = await ws.connectWebSocket(url)
    const end = await ws.runConsole(conn, ref, {
      stdin: process.stdin,
      stdout: process.stdout,
      note: (l) => this.logToStderr(l),
      resize: (w, h) => resizeContainerTty(zc, ref, w, h),
    })
    const dropped = ws.abnormalEnd(end, ref)
    if (dropped) throw dropped
    return {container: ref, ...end}
  }
}
