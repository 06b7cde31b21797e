import {Flags} from '@oclif/core'

import AppcontainerCreate, {createFlags} from './create.js'

export default class AppcontainerRun extends AppcontainerCreate {
  static override summary = 'Create and run a new container'
  static override description =
    'Everything after <image> is the command, even words that look like options, so options go before the image. ' +
    'Networks, ports and security groups are given by name or ID and resolved by Zun; a bad one fails the request and ' +
    'nothing is created. With --wait the command polls until the container is Running (or Stopped, when its command ' +
    'already ended): a container that goes to Error fails with its status reason (exit 1), and the wait gives up after ' +
    '--timeout seconds (exit 4). With --interactive the terminal is attached once the container runs (type ~. to leave).'
  static override examples = [
    '<%= config.bin %> appcontainer run --os-region-name RegionOne --name web --net network=private --wait nginx',
    '<%= config.bin %> appcontainer run --os-region-name RegionOne --image-driver glance --wait cirros sh -c "echo hi; sleep 3600"',
    '<%= config.bin %> appcontainer run --region RegionOne --region RegionTwo --name web --net network=container-net --image-driver glance --wait container_cirros sudo nc -l -p 5000',
  ]
  /** The words after the first positional are the container's command (argv.ts leaves them alone). */
  static override remainderAfter = 1
  static override flags = {
    ...createFlags,
    wait: Flags.boolean({description: 'Wait for run to complete (until Running; --timeout seconds, default 300)'}),
    host: Flags.string({description: 'Requested host to run containers. Admin only by default. (API 1.39 or above)'}),
    region: Flags.string({
      description: 'Run the same container in this region too (repeatable): the image is found by name in each region, networks in the central region; one row per region',
      multiple: true,
      multipleNonGreedy: true,
      exclusive: ['all-regions', 'interactive'],
      helpValue: '<region>',
    }),
    'all-regions': Flags.boolean({description: 'Run the same container in every region of the cloud that has Zun', exclusive: ['region', 'interactive']}),
    'central-region': Flags.string({description: 'Where --net network=<name> is looked up with --region/--all-regions (default: the region that offers Tricircle)', helpValue: '<region>'}),
  }

  protected override readonly runIt = true

  override async run(): Promise<Record<string, unknown> | Array<Record<string, unknown>>> {
    if (!this.multiFlags().region?.length && !this.multiFlags()['all-regions']) return super.run()
    return this.runInRegions()
  }

  private multiFlags(): {region?: string[]; 'all-regions'?: boolean; 'central-region'?: string} {
    return this.flags as never
  }

  /** `--region R1 --region R2 | --all-regions`: one container per region, in parallel; exit 3 when some failed. */
  private async runInRegions() {
    const [{runInRegions, regionRunTable}, {regionsWith}, {centralRegionOf}] = await Promise.all([
      import('../../src/orchestration/container-run.js'),
      import('../../src/auth/catalog.js'),
      import('../../src/orchestration/pod-bootstrap.js'),
    ])
    const f = {...this.flags, ...this.multiFlags()}
    const opts = await this.containerOpts()
    const session = await this.session()
    const {catalog} = await session.tokenData()
    const regions = f['all-regions'] ? await session.regionsFor('container') : [...new Set(f.region)]
    const central =
      f['central-region'] ??
      (regionsWith(catalog, 'tricircle', session.config.interface).length ? centralRegionOf(regionsWith(catalog, 'tricircle', session.config.interface)) : (session.config.region ?? regions[0]))
    const zun = new Map<string, ReturnType<typeof this.zun>>()
    const tracked = new Map<string, {update(p: {state?: string}): void; forget(): void}>()
    const out = await runInRegions(
      {
        image: (r) => session.client('image', r),
        network: (r) => session.client('network', r),
        container: (r) => {
          if (!zun.has(r)) zun.set(r, this.zun(r))
          return zun.get(r)!
        },
      },
      {
        regions,
        central,
        opts,
        wait: Boolean(f.wait),
        timeoutMs: this.waitTimeoutMs(),
        signal: this.interrupt.signal,
        onCreated: (region, c) =>
          tracked.set(region, this.interrupt.track({what: `${c.name} (uuid ${c.uuid})`, region, state: c.status, remove: `appcontainer delete --force ${c.uuid}`})),
        onStatus: (region, c) => {
          tracked.get(region)?.update({state: c.status})
          this.progress(`container ${c.name} in ${region}`, c.status)
        },
      },
    )
    for (const t of tracked.values()) t.forget()
    const t = regionRunTable(out.rows)
    const result = await this.printList(t.headers, t.rows)
    for (const r of out.rows) if (r.error) this.warn(`${r.region}: ${r.error}`)
    if (out.exitCode) process.exitCode = out.exitCode
    return result
  }
}
