import type {Hook} from '@oclif/core'

import {ExitCode} from '../../core/exit-codes.js'
import {knownPrefix, suggestCommand} from '../suggest.js'

/**
 * A mistyped command: a usage error (exit 2) in mrctl's words, with the command meant when one is
 * close, never oclif's internal ID (`image:craete:x`).
 */
const hook: Hook<'command_not_found'> = async function (opts) {
  const bin = opts.config.bin
  const ids = opts.config.commands.map((c) => c.id)
  const topics = opts.config.topics.map((t) => t.name)
  // oclif folds the arguments after an unknown word into the ID: take the words up to the first unknown one.
  const words = opts.id.split(':')
  const known = knownPrefix(words, [...ids, ...topics])
  const typed = words.slice(0, known.length + 1).join(' ')
  const meant = suggestCommand(words, ids, topics)
  const message = words[0].startsWith('-')
    ? `${words[0]} is not a global option: give a command first, and its options after it`
    : `"${typed}" is not an ${bin} command`
  const actions = [
    ...(meant ? [`Did you mean "${meant}"?`] : []),
    `see: ${bin}${known.length ? ` ${known.join(' ')}` : ''} --help`,
  ]
  if (opts.argv?.includes('--json')) {
    const envelope = {status: ExitCode.Usage, name: 'UsageError', message, code: 'UsageError', actions, warnings: []}
    process.stdout.write(`${JSON.stringify(envelope)}\n`)
  } else {
    process.stderr.write(`${[message, ...actions.map((a) => `  ${a}`)].join('\n')}\n`)
  }
  this.exit(ExitCode.Usage)
}

export default hook
