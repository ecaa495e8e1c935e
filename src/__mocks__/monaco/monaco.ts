/**
 * A stand-in for the `monaco-editor` package in jest (mapped in jest.config.js): Monaco does not
 * run in jsdom. It records what the plugin registers (languages, completion and semantic-token
 * providers) and the markers it sets, so that tests drive the real adapter (src/language/monaco.ts)
 * through Grafana's real CodeEditor. The browser tests run the real Monaco.
 */
export interface FakeModel {
  id: string;
  getValue(): string;
  setValue(text: string): void;
  getOffsetAt(p: { lineNumber: number; column: number }): number;
  getPositionAt(offset: number): { lineNumber: number; column: number };
  onDidChangeContent(listener: () => void): { dispose(): void };
  markers: Record<string, object[]>;
}

let models = 0;

export function createFakeModel(text: string): FakeModel {
  let value = text;
  const listeners = new Set<() => void>();
  const starts = () => [0, ...[...value].flatMap((c, i) => (c === '\n' ? [i + 1] : []))];
  return {
    id: `model-${++models}`,
    getValue: () => value,
    setValue(t: string) {
      value = t;
      listeners.forEach((l) => l());
    },
    getOffsetAt: ({ lineNumber, column }) => starts()[lineNumber - 1] + column - 1,
    getPositionAt(offset: number) {
      const s = starts();
      const line = s.filter((x) => x <= offset).length;
      return { lineNumber: line, column: offset - s[line - 1] + 1 };
    },
    onDidChangeContent(listener: () => void) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    markers: {},
  };
}

/** What was registered, by language id. */
export const registry = {
  languages: [] as string[],
  completion: {} as Record<string, { provideCompletionItems: Function; triggerCharacters?: string[] }>,
  tokens: {} as Record<string, object>,
};

export function resetFakeMonaco() {
  registry.languages.length = 0;
  registry.completion = {};
  registry.tokens = {};
}

const disposable = { dispose() {} };

export const languages = {
  register: ({ id }: { id: string }) => registry.languages.push(id),
  registerCompletionItemProvider(id: string, p: { provideCompletionItems: Function }) {
    registry.completion[id] = p;
    return disposable;
  },
  registerDocumentSemanticTokensProvider(id: string, p: object) {
    registry.tokens[id] = p;
    return disposable;
  },
  CompletionItemKind: {
    Method: 0,
    Function: 1,
    Field: 3,
    Variable: 4,
    Property: 9,
    Operator: 11,
    Value: 13,
    Keyword: 17,
    Text: 18,
    Constant: 14,
  },
};

export const editor = {
  setModelMarkers(model: FakeModel, owner: string, markers: object[]) {
    model.markers[owner] = markers;
  },
  defineTheme() {},
  remeasureFonts() {},
};

export const MarkerSeverity = { Error: 8 };
export const KeyMod = { Shift: 1024, CtrlCmd: 2048 };
export const KeyCode = { Enter: 3, KeyS: 49 };
