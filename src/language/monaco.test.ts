import {
  encodeTokens,
  LANGUAGE_IDS,
  ModelLike,
  MonacoLike,
  registerLanguages,
  toSuggestions,
  updateMarkers,
} from './monaco';

function model(text: string): ModelLike {
  const starts = [0, ...[...text].flatMap((c, i) => (c === '\n' ? [i + 1] : []))];
  return {
    getValue: () => text,
    getOffsetAt: ({ lineNumber, column }) => starts[lineNumber - 1] + column - 1,
    getPositionAt: (offset) => {
      const line = starts.filter((s) => s <= offset).length;
      return { lineNumber: line, column: offset - starts[line - 1] + 1 };
    },
  };
}

function fakeMonaco() {
  const providers: Record<string, any> = {};
  const markers: any[] = [];
  const monaco: MonacoLike = {
    languages: {
      register: jest.fn(),
      registerCompletionItemProvider: (id, p) => ((providers[`complete:${id}`] = p), { dispose: jest.fn() }),
      registerDocumentSemanticTokensProvider: (id, p) => ((providers[`tokens:${id}`] = p), { dispose: jest.fn() }),
      CompletionItemKind: {
        Keyword: 17,
        Operator: 11,
        Function: 1,
        Method: 0,
        Field: 3,
        Property: 9,
        Value: 13,
        Variable: 4,
        Text: 18,
      },
    },
    editor: { setModelMarkers: (_m, owner, list) => markers.push({ owner, list }) },
    MarkerSeverity: { Error: 8 },
  };
  return { monaco, providers, markers };
}

describe('Monaco adapter', () => {
  it('registers both languages once per Monaco instance', () => {
    const { monaco, providers } = fakeMonaco();
    registerLanguages(monaco, () => ({}));
    registerLanguages(monaco, () => ({}));
    expect(monaco.languages.register).toHaveBeenCalledTimes(2);
    expect(Object.keys(providers).sort()).toEqual([
      'complete:gnocchi-operations',
      'complete:gnocchi-search',
      'tokens:gnocchi-operations',
      'tokens:gnocchi-search',
    ]);
  });

  it('suggests with line/column ranges and the context of the model', () => {
    const { monaco, providers } = fakeMonaco();
    const m = model('(aggregate mean\n  (metric c');
    registerLanguages(monaco, (mm) => (mm === m ? { metrics: ['cpu', 'memory'] } : undefined));
    const out = providers[`complete:${LANGUAGE_IDS.operations}`].provideCompletionItems(m, {
      lineNumber: 2,
      column: 12,
    });
    expect(out.suggestions).toEqual([
      expect.objectContaining({
        label: 'cpu',
        kind: 3,
        insertText: 'cpu',
        range: { startLineNumber: 2, startColumn: 11, endLineNumber: 2, endColumn: 12 },
      }),
    ]);
    const other = providers[`complete:${LANGUAGE_IDS.operations}`].provideCompletionItems(model('('), {
      lineNumber: 1,
      column: 2,
    });
    expect(other.suggestions).toEqual([]);
  });

  it('encodes semantic tokens relatively, line by line', () => {
    const data = encodeTokens('(metric\n cpu mean)', [
      { from: 1, to: 7, type: 'keyword' },
      { from: 9, to: 12, type: 'metric' },
      { from: 13, to: 17, type: 'function' },
    ]);
    expect([...data]).toEqual([0, 1, 6, 0, 0, 1, 1, 3, 3, 0, 0, 4, 4, 2, 0]);
    const split = encodeTokens("a = 'x\ny'", [{ from: 4, to: 9, type: 'string' }]);
    expect([...split]).toEqual([0, 4, 2, 6, 0, 1, 0, 2, 6, 0]);
  });

  it('shows the first error as a marker', () => {
    const { monaco, markers } = fakeMonaco();
    const errors = updateMarkers(monaco, model("host = 'a' and\nx in 'b'"), 'search');
    expect(errors).toHaveLength(1);
    expect(markers[0]).toEqual({
      owner: 'gnocchi-search',
      list: [
        expect.objectContaining({ startLineNumber: 2, startColumn: 6, endLineNumber: 2, endColumn: 9, severity: 8 }),
      ],
    });
    updateMarkers(monaco, model('(metric cpu mean)'), 'operations');
    expect(markers[1].list).toEqual([]);
  });

  it('the suggestions keep the order of the items', () => {
    const s = toSuggestions(
      [
        { label: 'b', kind: 'value', range: { from: 0, to: 0 } },
        { label: 'a', kind: 'variable', range: { from: 0, to: 0 } },
      ],
      model(''),
      { Value: 1, Variable: 2 }
    );
    expect(s.map((x) => [x.label, x.kind, x.sortText])).toEqual([
      ['b', 1, '0000'],
      ['a', 2, '0001'],
    ]);
  });
});
