import {Flags} from '@oclif/core'

import {ApiCommand} from '../src/cli/api-command.js'
import {canAnimate} from '../src/cli/tty.js'
import {MrctlError, UsageError} from '../src/core/errors.js'

/** The real services' delays, this many times faster: about 6 s for the whole demo instead of 19. */
const DEFAULT_SPEED = 4

export default class Demo extends ApiCommand<typeof Demo> {
  static override summary = 'The main job on a whole simulated multi-region OpenStack: two topologies applied, shown, destroyed'
  static override description =
    'Starts a simulated cloud in this process (CentralRegion, RegionOne, RegionTwo: Keystone, Neutron, Glance, Octavia, Zun, ' +
    'Tricircle on 127.0.0.1), applies examples/two-region-containers.yaml then examples/cross-region-lb.yaml on top of it ' +
    '(the same deployment: the second adds the load balancer) with the live progress view, then shows the pods, the central ' +
    'network, each region’s containers with their addresses, the load balancer with its cross-region members and their status, ' +
    'a reachability check between the two containers through Zun’s exec, and a timing line (API calls, wall time, tokens ' +
    'issued). Then it destroys everything it made and stops the sim. --keep leaves it all running: the sim runs in the ' +
    'background (mrctl sim status; eval "$(mrctl sim env)"; stop it with mrctl sim down). With --os-cloud or --profile it runs ' +
    'against that cloud instead (OS_CLOUD alone does not: a bare `mrctl demo` never touches a real cloud); the image file ' +
    '(--image, default examples/container_cirros: docker save cirros) must then exist. Realistic time runs 4 times faster ' +
    'than the real services unless --speed says otherwise. On any failure what the demo made is removed (unless ' +
    '--keep), and the error says what failed; exit 1.'
  static override examples = [
    '<%= config.bin %> demo',
    '<%= config.bin %> demo --time immediate',
    '<%= config.bin %> demo --keep && eval "$(<%= config.bin %> sim env)" && <%= config.bin %> appcontainer list --all-regions',
    '<%= config.bin %> demo --os-cloud mycloud',
  ]
  static override flags = {
    keep: Flags.boolean({description: 'Leave the deployment (and the sim, in the background) running'}),
    time: Flags.string({description: 'The sim’s transitions: realistic (the real services’ delays) or immediate', options: ['realistic', 'immediate'], default: 'realistic'}),
    speed: Flags.string({description: 'With --time realistic: run this many times faster (default 4: the demo takes seconds, not twenty)'}),
    image: Flags.string({description: 'With --os-cloud/--profile: the docker image file the containers run (default examples/container_cirros)', helpValue: '<file>'}),
    concurrency: Flags.integer({description: 'Steps that may run at once, across all regions', default: 8, min: 1, max: 64}),
  }

  /** --debug lines for the sim's session, scrubbed of its passwords and tokens like every other. */
  private async debugWriter(): Promise<(line: string) => void> {
    const {scrub} = await import('../src/http/redact.js')
    return (line) => process.stderr.write(`${scrub(line, this.secrets)}\n`)
  }

  async run() {
    const f = this.flags
    const real = Boolean(f.profile || f['os-cloud'])
    let speed: number | undefined = real || f.time !== 'realistic' ? undefined : DEFAULT_SPEED
    if (f.speed !== undefined) {
      speed = Number(f.speed)
      if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`--speed ${f.speed}: expected a positive number (2 runs twice as fast)`)
      if (f.time !== 'realistic') throw new UsageError(`--speed goes with --time realistic, not --time ${f.time}`)
    }
    if (!real && f.image) throw new UsageError('--image is for a real cloud (--os-cloud or --profile): the simulated Zun runs no Docker')
    if (real && (f.speed !== undefined || f.time !== 'realistic')) throw new UsageError('--time and --speed are for the simulated cloud; they do not go with --os-cloud or --profile')

    const [{simTarget, cloudTarget}, {countCalls}, {runDemo}, {showLines}, progress] = await Promise.all([
      import('../src/orchestration/demo/target.js'),
      import('../src/orchestration/demo/session.js'),
      import('../src/orchestration/demo/run.js'),
      import('../src/orchestration/demo/show.js'),
      import('../src/orchestration/topology/progress.js'),
    ])
    const json = this.jsonEnabled()
    const note = (line: string) => {
      if (!json) process.stderr.write(`${line}\n`)
    }
    const started = performance.now()
    const target = real
      ? await cloudTarget(await this.session(), {imageFile: f.image ?? `${this.config.root}/examples/container_cirros`, keep: f.keep})
      : await simTarget({
          time: f.time as 'realistic' | 'immediate',
          speed,
          detachWith: f.keep ? process.argv[1] : undefined,
          version: this.config.version,
          onSecret: (s) => this.secrets.push(s),
          debug: this.debugEnabled() ? await this.debugWriter() : undefined,
        })
    let failed = false
    try {
      note(`mrctl demo on ${target.label}`)
      const count = countCalls(target.session)
      const topologies = await target.topologies(`${this.config.root}/examples`)
      const animate = canAnimate(json)
      const waiting = this.interrupt.undoesOnAbort('no new step starts; the demo then removes what it made')
      let result
      try {
        result = await runDemo({
          session: target.session,
          topologies,
          keep: f.keep,
          concurrency: f.concurrency,
          deadlineAt: Date.now() + this.waitTimeoutMs(),
          stop: this.interrupt.signal,
          view: async (steps) => (json ? progress.silentProgress : animate ? progress.liveProgress(steps) : progress.plainProgress(note)),
          say: note,
          onShown: (shown) => {
            for (const line of showLines(shown)) this.say(line)
          },
          count,
        })
      } finally {
        waiting()
      }
      const wall = ((performance.now() - started) / 1000).toFixed(1)
      this.say(`timing: ${result.timing.api_calls} API calls, ${wall} s wall time, ${result.timing.tokens_issued} token${result.timing.tokens_issued === 1 ? '' : 's'} issued`)
      if (result.destroyed) {
        const d = result.destroyed
        this.say(`destroyed: everything the demo made (${d.steps.length} deletions${d.podsDeleted.length ? `, then the pods of ${d.podsDeleted.join(', ')}` : ''})${target.sim === 'in-process' ? '; the sim stops' : ''}`)
      }
      if (result.kept) {
        if (target.sim === 'detached') {
          this.say('kept: the deployment and the sim run in the background: eval "$(mrctl sim env)" to use it (mrctl appcontainer list --all-regions); stop it all with: mrctl sim down')
        } else {
          this.say(`kept: the deployment stays; remove it with: mrctl topology destroy -f ${topologies.at(-1)!.file} --yes${this.flags['os-cloud'] ? ` --os-cloud ${this.flags['os-cloud']}` : ` --profile ${this.flags.profile}`}`)
        }
      }
      return {target: target.label, ...result, timing: {...result.timing, wall_ms: Math.round(performance.now() - started)}}
    } catch (error) {
      failed = true
      if (f.keep && target.sim === 'detached' && error instanceof MrctlError) error.actions.push('--keep: what was made stays, and so does the sim: mrctl sim down stops it')
      throw error
    } finally {
      await target.close({keepFiles: failed})
    }
  }
}
