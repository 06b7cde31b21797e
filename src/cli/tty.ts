/** Prompting is allowed only at a terminal, outside CI, and without --no-input (Shopify's rule). */
export function canPrompt(noInput: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return !noInput && !env.CI && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY)
}

/** Spinners and progress bars: stderr is a terminal, not CI, not --json. */
export function canAnimate(json: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return !json && !env.CI && Boolean(process.stderr.isTTY) && env.TERM !== 'dumb'
}

export function useColor(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR && Boolean(process.stdout.isTTY)
}
