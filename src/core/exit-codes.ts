/** mrctl's exit codes; `--help` lists them under ERROR CODES. */
export const ExitCode = {
  Ok: 0,
  /** An API or runtime error. */
  Error: 1,
  /** A usage error: bad flags or arguments. */
  Usage: 2,
  /** Partial success: some regions or items failed, the others were done. */
  Partial: 3,
  /** A wait ran out of time. */
  Timeout: 4,
  Interrupted: 130,
} as const

export const EXIT_CODE_HELP: Array<[string, string]> = [
  ['0', 'success'],
  ['1', 'an API or runtime error'],
  ['2', 'a usage error (bad flags or arguments)'],
  ['3', 'partial success: some regions or items failed, the others were done (--json lists both)'],
  ['4', 'timed out waiting'],
  ['130', 'interrupted (Ctrl-C): what exists now is printed, with the command that removes it'],
]
