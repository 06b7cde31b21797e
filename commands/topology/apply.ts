import {Args, type Command, Flags} from '@oclif/core'

import type {Prepared} from '../../src/orchestration/topology/session.js'
import type {Plan} from '../../src/orchestration/topology/plan.js'

import {ApiCommand} from '../../src/cli/api-command.js'
import {canAnimate, canPrompt} from '../../src/cli/tty.js'
import {UsageError} from '../../src/core/errors.js'

export const runFlags = {
  yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation (needed without a terminal)'}),
  concurrency: Flags.integer({description: 'Steps that may run at once, across all regions', default: 8, min: 1, max: 64}),
}

/** What apply and destroy share: show the plan, stop on what may not be touched, confirm, run with progress, summarise. */
export abstract class TopologyRunCommand<T extends typeof Command> extends ApiCommand<T> {
  /** Shows the plan, stops on what may not be touched, confirms, runs the steps with progress, prints the summary. */
  protected async carryOut(p: Prepared, plan: Plan, verb: 'apply' | 'destroy') {
    const [report, {stoppingProblems}, {applyPlan}, progress] = await Promise.all([
      import('../../src/orchestration/topology/report.js'),
      import('../../src/orchestration/topology/session.js'),
      import('../../src/orchestration/topology/apply.js'),
      import('../../src/orchestration/topology/progress.js'),
    ])
    const stop = stoppingProblems(plan)
    if (stop) {
      if (!this.jsonEnabled()) await this.printPlan(report.planTable(plan))
      throw stop
    }
    const summary = report.planSummary(plan)
    if (plan.steps.length === 0) {
      this.say(summary)
      return {topology: plan.topology, summary, changes: 0, steps: []}
    }
    if (!this.jsonEnabled()) await this.printPlan(report.planTable(plan))
    this.log2(summary)
    await this.confirm(`${verb === 'destroy' ? 'Destroy' : 'Apply'} ${plan.topology}: ${summary}?`, verb)

    const animate = canAnimate(this.jsonEnabled())
    const view = this.jsonEnabled()
      ? progress.silentProgress
      : animate
        ? await progress.liveProgress(plan.steps)
        : progress.plainProgress((l) => process.stderr.write(`${l}\n`))
    // Ctrl-C: the first stops the starting of steps and lets those in flight finish (the base
    // command's handler says so); a second exits at once, listing each step in flight as maybe
    // half-made, with the command that removes what the topology owns.
    const waiting = this.interrupt.undoesOnAbort('no new step starts; waiting for the steps in flight')
    const inFlight = new Map<string, {forget(): void}>()
    const remove = `topology destroy -f ${p.topo.file} --yes`
    let result
    try {
      result = await applyPlan(plan, p.clients, {
        concurrency: this.runFlags().concurrency,
        stop: this.interrupt.signal,
        deadlineAt: Date.now() + this.waitTimeoutMs(),
        tricircleRegion: p.tricircleRegion,
        progress: {
          ...view.progress,
          start: (s) => {
            inFlight.set(s.id, this.interrupt.track({what: `${s.region} ${s.kind} ${s.name} (${s.op} in flight: it may be half-made)`, remove}))
            view.progress.start?.(s)
          },
          finish: (s, r) => {
            inFlight.get(s.id)?.forget()
            view.progress.finish?.(s, r)
          },
        },
      })
    } finally {
      waiting()
      await view.close()
    }
    const t = report.applyTable(result)
    if (!this.jsonEnabled()) await this.printList(t.headers, t.rows)
    const regions = report.regionSummary(result)
    const failed = result.steps.filter((s) => s.status === 'failed')
    for (const f of failed) this.warn(`${f.region}: ${f.resource}: ${f.error}`)
    this.log2(`${verb} ${plan.topology}: ${regions} (${(result.ms / 1000).toFixed(1)} s; critical path ${(result.criticalPath.ms / 1000).toFixed(1)} s)`)
    process.exitCode = report.applyExitCode(result) ?? process.exitCode
    return {summary, changes: plan.changes.filter((c) => c.action !== 'unchanged').length, ...result}
  }

  private runFlags(): {yes?: boolean; concurrency?: number; 'no-input'?: boolean} {
    return this.flags as unknown as {yes?: boolean; concurrency?: number; 'no-input'?: boolean}
  }

  /** A line for people on stderr (the tables are on stdout), silent under --json. */
  protected log2(line: string): void {
    if (!this.jsonEnabled()) process.stderr.write(`${line}\n`)
  }

  private async printPlan(t: {headers: string[]; rows: string[][]}): Promise<void> {
    await this.printList(t.headers, t.rows.filter((r) => r[2] !== 'unchanged'))
  }

  private async confirm(question: string, verb: string): Promise<void> {
    if (this.runFlags().yes) return
    if (!canPrompt(this.runFlags()['no-input'])) {
      throw new UsageError(`topology ${verb} changes the clouds and there is no terminal to ask at: add --yes`, [`e.g. ${this.config.bin} topology ${verb} -f FILE --yes`])
    }
    const {promptConfirm} = await import('../../src/cli/prompts.js')
    if (!(await promptConfirm(question, false))) throw new UsageError(`${verb} cancelled: nothing was changed`)
  }
}

export default class TopologyApply extends TopologyRunCommand<typeof TopologyApply> {
  static override summary = 'Create or change what a topology describes, in every region at once'
  static override description =
    'Plans (as `topology plan`), asks at a terminal (--yes in scripts: without a terminal and without --yes it fails, never prompts), ' +
    'then runs the steps as a dependency graph: independent steps run in parallel across regions (at most --concurrency), ' +
    'dependents wait. Containers are waited to Running (Stopped counts for one whose command exits), load balancers to ACTIVE; ' +
    'ERROR stops that step at once with the server’s reason. What apply makes carries the mark mrctl.topology=<name> (Neutron and ' +
    'Octavia tags, Glance properties, Zun labels), so any machine finds it again; a resource with a name of the topology but without ' +
    'the mark stops apply unless --adopt. When a step fails, its dependents are skipped and the others go on; the summary shows every ' +
    'step per region, exit 3. Ctrl-C stops starting steps and waits for those in flight (a second Ctrl-C stops at once and lists what ' +
    'may be half-made, with the command that removes it), exit 130. Applying again makes no write request when nothing changed. Given a saved PLAN instead of -f, ' +
    'applies exactly that plan, and refuses if the clouds or the image files changed since it was saved.'
  static override examples = [
    '<%= config.bin %> topology apply -f examples/two-region-containers.yaml',
    '<%= config.bin %> topology apply -f examples/cross-region-lb.yaml --yes --concurrency 4',
    '<%= config.bin %> topology plan -f examples/cross-region-lb.yaml -o lb.plan && <%= config.bin %> topology apply lb.plan --yes',
  ]
  static override args = {
    plan: Args.string({description: 'A plan saved with `topology plan -o PLAN`', required: false}),
  }
  static override flags = {
    file: Flags.string({char: 'f', description: 'Topology file (YAML)', helpValue: '<file>', exclusive: ['plan']}),
    adopt: Flags.boolean({description: 'Take over resources that have the topology’s names but not its mark (marks them)'}),
    ...runFlags,
  }

  async run() {
    const {loadForSession, prepare, hashImageFiles} = await import('../../src/orchestration/topology/session.js')
    const planFile = this.args.plan
    if (!planFile && !this.flags.file) throw new UsageError('give the topology with -f FILE, or a saved plan', ['e.g. mrctl topology apply -f examples/two-region-containers.yaml'])
    if (planFile && this.flags.file) throw new UsageError('give either -f FILE or a saved PLAN, not both')
    const session = await this.session()
    let prepared: Prepared
    if (planFile) {
      const pf = await import('../../src/orchestration/topology/plan-file.js')
      const saved = await pf.readPlan(planFile)
      const topo = pf.topologyOf(saved)
      prepared = await prepare(session, topo, {adopt: saved.adopt, hashes: await hashImageFiles(topo).catch(() => ({}))})
      const reasons = pf.staleness(saved, {fingerprints: pf.fingerprints(prepared.plan, prepared.observed), hashes: prepared.hashes, observed: prepared.observed, cloud: session.config.name})
      if (reasons.length) throw pf.staleError(planFile, reasons)
    } else {
      prepared = await prepare(session, await loadForSession(session, this.flags.file!), {adopt: this.flags.adopt})
    }
    return this.carryOut(prepared, prepared.plan, 'apply')
  }
}
