import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {topologyFileFlag} from '../../src/cli/flags.js'

export default class TopologyPlan extends ApiCommand<typeof TopologyPlan> {
  static override summary = 'Show what apply would do, per resource and region'
  static override description =
    'Reads the clouds in parallel (one list per resource type and region) and prints, for each resource of the topology ' +
    'and each one it marked that the file no longer has: create, unchanged, update, replace, delete, adopt, or "exists, not owned" ' +
    '(a resource with the name but without the mark mrctl.topology=<name>; apply stops on it unless --adopt). With -o, the plan is ' +
    'saved: `topology apply PLAN` applies exactly it, and refuses if the clouds changed since. Nothing is written to a cloud.'
  static override examples = [
    '<%= config.bin %> topology plan -f examples/two-region-containers.yaml',
    '<%= config.bin %> topology plan -f examples/cross-region-lb.yaml -o lb.plan',
  ]
  static override flags = {
    ...topologyFileFlag,
    out: Flags.string({char: 'o', description: 'Save the plan to this file, for `topology apply PLAN`', helpValue: '<plan>'}),
    adopt: Flags.boolean({description: 'Plan to take over resources that have the topology’s names but not its mark'}),
  }

  async run() {
    const [{loadForSession, prepare}, report, {savePlan}, {writeFile}] = await Promise.all([
      import('../../src/orchestration/topology/session.js'),
      import('../../src/orchestration/topology/report.js'),
      import('../../src/orchestration/topology/plan-file.js'),
      import('node:fs/promises'),
    ])
    const session = await this.session()
    const topo = await loadForSession(session, this.flags.file)
    const p = await prepare(session, topo, {adopt: this.flags.adopt})
    const t = report.planTable(p.plan)
    await this.printList(t.headers, t.rows)
    const summary = report.planSummary(p.plan)
    this.say(summary)
    if (this.flags.out) {
      const saved = savePlan(topo, session.config.name, Boolean(this.flags.adopt), p.hashes, p.plan, p.observed)
      await writeFile(this.flags.out, `${JSON.stringify(saved, null, 2)}\n`, {mode: 0o600})
      this.say(`plan saved to ${this.flags.out}; apply exactly it with: ${this.config.bin} topology apply ${this.flags.out}`)
    }
    for (const w of report.readFailureWarnings(p.observed)) this.warn(w)
    if (p.observed.failures.length) process.exitCode = 3
    return {
      topology: topo.name,
      summary,
      changes: p.plan.changes.map((c) => ({region: c.region, kind: c.kind, name: c.name, action: c.action, reason: c.reason, id: c.id})),
      ...(this.flags.out ? {saved: this.flags.out} : {}),
    }
  }
}
