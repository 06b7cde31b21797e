import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {iterErrors, schemaError, type Schema, type SchemaError} from '../../../../src/sim/zun/jsonschema.js'
import * as schemas from '../../../../src/sim/zun/schemas.js'

/**
 * The emulator's schema errors against what zun-api (Zed) sends: jsonschema-cases.json holds
 * request values and the `detail` that Zun's SchemaValidator made of them with python-jsonschema
 * 4.10 and Zun's own schemas (`[name, schema, value, kind, detail]`, detail null when valid).
 */

const SCHEMAS: Record<string, Schema> = {
  'c.container_create_v140': schemas.containerCreateV140,
  'c.legacy_container_create': schemas.legacyContainerCreate,
  'c.query_param_create': schemas.queryCreate,
  'c.query_param_delete': schemas.queryDelete,
  'c.container_update': schemas.containerUpdate,
  'c.query_param_signal': schemas.querySignal,
  'c.network_attach': schemas.networkAttach,
  'c.network_detach': schemas.networkDetach,
  'im.image_create': schemas.imageCreate,
  'q.query_param_update': schemas.quotaUpdate,
}

const cases = JSON.parse(readFileSync(new URL('./jsonschema-cases.json', import.meta.url), 'utf8')) as Array<
  [string, string, unknown, 'body' | 'query', string | null]
>

describe('Zun schema errors, as the real server words them', () => {
  it.each(cases)('%s', (_name, ref, value, kind, detail) => {
    const schema = SCHEMAS[ref]
    expect(schema, ref).toBeDefined()
    const first = iterErrors(value, schema).next().value as SchemaError | undefined
    expect(first ? schemaError(first, kind).detail : null).toBe(detail)
  })
})
