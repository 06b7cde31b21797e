import {afterEach, describe, expect, it} from 'vitest'

import {ApiError, errorMessageFromBody} from '../../../src/core/errors.js'
import {Transport} from '../../../src/http/transport.js'
import {fakeServerPool} from '../../fakes/server.js'

// The four error body shapes Tricircle mixes (reference §3.2), as the real server writes them.
const HTML_404 = `<html>
 <head>
  <title>404 Not Found</title>
 </head>
 <body>
  <h1>404 Not Found</h1>
  The resource could not be found.<br /><br />
Pod not found
 </body>
</html>`

const HTML_400_ESCAPED = `<html>
 <head>
  <title>400 Bad Request</title>
 </head>
 <body>
  <h1>400 Bad Request</h1>
  The server could not comply with the request since it is either malformed or otherwise incorrect.<br /><br />
Field &#39;x&#39; &amp; &quot;y&quot; &lt;z&gt;
 </body>
</html>`

const TEXT_404 = '404 Not Found\n\nThe resource could not be found.\n\nPod not found'

describe('errorMessageFromBody: Tricircle bodies', () => {
  it('shape A (format_api_error): the message under the error-type key', () => {
    expect(errorMessageFromBody(`{"badRequest": {"message": "Some required fields are not specified: {'pod_id'}", "code": 400}}`, 400)).toBe(
      "Some required fields are not specified: {'pod_id'}",
    )
    expect(errorMessageFromBody('{"conflictingRequest": {"message": "Resource routing already exists", "code": 409}}', 409)).toBe(
      'Resource routing already exists',
    )
    expect(errorMessageFromBody('{"forbidden": {"message": "Unauthorized to create a job", "code": 403}}', 403)).toBe('Unauthorized to create a job')
  })

  it('shape B as JSON (Accept: application/json): the description', () => {
    expect(errorMessageFromBody('{"code": 404, "title": "Not Found", "description": "Pod not found"}', 404)).toBe('Pod not found')
  })

  it('shape B as HTML (Accept with */*): the text without markup or the repeated status heading', () => {
    expect(errorMessageFromBody(HTML_404, 404)).toBe('The resource could not be found. Pod not found')
  })

  it('shape B as HTML: entities webob escaped are decoded', () => {
    expect(errorMessageFromBody(HTML_400_ESCAPED, 400)).toBe(
      'The server could not comply with the request since it is either malformed or otherwise incorrect. Field \'x\' & "y" <z>',
    )
  })

  it('shape B as text/plain (no Accept): the explanation and detail, without the status line', () => {
    expect(errorMessageFromBody(TEXT_404, 404)).toBe('The resource could not be found. Pod not found')
  })

  it('shape B for a wrong method: the explanation', () => {
    const html = '<html>\n <head>\n  <title>405 Method Not Allowed</title>\n </head>\n <body>\n  <h1>405 Method Not Allowed</h1>\n  The method PUT is not allowed for this resource.\n </body>\n</html>'
    expect(errorMessageFromBody(html, 405)).toBe('The method PUT is not allowed for this resource.')
  })

  it('shape C (pecan.Response text labelled text/html): the bare text', () => {
    expect(errorMessageFromBody('Top region already exists', 409)).toBe('Top region already exists')
    expect(errorMessageFromBody('Valid region_name is required for top region', 422)).toBe('Valid region_name is required for top region')
    expect(errorMessageFromBody('Pod not found', 404)).toBe('Pod not found')
  })

  it("shape D (unhandled exception, empty 500): says the body was empty, never 'message'", () => {
    expect(errorMessageFromBody('', 500)).toBe('Internal Server Error (empty response body)')
    expect(errorMessageFromBody('  \n', 500)).toBe('Internal Server Error (empty response body)')
  })

  it('keystonemiddleware 401 in front of Tricircle', () => {
    expect(
      errorMessageFromBody('{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}', 401),
    ).toBe('The request you have made requires authentication.')
  })

  it('a JSON body with nothing in it gives the reason phrase', () => {
    expect(errorMessageFromBody('null', 500)).toBe('Internal Server Error')
    expect(errorMessageFromBody('{}', 400)).toBe('Bad Request')
  })
})

describe('ApiError as printed, through the transport', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  const transport = new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl-test'})
  const RID = 'req-0f3c6a1e-2b7d-4c59-9e8a-5d1f2a3b4c6d'

  async function errorFor(reply: {status: number; text?: string; json?: unknown; contentType?: string}): Promise<ApiError> {
    const s = await fakes.start('tricircle')
    s.on({method: 'GET', path: '/v1.0/pods/x', token: 'tok', reply: {...reply, headers: {'X-Openstack-Request-Id': RID}}})
    const err = await transport
      .request({method: 'GET', url: `${s.url}/v1.0/pods/x`, service: 'Tricircle', headers: {'X-Auth-Token': 'tok'}})
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(err).toBeInstanceOf(ApiError)
    return err as ApiError
  }

  it('an empty 500', async () => {
    const e = await errorFor({status: 500, text: '', contentType: 'text/plain'})
    expect(e.message).toBe(`Tricircle 500: Internal Server Error (empty response body) (request ${RID})`)
  })

  it('a text/html page', async () => {
    const e = await errorFor({status: 404, text: HTML_404, contentType: 'text/html; charset=UTF-8'})
    expect(e.message).toBe(`Tricircle 404: The resource could not be found. Pod not found (request ${RID})`)
  })

  it('bare text labelled text/html', async () => {
    const e = await errorFor({status: 409, text: 'Top region already exists', contentType: 'text/html; charset=UTF-8'})
    expect(e.message).toBe(`Tricircle 409: Top region already exists (request ${RID})`)
  })

  it('format_api_error JSON', async () => {
    const e = await errorFor({status: 404, json: {itemNotFound: {message: 'Resource routing not found', code: 404}}})
    expect(e.message).toBe(`Tricircle 404: Resource routing not found (request ${RID})`)
  })
})
