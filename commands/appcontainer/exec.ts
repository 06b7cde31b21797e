import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'
import {UsageError} from '../../src/core/errors.js'
import {splitRemainder} from '../../src/clients/zun/input.js'

export default class AppcontainerExec extends ZunCommand<typeof AppcontainerExec> {
  static override summary = 'Execute command in a running container'
  static override description =
    'Everything after <container> is the command, even words that look like options. The output is printed and ' +
    'mrctl exits with the command’s exit code. With --interactive the terminal is attached to the command (type ~. to leave).'
  static override examples = [
    '<%= config.bin %> appcontainer exec --os-region-name RegionOne web ls -l /',
    '<%= config.bin %> appcontainer exec --os-region-name RegionOne web sh -c "echo a b"',
    '<%= config.bin %> appcontainer exec --os-region-name RegionOne --interactive web /bin/sh',
  ]
  /** The words after the first positional are the container's command (argv.ts leaves them alone). */
  static remainderAfter = 1
  static override flags = {
    interactive: Flags.boolean({description: 'Keep STDIN open and allocate a pseudo-TTY for interactive'}),
  }
  static override args = {
    container: Args.string({description: 'ID or name of the container to execute command in.', required: true}),
    // Documentation only: init() takes everything after <container> before oclif parses.
    command: Args.string({description: 'The command to execute (every word after <container>, options included)'}),
  }

  private command: string[] = []

  override async init(): Promise<void> {
    const ctor = this.ctor as typeof AppcontainerExec
    const {head, rest} = splitRemainder(this.argv, {...ctor.baseFlags, ...ctor.flags}, 1)
    this.argv = head
    this.command = rest
    await super.init()
  }

  async run() {
    if (this.command.length === 0) throw new UsageError('<command> is missing: give the command to execute after the container')
    const {executeCommand} = await import('../../src/clients/zun/container-api.js')
    const ref = this.args.container
    const zc = await this.zun()
    const res = await executeCommand(zc, ref, this.command, {interactive: this.flags.interactive})
    if (this.flags.interactive) {
      const [{executeResize}, ws] = await Promise.all([
        import('../../src/clients/zun/actions.js'),
        import('../../src/clients/zun/websocket.js'),
      ])
      if (!res.proxy_url || !res.exec_id) throw new UsageError(`Zun gave no websocket URL for the interactive exec in ${ref}`)
      const conn = await ws.connectWebSocket(res.proxy_url)
      const execId = res.exec_id
      const end = await ws.runConsole(conn, ref, {
        stdin: process.stdin,
        stdout: process.stdout,
        note: (l) => this.logToStderr(l),
        resize: (w, h) => executeResize(zc, ref, execId, w, h),
      })
      const dropped = ws.abnormalEnd(end, ref)
      if (dropped) throw dropped
      return {exec_id: execId, ...end}
    }
    // zunclient print()s the output: the text and a newline.
    if (res.output !== null) this.say(res.output)
    process.exitCode = res.exit_code ?? 0
    return res
  }
}
