/**
 * The two languages in Monaco (Grafana's CodeEditor): completion provider, semantic tokens and
 * error markers over the pure functions of src/language. Monaco is never imported: the instance
 * Grafana passes to `onBeforeEditorMount` / `onEditorDidMount` is used through the structural
 * types below, so nothing of Monaco enters the bundle.
 */
import type { CompletionContext, CompletionItem, CompletionKind, HighlightToken, HighlightType } from './assist';
import type { LanguageError } from './common';
import { completeSearch, highlightSearch, validateSearch } from './filter';
import { completeOperations, highlightOperations, validateOperations } from './operations';

export const LANGUAGE_IDS = { operations: 'gnocchi-operations', search: 'gnocchi-search' } as const;
export type LanguageName = keyof typeof LANGUAGE_IDS;

interface Position {
  lineNumber: number;
  column: number;
}

/** The part of a Monaco text model used here. */
export interface ModelLike {
  getValue(): string;
  getOffsetAt(position: Position): number;
  getPositionAt(offset: number): Position;
}

interface Disposable {
  dispose(): void;
}

/** The part of the Monaco namespace used here. */
export interface MonacoLike {
  languages: {
    register(language: { id: string }): void;
    registerCompletionItemProvider(id: string, provider: object): Disposable;
    registerDocumentSemanticTokensProvider(id: string, provider: object): Disposable;
    CompletionItemKind: Record<string, number>;
  };
  editor: { setModelMarkers(model: ModelLike, owner: string, markers: object[]): void };
  MarkerSeverity: { Error: number };
}

const ASSIST = {
  operations: { complete: completeOperations, highlight: highlightOperations, validate: validateOperations },
  search: { complete: completeSearch, highlight: highlightSearch, validate: validateSearch },
};

/** Token types of the semantic-tokens legend (Monaco themes know these names). */
export const TOKEN_TYPES: HighlightType[] = [
  'keyword',
  'operator',
  'function',
  'metric',
  'attribute',
  'number',
  'string',
  'constant',
  'variable',
  'delimiter',
  'invalid',
];
const LEGEND_NAMES: Record<HighlightType, string> = {
  keyword: 'keyword',
  operator: 'operator',
  function: 'function',
  metric: 'type',
  attribute: 'property',
  number: 'number',
  string: 'string',
  constant: 'enumMember',
  variable: 'variable',
  delimiter: 'operator',
  invalid: 'regexp',
};

const KINDS: Record<CompletionKind, string> = {
  operation: 'Keyword',
  operator: 'Operator',
  function: 'Function',
  method: 'Method',
  metric: 'Field',
  attribute: 'Property',
  value: 'Value',
  keyword: 'Keyword',
  variable: 'Variable',
};

function range(model: ModelLike, from: number, to: number) {
  const start = model.getPositionAt(from);
  const end = model.getPositionAt(to);
  return {
    startLineNumber: start.lineNumber,
    startColumn: start.column,
    endLineNumber: end.lineNumber,
    endColumn: end.column,
  };
}

/** Completion items as Monaco suggestions (ranges in lines and columns). */
export function toSuggestions(items: CompletionItem[], model: ModelLike, kinds: Record<string, number>) {
  return items.map((item, i) => ({
    label: item.label,
    kind: kinds[KINDS[item.kind]] ?? kinds.Text,
    insertText: item.insertText ?? item.label,
    detail: item.detail,
    sortText: String(i).padStart(4, '0'),
    range: range(model, item.range.from, item.range.to),
  }));
}

/** Semantic tokens of a text: Monaco's relative encoding, tokens split at line ends. */
export function encodeTokens(text: string, tokens: HighlightToken[]): Uint32Array {
  const data: number[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      lineStarts.push(i + 1);
    }
  }
  let prevLine = 0;
  let prevChar = 0;
  for (const t of tokens) {
    for (let line = lineStarts.filter((s) => s <= t.from).length - 1; line < lineStarts.length; line++) {
      const start = Math.max(t.from, lineStarts[line]);
      const end = Math.min(t.to, (lineStarts[line + 1] ?? text.length + 1) - 1);
      if (start >= t.to) {
        break;
      }
      if (end > start) {
        const char = start - lineStarts[line];
        data.push(
          line - prevLine,
          line === prevLine ? char - prevChar : char,
          end - start,
          TOKEN_TYPES.indexOf(t.type),
          0
        );
        prevLine = line;
        prevChar = char;
      }
    }
  }
  return Uint32Array.from(data);
}

/** Error markers of a text (the first error, as validate gives it). */
export function toMarkers(errors: LanguageError[], model: ModelLike, severity: number) {
  return errors.map((e) => ({ ...range(model, e.from, Math.max(e.to, e.from)), message: e.message, severity }));
}

/**
 * Validates the model's text (with the language's validator, or the field's own: e.g. blank
 * operations are an incomplete query, not an error) and shows its error as a marker; returns the errors.
 */
export function updateMarkers(
  monaco: MonacoLike,
  model: ModelLike,
  language: LanguageName,
  validate: (text: string) => LanguageError[] = ASSIST[language].validate
): LanguageError[] {
  const errors = validate(model.getValue());
  monaco.editor.setModelMarkers(model, LANGUAGE_IDS[language], toMarkers(errors, model, monaco.MarkerSeverity.Error));
  return errors;
}

/** Where completion was asked: the model's text and the cursor offset. */
export interface CompletionAt {
  text: string;
  offset: number;
}

/** The completion context of a model: known at once, or after look-ups (Monaco awaits a promise). */
export type ContextSource = (
  model: ModelLike,
  language: LanguageName,
  at: CompletionAt
) => CompletionContext | undefined | Promise<CompletionContext | undefined>;

const attached = new WeakMap<object, ContextSource>();

/**
 * Gives a model (one editor field) its completion context, until the returned function is called
 * (on unmount). The providers are registered once per Monaco instance and shared by every field.
 */
export function attachModel(model: ModelLike, source: ContextSource): () => void {
  attached.set(model, source);
  return () => {
    if (attached.get(model) === source) {
      attached.delete(model);
    }
  };
}

/** The context of an attached model; a model no field attached gets no suggestions. */
export const attachedContext: ContextSource = (model, language, at) => attached.get(model)?.(model, language, at);

const registered = new WeakMap<object, Disposable[]>();

/**
 * Registers both languages once per Monaco instance (call from `onBeforeEditorMount`). `context`
 * gives the completion context of a model (metric names, attributes, variables of the editor it
 * belongs to; by default the one `attachModel` gave it); a model it does not know gets no suggestions.
 */
export function registerLanguages(monaco: MonacoLike, context: ContextSource = attachedContext): void {
  if (registered.has(monaco)) {
    return;
  }
  const disposables: Disposable[] = [];
  for (const language of Object.keys(LANGUAGE_IDS) as LanguageName[]) {
    const id = LANGUAGE_IDS[language];
    const suggest = (model: ModelLike, at: CompletionAt, ctx: CompletionContext | undefined) => {
      if (!ctx) {
        return { suggestions: [] };
      }
      const items = ASSIST[language].complete(at.text, at.offset, ctx);
      return { suggestions: toSuggestions(items, model, monaco.languages.CompletionItemKind) };
    };
    monaco.languages.register({ id });
    disposables.push(
      monaco.languages.registerCompletionItemProvider(id, {
        triggerCharacters: language === 'operations' ? ['(', ' ', '"', '$'] : [' ', "'", '"', '[', '$', '{'],
        provideCompletionItems(model: ModelLike, position: Position) {
          const at = { text: model.getValue(), offset: model.getOffsetAt(position) };
          const ctx = context(model, language, at);
          return ctx instanceof Promise ? ctx.then((c) => suggest(model, at, c)) : suggest(model, at, ctx);
        },
      }),
      monaco.languages.registerDocumentSemanticTokensProvider(id, {
        getLegend: () => ({ tokenTypes: TOKEN_TYPES.map((t) => LEGEND_NAMES[t]), tokenModifiers: [] }),
        provideDocumentSemanticTokens(model: ModelLike) {
          const text = model.getValue();
          return { data: encodeTokens(text, ASSIST[language].highlight(text)) };
        },
        releaseDocumentSemanticTokens() {},
      })
    );
  }
  registered.set(monaco, disposables);
}
