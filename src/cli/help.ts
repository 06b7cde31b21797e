import type {Command} from '@oclif/core'

import {Help} from '@oclif/core'

import {EXIT_CODE_HELP} from '../core/exit-codes.js'

/** For the man pages (man/gen-man.mjs reads the bundle's entry points only). */
export {EXIT_CODE_HELP}

/**
 * A description written over several source lines is one paragraph: oclif (and marked-man) would
 * keep each line break and wrap the pieces separately, leaving ragged lines. Blank lines still
 * separate paragraphs.
 */
export function reflow(text: string | undefined): string | undefined {
  return text?.replace(/([^\n])\n(?!\n)/g, '$1 ')
}

/** oclif's help with an ERROR CODES section on every command (sf's `errorCodes` help section). */
export default class MrctlHelp extends Help {
  protected override formatCommand(command: Command.Loadable): string {
    const codes = EXIT_CODE_HELP.map(([code, meaning]) => `  ${code.padEnd(3)}  ${meaning}`).join('\n')
    return `${super.formatCommand({...command, description: reflow(command.description)})}\n\nERROR CODES\n${codes}`
  }
}
