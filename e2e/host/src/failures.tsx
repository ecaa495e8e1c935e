/**
 * Loud failures: an error boundary around each part the plugin renders (a hook error means a
 * second React), the red fatal box (`data-testid="host-fatal"`) and the themed shell around it.
 */
import React, { Component, ErrorInfo, ReactNode } from 'react';
import { config } from '@grafana/runtime';
import { GlobalStyles, ThemeContext } from '@grafana/ui';

export type OnFatal = (kind: string, message: string) => void;
export interface FatalError {
  kind: string;
  message: string;
}

const HOOK_ERROR = /Invalid hook call|reading 'use[A-Z]\w*'|null \(reading 'use|dispatcher/i;

/** The message and kind of a render crash of the plugin's `area` (ConfigEditor, QueryEditor, panel). */
export function describeCrash(area: string, error: Error | undefined, componentStack?: string | null): FatalError {
  const hook = HOOK_ERROR.test(String(error?.message));
  const message =
    `The plugin's ${area} crashed while rendering: ${error?.message}` +
    (hook
      ? '. This is what happens when a plugin bundles its own React instead of using the one Grafana shares.'
      : '') +
    (componentStack ? `\n${componentStack.split('\n').slice(0, 4).join('\n')}` : '');
  return { kind: hook ? 'own-react' : 'render', message };
}

export class HostErrorBoundary extends Component<
  { area: string; onError: OnFatal; children: ReactNode },
  { error?: Error }
> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidCatch(error: Error, info: ErrorInfo) {
    const { kind, message } = describeCrash(this.props.area, error, info.componentStack);
    this.props.onError(kind, message);
  }
  render() {
    if (this.state.error) {
      return (
        <div data-testid={`crashed-${this.props.area}`} style={{ color: '#ff5286' }}>
          {this.props.area} crashed: {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}

export function Fatal({ kind, message }: FatalError) {
  return (
    <div data-testid="host-fatal" data-kind={kind} className="fatal">
      <h2>The playground host could not run the plugin ({kind})</h2>
      <pre>{message}</pre>
    </div>
  );
}

export function Shell({ children, fatal }: { children?: ReactNode; fatal?: FatalError }) {
  return (
    <ThemeContext.Provider value={config.theme2}>
      <GlobalStyles />
      {fatal && <Fatal kind={fatal.kind} message={fatal.message} />}
      {children}
    </ThemeContext.Provider>
  );
}
