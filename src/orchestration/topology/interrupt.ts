/**
 * Two-stage Ctrl-C for a run of steps: the first stops the starting of steps and lets those in
 * flight finish; the second abandons them. (Until the base command's interrupt mechanism
 * lands: then this becomes its AbortSignal.)
 */
export interface TwoStageInterrupt {
  stop: AbortSignal
  abandon: AbortSignal
  dispose(): void
}

export function twoStageInterrupt(
  notify: (stage: 'stop' | 'abandon') => void,
  emitter: Pick<NodeJS.Process, 'on' | 'off'> = process,
): TwoStageInterrupt {
  const stop = new AbortController()
  const abandon = new AbortController()
  const onSignal = () => {
    if (!stop.signal.aborted) {
      stop.abort()
      notify('stop')
    } else if (!abandon.signal.aborted) {
      abandon.abort()
      notify('abandon')
    }
  }
  emitter.on('SIGINT', onSignal)
  emitter.on('SIGTERM', onSignal)
  return {
    stop: stop.signal,
    abandon: abandon.signal,
    dispose: () => {
      emitter.off('SIGINT', onSignal)
      emitter.off('SIGTERM', onSignal)
    },
  }
}
