/**
 * Monaco in the playground, as Grafana sets it up (public/app/core/monacoEnv.ts, `setMonacoEnv()`,
 * called by app.ts before anything renders): Monaco's editor worker is built from the local
 * node_modules/monaco-editor into the host bundle (webpack's `new Worker(new URL(...))`), never
 * fetched from a CDN. Monaco itself comes the same way: @grafana/ui's ReactMonacoEditor imports
 * the bundled `monaco-editor` and hands it to @monaco-editor/react's loader
 * (`loader.config({ monaco })`), so the loader's CDN default (jsdelivr) is never used; the browser
 * tests check that no request leaves loopback. The plugin's dist/module.js contains no Monaco: it
 * uses the instance CodeEditor passes to its callbacks.
 */
declare const self: Window & { MonacoEnvironment?: { getWorker(moduleId: string, label: string): Worker } };

export function setMonacoEnv(): void {
  self.MonacoEnvironment = {
    // The plugin's languages need no language service: every label gets the editor worker.
    getWorker: () => new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker', import.meta.url)),
  };
}
