import {topologyFileFlag} from '../../src/cli/flags.js'

import {runFlags, TopologyRunCommand} from './apply.js'

export default class TopologyDestroy extends TopologyRunCommand<typeof TopologyDestroy> {
  static override summary = 'Remove what a topology owns, in reverse dependency order, and nothing else'
  static override description =
    'Finds what carries the topology’s mark (mrctl.topology=<name>) in the regions the file names, and deletes it: members, pools ' +
    'and listeners with their load balancer (cascade), containers (their Neutron ports go with them) before the images and subnets ' +
    'they use, subnets before networks. Resources without the mark are never touched, and pods are kept (they are shared; ' +
    'remove one with `multiregion networking pod delete`). Asks at a terminal; --yes in scripts. Exit 3 when some deletions failed.'
  static override examples = ['<%= config.bin %> topology destroy -f examples/two-region-containers.yaml --yes']
  static override flags = {
    ...topologyFileFlag,
    ...runFlags,
  }

  async run() {
    const [{loadForSession, prepare}, {planTopology}] = await Promise.all([
      import('../../src/orchestration/topology/session.js'),
      import('../../src/orchestration/topology/plan.js'),
    ])
    const session = await this.session()
    const p = await prepare(session, await loadForSession(session, this.flags.file))
    if (p.observed.failures.length) {
      const {MrctlError} = await import('../../src/core/errors.js')
      throw new MrctlError(`cannot see everything the topology owns; nothing was deleted:\n  ${p.observed.failures.map((f) => `${f.region || 'central'} ${f.kind}s: ${f.error.message}`).join('\n  ')}`, {
        actions: ['run destroy again when those regions answer'],
      })
    }
    // Nothing is wanted: everything the topology marked is deleted.
    const plan = planTopology([], p.observed, {topology: p.topo.name})
    return this.carryOut(p, plan, 'destroy')
  }
}
