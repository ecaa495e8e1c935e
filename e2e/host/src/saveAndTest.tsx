/**
 * The data source settings section, as Grafana's data source page: the plugin's ConfigEditor edits
 * DataSourceSettings; Save & test saves them, builds a new instance from the saved settings and
 * calls `testDatasource()`; a thrown error is shown as Grafana's `parseHealthCheckError` does.
 * The result is shown as Grafana's DataSourceTestingStatus: `message` as the alert title,
 * `details.message` as plain text (Grafana keeps no line breaks there) and `details.verboseMessage`
 * in a collapsed <details> block with line breaks kept. The details sit right under the alert here,
 * so that `save-test-result` holds the title only.
 */
import React, { ComponentType, useCallback, useRef, useState } from 'react';
import type { DataSourcePluginMeta } from '@grafana/data';
import { Alert, Button } from '@grafana/ui';

import { HostErrorBoundary, OnFatal } from './failures';
import { AnyDataSource, AnyPlugin, installDataSource } from './services';
import { savedSettings, Settings } from './settings';

export interface TestResult {
  status: string;
  message: string;
  /** What Grafana reads of `TestDataSourceResponse.details`; each is shown with String(). */
  details?: { message?: unknown; verboseMessage?: unknown };
}

export const TESTING: TestResult = { status: 'testing', message: 'Testing...' };

/** Grafana's parseHealthCheckError: the server's message, else the error's, else "Unknown error". */
export function healthCheckError(e: unknown): TestResult {
  const err = e as { data?: { message?: string }; message?: string } | null | undefined;
  return { status: 'error', message: err?.data?.message ?? err?.message ?? 'Unknown error' };
}

export async function healthCheck(ds: Pick<AnyDataSource, 'testDatasource'>): Promise<TestResult> {
  try {
    const result = await ds.testDatasource();
    const details = result.details as TestResult['details'];
    return details
      ? { status: result.status, message: result.message, details }
      : { status: result.status, message: result.message };
  } catch (e) {
    return healthCheckError(e);
  }
}

/** The edited settings, the instance built from the last saved ones, and the last test result. */
export function useSaveAndTest(
  plugin: AnyPlugin,
  meta: DataSourcePluginMeta,
  initialSettings: Settings,
  initialDs: AnyDataSource
) {
  const [settings, setSettings] = useState(initialSettings);
  const [ds, setDs] = useState(initialDs);
  const [result, setResult] = useState<TestResult | null>(null);
  // only the latest click's result is shown
  const latest = useRef(0);

  const saveAndTest = useCallback(async () => {
    const run = ++latest.current;
    const saved = savedSettings(settings);
    setSettings(saved);
    let instance: AnyDataSource;
    try {
      instance = installDataSource(plugin, meta, saved);
    } catch (e) {
      setResult(healthCheckError(e));
      return;
    }
    setDs(instance);
    setResult(TESTING);
    const outcome = await healthCheck(instance);
    if (run === latest.current) {
      setResult(outcome);
    }
  }, [plugin, meta, settings]);

  return { settings, setSettings, ds, result, saveAndTest };
}

function severity(status: string) {
  return status === 'success' ? 'success' : status === 'testing' ? 'info' : 'error';
}

const detailsStyle: React.CSSProperties = {
  margin: '-8px 0 16px',
  padding: '0 16px',
  maxHeight: '50vh',
  overflowY: 'auto',
};

/** Grafana's alert body: `details.message` as text, `details.verboseMessage` collapsed. */
export function TestDetails({ details }: { details?: TestResult['details'] }) {
  if (!details || (!details.message && !details.verboseMessage)) {
    return null;
  }
  return (
    <div data-testid="save-test-details" style={detailsStyle}>
      {details.message ? <div data-testid="save-test-details-message">{String(details.message)}</div> : null}
      {details.verboseMessage ? (
        <details data-testid="save-test-details-verbose" style={{ whiteSpace: 'pre-wrap' }}>
          {String(details.verboseMessage)}
        </details>
      ) : null}
    </div>
  );
}

interface ConfigSectionProps {
  ConfigEditor?: ComponentType<any>;
  settings: Settings;
  onSettingsChange: (s: Settings) => void;
  onSaveAndTest: () => void;
  result: TestResult | null;
  onFatal: OnFatal;
}

export function ConfigSection({
  ConfigEditor,
  settings,
  onSettingsChange,
  onSaveAndTest,
  result,
  onFatal,
}: ConfigSectionProps) {
  return (
    <section data-testid="config-section">
      <h2>Data source settings</h2>
      <div data-testid="config-editor">
        <HostErrorBoundary area="ConfigEditor" onError={onFatal}>
          {ConfigEditor ? (
            <ConfigEditor options={settings} onOptionsChange={onSettingsChange} />
          ) : (
            <em>No ConfigEditor</em>
          )}
        </HostErrorBoundary>
      </div>
      <div className="buttons">
        <Button data-testid="save-test-button" onClick={onSaveAndTest} aria-label="Save and test">
          Save &amp; test
        </Button>
      </div>
      {result && (
        <div data-testid="save-test-status">
          <div data-testid="save-test-result" data-status={result.status}>
            <Alert severity={severity(result.status)} title={result.message} />
          </div>
          {result.status !== 'testing' && <TestDetails details={result.details} />}
        </div>
      )}
    </section>
  );
}
