/**
 * A code field of the query editor: Grafana's CodeEditor (Monaco, loaded by Grafana, never bundled)
 * with the plugin's languages (src/language/monaco.ts): highlighting, completion from the field's
 * context, and the first validation error as a marker and under the field, as it is typed. The
 * value is committed on blur (or Shift+Enter / Ctrl+S), never on each keystroke.
 */
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { CodeEditor, InlineField, type Monaco, type MonacoEditor } from '@grafana/ui';

import {
  attachModel,
  ContextSource,
  LANGUAGE_IDS,
  LanguageName,
  ModelLike,
  MonacoLike,
  registerLanguages,
  updateMarkers,
} from '../../../language/monaco';
import { LABEL_WIDTH } from '../fields';
import { describeError, operationsErrors, searchErrors } from '../validation';

const VALIDATORS = { operations: operationsErrors, search: searchErrors };

export interface CodeFieldProps {
  label: string;
  language: LanguageName;
  value: string | undefined;
  onCommit: (value: string) => void;
  /** The completion context of this field (look-ups, variables). */
  context: ContextSource;
  /** Gnocchi's error of the last run, when it concerns this field. */
  serverError?: string;
  tooltip?: string;
  placeholder?: string;
  /** DOM id of the wrapper (kept from the text fields of earlier versions). */
  id?: string;
}

const LINE_PX = 20;

/** `onBeforeEditorMount`: both languages once per Monaco instance. */
export function beforeMount(monaco: Monaco): void {
  registerLanguages(monaco as unknown as MonacoLike);
}

/**
 * `onEditorDidMount`: gives the model its completion context, keeps its markers in step with the
 * text, and commits on Shift+Enter. Returns the clean-up (context detached).
 */
export function didMount(
  editor: MonacoEditor,
  monaco: Monaco,
  opts: { language: LanguageName; context: ContextSource; onText: (t: string) => void; onCommit: () => void }
): () => void {
  const model = editor.getModel() as unknown as ModelLike & { onDidChangeContent(f: () => void): unknown };
  if (!model) {
    return () => {};
  }
  const detach = attachModel(model, opts.context);
  const check = () => {
    const errors = updateMarkers(monaco as unknown as MonacoLike, model, opts.language, VALIDATORS[opts.language]);
    // Monaco's own textarea (labelled by `ariaLabel`) says it is invalid, as the text fields do.
    const area = editor.getDomNode?.()?.querySelector('textarea');
    if (errors.length) {
      area?.setAttribute('aria-invalid', 'true');
    } else {
      area?.removeAttribute('aria-invalid');
    }
    opts.onText(model.getValue());
  };
  check();
  model.onDidChangeContent(check);
  editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, opts.onCommit);
  return detach;
}

/** The editor's box (InlineField gives its child `invalid`, which a plain div must not receive). */
function Frame(p: { id?: string; testId: string; title?: string; children: React.ReactNode }) {
  return (
    <div id={p.id} data-testid={p.testId} title={p.title} style={{ width: '100%', minWidth: 400 }}>
      {p.children}
    </div>
  );
}

export function CodeField(props: CodeFieldProps) {
  const { label, language, value, onCommit, serverError, tooltip, placeholder, id } = props;
  const saved = value ?? '';
  // The editor's text as typed (Monaco reports every change, also a value set from outside).
  const [typed, setText] = useState<string | undefined>(undefined);
  const text = typed ?? saved;
  // The latest props for Monaco's callbacks, which are bound once at mount.
  const latest = useRef({ saved, onCommit, context: props.context });
  useEffect(() => {
    latest.current = { saved, onCommit, context: props.context };
  });
  const detach = useRef<() => void>(undefined);
  useEffect(() => () => detach.current?.(), []);

  const commit = useCallback((next: string) => {
    if (next !== latest.current.saved) {
      latest.current.onCommit(next);
    }
  }, []);
  const onEditorDidMount = useCallback(
    (editor: MonacoEditor, monaco: Monaco) => {
      detach.current = didMount(editor, monaco, {
        language,
        context: (m, l, at) => latest.current.context(m, l, at),
        onText: setText,
        onCommit: () => commit(editor.getValue()),
      });
    },
    [language, commit]
  );

  const [error] = VALIDATORS[language](text);
  const message = error ? describeError(text, error) : text === saved ? serverError : undefined;
  const lines = Math.min(10, Math.max(2, text.split('\n').length + (text.length > 90 ? 1 : 0)));
  return (
    <InlineField
      label={label}
      labelWidth={LABEL_WIDTH}
      tooltip={tooltip}
      invalid={Boolean(message)}
      error={message}
      grow
    >
      <Frame id={id} testId={`code-field-${language}`} title={text ? undefined : placeholder}>
        <CodeEditor
          value={saved}
          language={LANGUAGE_IDS[language]}
          height={LINE_PX * lines + 8}
          showLineNumbers={false}
          showMiniMap={false}
          wordWrap
          onBeforeEditorMount={beforeMount}
          onEditorDidMount={onEditorDidMount}
          onBlur={commit}
          onSave={commit}
          monacoOptions={{
            ariaLabel: label,
            // a line tall enough for the fallback monospace fonts' underscores (flavor_name)
            lineHeight: LINE_PX,
            'semanticHighlighting.enabled': true,
            scrollBeyondLastLine: false,
            renderLineHighlight: 'none',
            overviewRulerLanes: 0,
            wordBasedSuggestions: false,
            suggest: { showWords: false },
            lineNumbersMinChars: 0,
          }}
        />
      </Frame>
    </InlineField>
  );
}
