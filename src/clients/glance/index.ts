export * from './images.js'
export * from './data.js'
export * from './upload.js'
export {StreamingTransport, streamingClient} from './stream-transport.js'
