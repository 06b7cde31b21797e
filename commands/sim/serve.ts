import {Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {UsageError} from '../../src/core/errors.js'

export default class SimServe extends ApiCommand<typeof SimServe> {
  static override summary = 'Serve Zun and Tricircle emulators on the endpoints of a cloud’s catalog'
  static override description =
    'For each region of the cloud whose catalog has a container endpoint, a Zun emulator listens on that endpoint’s host and port; a Tricircle emulator listens on the tricircle endpoint. They validate tokens with the cloud’s real Keystone and use its real Neutron (the central region’s, as under Tricircle) and each region’s Glance. Foreground by default (Ctrl-C stops it); --detach runs it in the background and `mrctl sim stop` ends it.'
  static override examples = [
    '<%= config.bin %> sim serve --cloud real-openstack',
    '<%= config.bin %> sim serve --cloud real-openstack --services zun,tricircle --detach',
  ]
  static override flags = {
    cloud: Flags.string({description: 'Cloud (clouds.yaml) or profile whose catalog and services back the emulators'}),
    services: Flags.string({description: 'Emulators to start, comma-separated', default: 'zun,tricircle'}),
    'zun-neutron-region': Flags.string({description: 'Region whose Neutron Zun creates ports in (default: CentralRegion)'}),
    detach: Flags.boolean({description: 'Run in the background (pid file in the config folder); stop with: mrctl sim stop'}),
  }

  async run() {
    const [{planSim, SIM_SERVICES}, daemon] = await Promise.all([import('../../src/sim/plan.js'), import('../../src/sim/daemon.js')])
    const services = this.flags.services.split(',').map((s) => s.trim()).filter(Boolean)
    const unknown = services.filter((s) => !SIM_SERVICES.includes(s as never))
    if (unknown.length || services.length === 0) {
      throw new UsageError(`--services ${this.flags.services}: unknown ${unknown.join(', ') || 'empty list'}`, [`choose from ${SIM_SERVICES.join(', ')}`])
    }
    if (this.flags.cloud) this.flags['os-cloud'] = this.flags.cloud
    const session = await this.session()
    const {catalog} = await session.tokenData()
    const plan = planSim(catalog, {services: services as never, iface: session.config.interface, neutronRegion: this.flags['zun-neutron-region']})

    if (this.flags.detach) {
      const argv = process.argv.slice(1).filter((a) => a !== '--detach')
      const record = await daemon.detach(argv, 30_000)
      for (const e of record.endpoints) this.say(`${e.service.padEnd(9)} ${e.region.padEnd(14)} ${e.url}`)
      this.say(`simulator running in the background (pid ${record.pid}); stop it with: ${this.config.bin} sim stop`)
      return record
    }

    const {startSim} = await import('../../src/sim/run.js')
    const running = await startSim(plan, {
      authUrl: session.config.auth.authUrl,
      tokenSource: (o) => (o?.refresh ? session.refresh() : session.token()),
    })
    await daemon.writePidRecord({pid: process.pid, endpoints: running.endpoints})
    for (const e of running.endpoints) process.stderr.write(`${e.service.padEnd(9)} ${e.region.padEnd(14)} ${e.url}\n`)
    process.stderr.write(`serving; Ctrl-C stops (Zun ports in ${plan.neutron.region}'s Neutron)\n`)
    await new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await running.close()
    await daemon.removePidRecord()
    return {stopped: true, endpoints: running.endpoints}
  }
}
