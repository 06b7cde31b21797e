import {describe, expect, it} from 'vitest'

import {
  AmbiguousError,
  ApiError,
  ConfigError,
  errorMessageFromBody,
  MrctlError,
  shortSchemaDetail,
  UsageError,
  WaitTimeoutError,
} from '../../../src/core/errors.js'

describe('errorMessageFromBody', () => {
  it('Keystone {"error": {"message"}}', () => {
    const body = {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}}
    expect(errorMessageFromBody(JSON.stringify(body), 401)).toBe('The request you have made requires authentication.')
  })

  it('Neutron {"NeutronError": {"message"}}', () => {
    const body = {NeutronError: {type: 'NetworkNotFound', message: 'Network abc could not be found.', detail: ''}}
    expect(errorMessageFromBody(JSON.stringify(body), 404)).toBe('Network abc could not be found.')
  })

  it('Octavia (wsme) faultstring', () => {
    const body = {faultcode: 'Client', faultstring: 'Load Balancer 607226db is immutable and cannot be updated.', debuginfo: null}
    expect(errorMessageFromBody(JSON.stringify(body), 409)).toBe('Load Balancer 607226db is immutable and cannot be updated.')
  })

  it('Glance JSON faultstring and message forms', () => {
    expect(errorMessageFromBody('{"faultstring": "Image abc not found."}', 404)).toBe('Image abc not found.')
    expect(errorMessageFromBody('{"code": 400, "title": "Bad Request", "message": "Invalid disk format."}', 400)).toBe('Invalid disk format.')
  })

  it('Zun {"errors": [{"detail"}]}, several joined', () => {
    const one = {errors: [{request_id: '', code: '', status: 404, title: 'Not Found', detail: 'Container c1 could not be found.', links: []}]}
    expect(errorMessageFromBody(JSON.stringify(one), 404)).toBe('Container c1 could not be found.')
    const two = {errors: [{title: 'Bad Request', detail: 'a is wrong'}, {title: 'Conflict'}]}
    expect(errorMessageFromBody(JSON.stringify(two), 400)).toBe('a is wrong; Conflict')
  })

  it('Tricircle format_api_error {"<errorType>": {"message", "code"}}', () => {
    expect(errorMessageFromBody('{"itemNotFound": {"message": "Pod p1 could not be found", "code": 404}}', 404)).toBe(
      'Pod p1 could not be found',
    )
    expect(errorMessageFromBody('{"badRequest": {"message": "pod_name is required", "code": 400}}', 400)).toBe('pod_name is required')
  })

  it('Tricircle pecan.abort as JSON {"code", "title", "description"}', () => {
    expect(errorMessageFromBody('{"code": 409, "title": "Conflict", "description": "Pod with region RegionOne exists"}', 409)).toBe(
      'Pod with region RegionOne exists',
    )
  })

  // webob pages: the markup, the <title> and the "404 Not Found" heading go (the status is printed anyway).
  it('a webob HTML page keeps the explanation, without markup, <title> or status heading', () => {
    const html =
      '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\nNo image found with ID abc\n </body>\n</html>'
    expect(errorMessageFromBody(html, 404)).toBe('The resource could not be found. No image found with ID abc')
  })

  it('a webob HTML page has its entities decoded', () => {
    const html = '<html><body><h1>409 Conflict</h1>Pod &quot;p1&quot; exists &amp; is in use &lt;RegionOne&gt;</body></html>'
    expect(errorMessageFromBody(html, 409)).toBe('Pod "p1" exists & is in use <RegionOne>')
  })

  it('a plain-text body is kept, on one line', () => {
    expect(errorMessageFromBody('404 Not Found\n\nThe resource could not be found.\n\nPod p9 is missing\n   ', 404)).toBe(
      'The resource could not be found. Pod p9 is missing',
    )
    expect(errorMessageFromBody('Routing r1 not found', 404)).toBe('Routing r1 not found')
  })

  it('an empty body gives the status reason and says the body was empty; an empty JSON body gives the reason', () => {
    expect(errorMessageFromBody('', 503)).toBe('Service Unavailable (empty response body)')
    expect(errorMessageFromBody('  \n', 500)).toBe('Internal Server Error (empty response body)')
    expect(errorMessageFromBody('', 418)).toBe('HTTP 418 (empty response body)')
    expect(errorMessageFromBody('{}', 404)).toBe('Not Found')
    expect(errorMessageFromBody('null', 502)).toBe('Bad Gateway')
  })

  it('a JSON body with no known key is shown when short, else the reason', () => {
    expect(errorMessageFromBody('{"foo": 1, "bar": 2}', 400)).toBe('{"foo": 1, "bar": 2}')
    expect(errorMessageFromBody(JSON.stringify({foo: 'x'.repeat(400), bar: 1}), 502)).toBe('Bad Gateway')
  })
})

describe('error classes', () => {
  it('ApiError reads "<Service> <status>: <message> (request <id>)" and carries its parts', () => {
    const e = new ApiError('Neutron', 404, 'Network abc could not be found.', 'req-1', 'http://h/v2.0/networks/abc', {x: 1})
    expect(e.message).toBe('Neutron 404: Network abc could not be found. (request req-1)')
    expect(e).toMatchObject({service: 'Neutron', status: 404, requestId: 'req-1', code: 'HTTP404', exitCode: 1, name: 'ApiError'})
    expect(new ApiError('Glance', 500, 'boom', undefined, 'u').message).toBe('Glance 500: boom')
  })

  it('exit codes: usage 2, timeout 4, others 1', () => {
    expect(new UsageError('x').exitCode).toBe(2)
    expect(new WaitTimeoutError('x').exitCode).toBe(4)
    expect(new ConfigError('x').exitCode).toBe(1)
    expect(new MrctlError('x').exitCode).toBe(1)
    expect(new WaitTimeoutError('x', ['a']).actions).toEqual(['a'])
    expect(new AmbiguousError('x', ['1', '2']).data).toEqual({ids: ['1', '2']})
    expect(new ConfigError('x').name).toBe('ConfigError')
  })
})

describe('Glance faultstring markup', () => {
  it('drops webob <br /> tags and trailing blank lines', async () => {
    const {errorMessageFromBody} = await import('../../../src/core/errors.js')
    const body = JSON.stringify({message: 'Attribute container_format can be only replaced for a queued image.<br /><br />\n\n\n', code: '403 Forbidden', title: 'Forbidden'})
    expect(errorMessageFromBody(body, 403)).toBe('Attribute container_format can be only replaced for a queued image.')
  })
})

describe("Zun's jsonschema reports", () => {
  // As zun-api (Zed) sends it: jsonschema's str(error) after Zun's own prefix.
  const NAME_TOO_SHORT =
    "Invalid input for field 'name'.Value: 'a'. 'a' is too short\n\nFailed validating 'minLength' in schema['properties']['name']:\n" +
    "    {'maxLength': 255,\n     'minLength': 2,\n     'pattern': '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$',\n     'type': ['string', 'null']}\n\nOn instance:\n    'a'"
  const RUN_BAD =
    "Invalid input for query parameters 'run'. Value: 'maybe'. 'maybe' is not one of [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', False]\n\n" +
    "Failed validating 'enum' in schema['properties']['run']:\n    {'enum': [True,\n              'True'],\n     'type': ['boolean', 'string']}\n\nOn instance:\n    'maybe'"

  it('the message keeps the field and the first sentence of the reason', () => {
    expect(shortSchemaDetail(NAME_TOO_SHORT)).toBe("Invalid input for field 'name': 'a' is too short")
    expect(shortSchemaDetail(RUN_BAD)).toBe(
      "Invalid input for query parameter 'run': 'maybe' is not one of [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', False]",
    )
  })

  it('messages without a jsonschema report are left alone', () => {
    for (const m of ["'image' is a required property", "Additional properties are not allowed ('foo' was unexpected)", 'Container x could not be found.']) {
      expect(shortSchemaDetail(m)).toBe(m)
    }
  })

  it('an ApiError from such a body: short message, the full text kept for --debug', () => {
    const body = {errors: [{request_id: '', code: 'container.schema-validation-error', status: 400, title: NAME_TOO_SHORT, detail: NAME_TOO_SHORT, links: []}]}
    const detail = errorMessageFromBody(JSON.stringify(body), 400)
    expect(detail).toBe("Invalid input for field 'name': 'a' is too short")
    const err = new ApiError('Zun', 400, detail, 'req-1', 'http://zun/v1/containers', body)
    expect(err.message).toBe("Zun 400: Invalid input for field 'name': 'a' is too short (request req-1)")
    expect(err.fullDetail).toBe(NAME_TOO_SHORT)
  })
})

describe('pecan JSON errors without a description', () => {
  it("Tricircle's 404 and 405 (description null or ''): the title", () => {
    expect(errorMessageFromBody('{"code": 404, "title": "Not Found", "description": null}', 404)).toBe('Not Found')
    expect(errorMessageFromBody('{"code": 405, "title": "Method Not Allowed", "description": ""}', 405)).toBe('Method Not Allowed')
  })
})
