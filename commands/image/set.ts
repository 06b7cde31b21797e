import {Args, Flags} from '@oclif/core'

import {parseKeyValueList} from '../../src/core/key-values.js'
import {ApiCommand} from '../../src/cli/api-command.js'
import {CONTAINER_FORMATS, DISK_FORMATS} from '../../src/clients/glance/formats.js'

const VISIBILITY = ['public', 'private', 'community', 'shared'] as const
const others = <T extends string>(all: readonly T[], me: T) => all.filter((v) => v !== me)

export default class ImageSet extends ApiCommand<typeof ImageSet> {
  static override summary = 'Set image properties'
  static override description = 'Prints nothing, as `openstack image set`; with --json the result is the updated image.'
  static override examples = [
    '<%= config.bin %> image set cirros --property os_distro=cirros --tag test --os-region-name RegionOne',
    '<%= config.bin %> image set cirros --name cirros-0.6 --public --protected --os-region-name RegionOne',
  ]
  static override args = {image: Args.string({description: 'Image to modify (name or ID)', required: true})}
  static override flags = {
    name: Flags.string({description: 'New image name'}),
    'min-disk': Flags.integer({description: 'Minimum disk size needed to boot image, in gigabytes', min: 0}),
    'min-ram': Flags.integer({description: 'Minimum RAM size needed to boot image, in megabytes', min: 0}),
    'container-format': Flags.string({description: 'Image container format', options: [...CONTAINER_FORMATS]}),
    'disk-format': Flags.string({description: 'Image disk format', options: [...DISK_FORMATS]}),
    protected: Flags.boolean({description: 'Prevent image from being deleted', exclusive: ['unprotected']}),
    unprotected: Flags.boolean({description: 'Allow image to be deleted (default)', exclusive: ['protected']}),
    public: Flags.boolean({description: 'Image is accessible to the public', exclusive: others(VISIBILITY, 'public')}),
    private: Flags.boolean({description: 'Image is inaccessible to the public (default)', exclusive: others(VISIBILITY, 'private')}),
    community: Flags.boolean({description: 'Image is accessible to the community', exclusive: others(VISIBILITY, 'community')}),
    shared: Flags.boolean({description: 'Image can be shared', exclusive: others(VISIBILITY, 'shared')}),
    property: Flags.string({description: 'Set a property on this image (key=value, repeatable)', multiple: true}),
    tag: Flags.string({description: 'Set a tag on this image (repeatable)', multiple: true}),
    architecture: Flags.string({description: 'Operating system architecture'}),
    'instance-id': Flags.string({description: 'ID of server instance used to create this image'}),
    'kernel-id': Flags.string({description: 'ID of kernel image used to boot this disk image'}),
    'os-distro': Flags.string({description: 'Operating system distribution name'}),
    'os-version': Flags.string({description: 'Operating system distribution version'}),
    'ramdisk-id': Flags.string({description: 'ID of ramdisk image used to boot this disk image'}),
    deactivate: Flags.boolean({description: 'Deactivate the image', exclusive: ['activate']}),
    activate: Flags.boolean({description: 'Activate the image', exclusive: ['deactivate']}),
    hidden: Flags.boolean({description: 'Hide the image', exclusive: ['unhidden']}),
    unhidden: Flags.boolean({description: 'Unhide the image', exclusive: ['hidden']}),
  }

  async run() {
    const [glance, {imageShowObject}] = await Promise.all([
      import('../../src/clients/glance/images.js'),
      import('../../src/views/image.js'),
    ])
    const f = this.flags
    const properties: Record<string, string> = {}
    const extra: Array<[string, string | undefined]> = [
      ['architecture', f.architecture],
      ['instance_uuid', f['instance-id']],
      ['kernel_id', f['kernel-id']],
      ['os_distro', f['os-distro']],
      ['os_version', f['os-version']],
      ['ramdisk_id', f['ramdisk-id']],
    ]
    for (const [k, v] of extra) if (v !== undefined) properties[k] = v
    Object.assign(properties, parseKeyValueList('--property', f.property))
    const c = await (await this.session()).client('image')
    const image = await glance.findImage(c, this.args.image)
    if (f.deactivate) await glance.deactivateImage(c, image.id)
    if (f.activate) await glance.reactivateImage(c, image.id)
    const ops = glance.buildPatch(image, {
      name: f.name,
      min_disk: f['min-disk'],
      min_ram: f['min-ram'],
      container_format: f['container-format'],
      disk_format: f['disk-format'],
      protected: f.protected ? true : f.unprotected ? false : undefined,
      visibility: VISIBILITY.find((v) => f[v]),
      os_hidden: f.hidden ? true : f.unhidden ? false : undefined,
      tags: f.tag,
      properties,
    })
    let updated: typeof image | undefined
    try {
      updated = await glance.updateImage(c, image.id, ops)
    } catch (error) {
      if (f.deactivate || f.activate) this.warn(`image ${image.id} was ${f.deactivate ? 'deactivated' : 'activated'}`)
      throw error
    }
    return imageShowObject(updated ?? (ops.length || f.deactivate || f.activate ? await glance.getImage(c, image.id) : image))
  }
}
