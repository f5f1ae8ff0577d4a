import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ViewContextProvider, type ViewContext } from './context.js';

/** Renders a full HTML document; preact escapes every text and attribute value. */
export function renderDocument(context: ViewContext, page: ComponentChildren): string {
  return `<!doctype html>${renderToString(<ViewContextProvider.Provider value={context}>{page}</ViewContextProvider.Provider>)}`;
}

/** Renders a part of a page exactly as it appears inside the whole document. */
export function renderFragment(context: ViewContext, part: ComponentChildren): string {
  return renderToString(<ViewContextProvider.Provider value={context}>{part}</ViewContextProvider.Provider>);
}
