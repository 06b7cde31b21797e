import type {RunRecord} from './daemon.js'

import {MrctlError} from '../core/errors.js'

/** Calls the control API of the running simulator (see cloud/control.ts). */
export async function controlCall<T = Record<string, unknown>>(record: RunRecord, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetch(`${record.control_url}${path}`, {
      method,
      headers: {Authorization: `Bearer ${record.secret}`, ...(body === undefined ? {} : {'Content-Type': 'application/json'})},
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    })
  } catch (error) {
    throw new MrctlError(`the simulator (pid ${record.pid}) does not answer on ${record.control_url}: ${(error as Error).message}`, {
      actions: ['see mrctl sim status; restart it with mrctl sim down && mrctl sim up'],
    })
  }
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : {}
  } catch {
    parsed = {error: text}
  }
  if (!res.ok) throw new MrctlError(String((parsed as {error?: string}).error ?? `HTTP ${res.status}`), {code: `SIM_${res.status}`})
  return parsed as T
}
