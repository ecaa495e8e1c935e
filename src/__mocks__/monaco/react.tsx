/**
 * A stand-in for `@monaco-editor/react` in jest (mapped in jest.config.js): the editor is a
 * textarea labelled by Monaco's `ariaLabel` option over a fake model; `beforeMount` and `onMount`
 * receive the fake Monaco of ./monaco.ts, as Grafana's CodeEditor passes them on.
 */
import React, { useEffect, useState } from 'react';

import * as monaco from './monaco';

interface Props {
  value?: string;
  beforeMount?: (m: typeof monaco) => void;
  onMount?: (editor: object, m: typeof monaco) => void;
  options?: { ariaLabel?: string };
}

/** The fake editors mounted, by aria label (tests reach their model and commands). */
export const mounted: Record<string, { model: monaco.FakeModel; commands: Array<[number, () => void]> }> = {};

export default function Editor({ value, beforeMount, onMount, options }: Props) {
  const [text, setText] = useState(value ?? '');
  const [fake] = useState(() => ({
    model: monaco.createFakeModel(value ?? ''),
    commands: [] as Array<[number, () => void]>,
  }));
  const { model, commands } = fake;
  useEffect(() => {
    const sub = model.onDidChangeContent(() => setText(model.getValue()));
    if (!('fonts' in document)) {
      Object.defineProperty(document, 'fonts', { value: { ready: Promise.resolve() }, configurable: true });
    }
    beforeMount?.(monaco);
    const editor = {
      getModel: () => model,
      getValue: () => model.getValue(),
      onKeyDown: () => ({ dispose() {} }),
      addCommand: (key: number, run: () => void) => commands.push([key, run]),
    };
    onMount?.(editor, monaco);
    mounted[options?.ariaLabel ?? ''] = fake;
    return () => sub.dispose();
    // mount once, as Monaco does
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (value !== undefined && value !== model.getValue()) {
      model.setValue(value);
    }
  }, [value, model]);
  return <textarea aria-label={options?.ariaLabel} value={text} onChange={(e) => model.setValue(e.target.value)} />;
}

export const loader = { config() {}, init: () => Promise.resolve(monaco) };
