import type {Command} from '@oclif/core'

import {Help} from '@oclif/core'

import {EXIT_CODE_HELP} from '../http/exit-codes.js'

/** oclif's help with an ERROR CODES section on every command (sf's `errorCodes` help section). */
export default class MrctlHelp extends Help {
  protected override formatCommand(command: Command.Loadable): string {
    const codes = EXIT_CODE_HELP.map(([code, meaning]) => `  ${code}  ${meaning}`).join('\n')
    return `${super.formatCommand(command)}\n\nERROR CODES\n${codes}`
  }
}
