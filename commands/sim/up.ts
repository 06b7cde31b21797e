import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {UsageError} from '../../src/core/errors.js'

export default class SimUp extends ApiCommand<typeof SimUp> {
  static override aliases = ['sim:serve']
  static override summary = 'Start a simulated multi-region OpenStack on 127.0.0.1 (or Zun and Tricircle emulators over a real cloud)'
  static override description = `One process serves Keystone v3 and, per region, Neutron, Glance, Octavia and Zun (Tricircle in CentralRegion), each on its own port of 127.0.0.1. It writes a clouds.yaml (clouds "sim" and "sim-demo") and the mrctl profile "sim": use it with eval "$(mrctl sim env)".

It stays in the foreground (Ctrl-C stops it) unless --detach; then mrctl sim status, mrctl sim down. Time is yours: --time immediate (every transition done at the next read), realistic (the real services' delays, divided by --speed) or manual (mrctl sim tick). Without --state it starts empty; with --state DIR it saves there and starts from there.

With --cloud NAME it starts only the Zun and Tricircle emulators, on the container and tricircle endpoints of that cloud's catalog, backed by its real Keystone, Neutron and Glance; mrctl sim down then deletes the Neutron ports its containers held.`
  static override examples = [
    '<%= config.bin %> sim up',
    '<%= config.bin %> sim up --region-count 10 --time immediate --detach',
    '<%= config.bin %> sim up --regions CentralRegion,RegionOne,RegionTwo --state ~/.mrctl-sim --detach',
    '<%= config.bin %> sim up --time manual --detach && <%= config.bin %> sim tick 5',
    '<%= config.bin %> sim up --cloud real-openstack --detach',
  ]
  static override flags = {
    regions: Flags.string({description: 'Regions, comma-separated (default CentralRegion,RegionOne,RegionTwo)', exclusive: ['region-count', 'cloud']}),
    'region-count': Flags.integer({description: 'CentralRegion plus N regions RegionOne, RegionTwo, …', min: 1, max: 999, exclusive: ['regions', 'cloud']}),
    port: Flags.integer({description: 'First port: Keystone there, the services on the next ones (default: free ports)', min: 0, max: 65535}),
    detach: Flags.boolean({description: 'Run in the background; stop with: mrctl sim down'}),
    state: Flags.string({description: 'Folder to keep the state in (survives down/up)'}),
    time: Flags.string({description: 'How transitions take time', options: ['immediate', 'realistic', 'manual'], default: 'realistic'}),
    speed: Flags.string({description: 'Realistic time runs this many times faster (default 1)'}),
    cloud: Flags.string({description: 'Serve only Zun and Tricircle emulators over this real cloud (clouds.yaml or profile)'}),
    services: Flags.string({description: 'With --cloud: the emulators to start, comma-separated', default: 'zun,tricircle'}),
    'zun-neutron-region': Flags.string({description: 'With --cloud: the region whose Neutron Zun creates ports in (default CentralRegion)'}),
  }

  async run() {
    const {parseUpFlags, describeRecord} = await import('../../src/sim/up-flags.js')
    const opts = parseUpFlags(this.flags)
    if (this.flags.detach) {
      const {detach} = await import('../../src/sim/daemon.js')
      const argv = process.argv.slice(1).filter((a) => a !== '--detach')
      const record = await detach(argv, 60_000)
      for (const line of describeRecord(record)) this.say(line)
      this.say(`running in the background (pid ${record.pid}); stop it with: ${this.config.bin} sim down`)
      return {pid: record.pid, endpoints: record.endpoints, clouds_file: record.clouds_file, auth_url: record.auth_url}
    }
    const up = await import('../../src/sim/up.js')
    let handle
    if (opts.cloud) {
      const {planSim} = await import('../../src/sim/plan.js')
      this.flags['os-cloud'] = opts.cloud
      const session = await this.session()
      const {catalog} = await session.tokenData()
      const plan = planSim(catalog, {services: opts.services as never, iface: session.config.interface, neutronRegion: this.flags['zun-neutron-region']})
      const {startSim} = await import('../../src/sim/run.js')
      handle = await up.upOverRealCloud(
        () => startSim(plan, {authUrl: session.config.auth.authUrl, tokenSource: (o) => (o?.refresh ? session.refresh() : session.token())}),
        opts.cloud,
      )
    } else {
      if (this.flags['zun-neutron-region'] || this.flags.services !== 'zun,tricircle') throw new UsageError('--services and --zun-neutron-region go with --cloud')
      handle = await up.upSimulatedCloud(opts.local)
    }
    for (const line of describeRecord(handle.record)) process.stderr.write(`${line}\n`)
    process.stderr.write('serving; Ctrl-C stops it\n')
    await handle.wait()
    return {stopped: true, pid: handle.record.pid}
  }
}
