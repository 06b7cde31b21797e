import {Args, Flags} from '@oclif/core'

import {ZunCommand} from '../../src/cli/zun-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'
import {splitRemainder} from '../../src/clients/zun/input.js'

/** The options of `appcontainer create` and `appcontainer run` (python-zunclient's shared parser). */
export const createFlags = {
  ...showOutputFlags,
  name: Flags.string({description: 'name of the container'}),
  cpu: Flags.string({description: 'The number of virtual cpus.'}),
  memory: Flags.string({description: 'The container memory size in MiB'}),
  environment: Flags.string({description: 'The environment variables (KEY=VALUE; repeatable)', multiple: true, multipleNonGreedy: true}),
  workdir: Flags.string({description: 'The working directory for commands to run in'}),
  label: Flags.string({
    description: 'Adds a map of labels to a container (KEY=VALUE). May be used multiple times.',
    multiple: true,
    multipleNonGreedy: true,
  }),
  'image-pull-policy': Flags.string({
    description:
      'The policy which determines if the image should be pulled prior to starting the container: "ifnotpresent", "always" or "never" (admin only by default)',
    options: ['never', 'always', 'ifnotpresent'],
  }),
  restart: Flags.string({
    description: 'Restart policy to apply when a container exits (no, on-failure[:max-retry], always, unless-stopped)',
    exclusive: ['auto-remove'],
  }),
  'auto-remove': Flags.boolean({description: 'Automatically remove the container when it exits', exclusive: ['restart']}),
  'image-driver': Flags.string({
    description: 'The image driver to use to pull container image: "docker" (Docker Hub) or "glance" (Glance)',
  }),
  interactive: Flags.boolean({description: 'Keep STDIN open even if not attached, allocate a pseudo-TTY'}),
  'security-group': Flags.string({
    description: 'The name of security group for the container. May be used multiple times.',
    multiple: true,
    multipleNonGreedy: true,
    exclusive: ['expose-port'],
  }),
  'expose-port': Flags.string({
    description: 'Expose container port(s) to outside (format: <port>[/<protocol>]).',
    multiple: true,
    multipleNonGreedy: true,
    exclusive: ['security-group'],
  }),
  hint: Flags.string({
    description: 'The key-value pair(s) for scheduler to select host. The format of this parameter is "key=value[,key=value]". May be used multiple times.',
    multiple: true,
    multipleNonGreedy: true,
  }),
  net: Flags.string({
    description:
      'Create network endpoints for the container: network=<name or ID>|port=<name or ID>[,v4-fixed-ip=<ip>][,v6-fixed-ip=<ip>]. May be used multiple times.',
    multiple: true,
    multipleNonGreedy: true,
  }),
  mount: Flags.string({
    description:
      'A volume mounted inside the container: source=<volume>,destination=<path> | size=<GiB>,destination=<path> | type=bind,source=<local file>,destination=<path>',
    multiple: true,
    multipleNonGreedy: true,
  }),
  runtime: Flags.string({description: 'The runtime to use for this container ("runc" or any other custom runtime; admin only by default)'}),
  hostname: Flags.string({description: 'Container host name'}),
  disk: Flags.integer({description: 'The disk size in GiB for per container.'}),
  'availability-zone': Flags.string({description: 'The availability zone of the container.'}),
  'auto-heal': Flags.boolean({description: 'The flag of healing non-existent container in docker'}),
  privileged: Flags.boolean({description: 'Give extended privileges to this container'}),
  healthcheck: Flags.string({
    description:
      'A test cmd to check that the container is healthy: cmd=<command>,interval=<time>,retries=<n>,timeout=<time> (time: N, Ns, Nm or Nh)',
  }),
  wait: Flags.boolean({description: 'Wait for create to complete (until Created; --timeout seconds, default 300)'}),
  'rm-on-interrupt': Flags.boolean({description: 'On Ctrl-C before the container is shown, delete it (--force) and wait until it is gone'}),
  registry: Flags.string({description: 'The container image registry ID or name.'}),
  host: Flags.string({description: 'Requested host to create containers. Admin only by default. (API 1.39 or above)'}),
  entrypoint: Flags.string({description: 'The entrypoint which overwrites the default ENTRYPOINT of the image.'}),
}

export default class AppcontainerCreate extends ZunCommand<typeof AppcontainerCreate> {
  static override summary = 'Create a container'
  static override description =
    'Everything after <image> is the command, even words that look like options, so options go before the image. ' +
    'Networks, ports and security groups are given by name or ID and resolved by Zun; a bad one fails the request and ' +
    'nothing is created. With --wait the command polls until the container is Created: a container that goes to Error ' +
    'fails with its status reason (exit 1), and the wait gives up after --timeout seconds (exit 4).'
  static override examples = [
    '<%= config.bin %> appcontainer create --os-region-name RegionOne --name c1 cirros sleep 100',
    '<%= config.bin %> appcontainer create --os-region-name RegionOne --net network=private --wait cirros',
  ]
  /** The words after the first positional are the container's command (argv.ts leaves them alone). */
  static remainderAfter = 1
  static override flags = createFlags
  static override args = {
    image: Args.string({description: 'name or ID or repo of the image (e.g. cirros:latest)', required: true}),
    // Documentation only: init() takes everything after <image> before oclif parses.
    command: Args.string({description: 'Send command to the container (every word after <image>, options included)'}),
  }

  /** `run` sets it: POST ?run=true, --wait until Running, --interactive attaches. */
  protected readonly runIt: boolean = false
  /** Everything after <image> (argparse REMAINDER). */
  protected command: string[] = []

  override async init(): Promise<void> {
    const ctor = this.ctor as typeof AppcontainerCreate
    const {head, rest} = splitRemainder(this.argv, {...ctor.baseFlags, ...ctor.flags}, 1)
    this.argv = head
    this.command = rest
    await super.init()
  }

  /** The create request from the flags; every input is checked here, before the first request. */
  protected async containerOpts(): Promise<import('../../src/clients/zun/containers.js').CreateContainerOpts> {
    const [{readFile}, zun] = await Promise.all([import('node:fs/promises'), import('../../src/clients/zun/container-api.js')])
    const f = this.flags
    return {
      image: this.args.image,
      name: f.name,
      cpu: f.cpu,
      memory: f.memory,
      environment: zun.formatArgs(f.environment, '--environment'),
      workdir: f.workdir,
      labels: zun.formatArgs(f.label, '--label'),
      imagePullPolicy: f['image-pull-policy'],
      imageDriver: f['image-driver'],
      autoRemove: f['auto-remove'],
      command: this.command,
      registry: f.registry,
      host: f.host,
      entrypoint: f.entrypoint ? zun.shlexSplit(f.entrypoint) : undefined,
      securityGroups: f['security-group'],
      exposedPorts: f['expose-port']?.length ? zun.exposedPorts(f['expose-port']) : undefined,
      restartPolicy: f.restart ? zun.restartPolicy(f.restart) : undefined,
      interactive: f.interactive,
      privileged: f.privileged,
      hints: zun.formatArgs(f.hint, '--hint'),
      nets: zun.parseNets(f.net),
      mounts: await zun.parseMounts(f.mount, (p) => readFile(p)),
      runtime: f.runtime,
      hostname: f.hostname,
      disk: f.disk,
      availabilityZone: f['availability-zone'],
      autoHeal: f['auto-heal'],
      healthcheck: f.healthcheck ? zun.parseHealthcheck(f.healthcheck) : undefined,
    }
  }

  async run(): Promise<Record<string, unknown> | Array<Record<string, unknown>>> {
    const [zun, {containerShowView}] = await Promise.all([
      import('../../src/clients/zun/container-api.js'),
      import('../../src/views/zun-container.js'),
    ])
    const f = this.flags
    const opts = await this.containerOpts()
    const zc = await this.zun()
    let container = await zun.createContainer(zc, opts, this.runIt)
    const label = `${container.name} (${container.uuid})`
    // Until it is printed, an interrupt says that it exists and how to delete it (or deletes it).
    const left = this.interrupt.track({
      what: `${container.name} (uuid ${container.uuid})`,
      region: zc.region || undefined,
      state: container.status,
      remove: `appcontainer delete --force ${container.uuid}`,
    })
    const rm = f['rm-on-interrupt'] ? this.interrupt.undoesOnAbort(`deleting container ${label} (--rm-on-interrupt)`) : undefined
    try {
      if (f.wait) {
        container = await zun.waitForContainerStatus(zc, container.uuid, {
          // A command that ends by itself may already have stopped when the poll comes.
          want: this.runIt ? [zun.ContainerStatus.Running, zun.ContainerStatus.Stopped] : [zun.ContainerStatus.Created],
          verb: this.runIt ? 'run' : 'create',
          timeoutMs: this.waitTimeoutMs(),
          label,
          signal: this.interrupt.signal,
          onPoll: (c) => {
            left.update({state: c.status})
            this.progress(`container ${label}${zc.region ? ` in ${zc.region}` : ''}`, c.status)
          },
        })
      }
      if (this.runIt && f.interactive) container = await this.attach(zc, container.uuid, label)
    } catch (error) {
      if (rm && this.interrupt.interrupted) {
        this.spinner.stop()
        await zun.deleteContainer(zc, container.uuid, {force: true})
        await zun.waitForContainerDeleted(zc, container.uuid, this.waitTimeoutMs(), undefined, (c) =>
          this.progress(`container ${label} to be deleted`, c?.status ?? 'Deleted'),
        )
        left.forget()
        this.logToStderr(`Deleted container ${label} (--rm-on-interrupt).`)
      }
      throw error
    } finally {
      rm?.()
    }
    left.forget()
    const v = containerShowView(container, {flatten: false})
    return this.printShow(v.fields, v.values, v.human)
  }

  /** `run --interactive`: wait for Running, then attach the terminal; the container is shown afterwards. */
  private async attach(zc: import('../../src/http/service-client.js').ServiceClient, uuid: string, label: string) {
    const [zun, ws] = await Promise.all([import('../../src/clients/zun/container-api.js'), import('../../src/clients/zun/websocket.js')])
    await zun.waitForContainerStatus(zc, uuid, {
      want: [zun.ContainerStatus.Running],
      verb: 'run',
      timeoutMs: this.waitTimeoutMs(),
      label,
    })
    const url = await zun.attachUrl(zc, uuid)
    const conn = await ws.connectWebSocket(url)
    const end = await ws.runConsole(conn, uuid, {
      stdin: process.stdin,
      stdout: process.stdout,
      note: (l) => this.logToStderr(l),
      resize: (w, h) => zun.resizeContainerTty(zc, uuid, w, h),
    })
    const dropped = ws.abnormalEnd(end, label)
    if (dropped) throw dropped
    return zun.getContainer(zc, uuid)
  }
}
