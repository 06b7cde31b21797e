import type {TargetResult} from '../orchestration/secgroup-sync.js'
import type {ListView} from './common.js'

import {ruleText} from '../orchestration/secgroup-sync.js'

/**
 * `security group sync`: one row per target region: the groups created there, the rules added and
 * removed (counts, and each rule in Changes), and the result.
 */
export function secgroupSyncView(targets: TargetResult[], dryRun: boolean): ListView {
  const rows = targets.map((t) => {
    const changes = t.plan?.changes ?? []
    const lines = [
      ...(t.plan?.create ?? []).map((g) => `create group ${g.name}`),
      ...changes.flatMap((c) => [...c.add.map((r) => `${c.group}: + ${ruleText(r)}`), ...c.remove.map((r) => `${c.group}: - ${ruleText(r.content)}`)]),
    ]
    const planned = {
      created: (t.plan?.create ?? []).map((g) => g.name),
      added: changes.reduce((n, c) => n + c.add.length, 0),
      removed: changes.reduce((n, c) => n + c.remove.length, 0),
    }
    const shown = dryRun ? planned : {created: t.created, added: t.added, removed: t.removed}
    const result = t.error ? `failed: ${t.error.message}` : lines.length === 0 ? 'in sync' : dryRun ? 'would change' : 'synced'
    return [t.region, shown.created, shown.added, shown.removed, result, lines]
  })
  return {
    headers: ['Region', 'Created', 'Rules Added', 'Rules Removed', 'Result', 'Changes'],
    rows,
    human: {Created: (v) => (v as string[]).join(', '), Changes: (v) => (v as string[]).join('\n')},
  }
}
