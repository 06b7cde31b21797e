export function lazyRequireSource(name: string, bundled?: string): string
