/**
 * The page's orchestration with a fake plugin: when queries run and with what, Save & test, and
 * that nothing sets state during render (React reports that through console.error).
 */
import React from 'react';
import { of } from 'rxjs';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  DataQuery,
  DataQueryRequest,
  DataSourceInstanceSettings,
  DataSourcePlugin,
  DataSourcePluginMeta,
  toDataFrame,
} from '@grafana/data';

import { App } from './App';
import { installDataSource } from './services';
import { initialState } from './urlState';
import { HostTemplateSrv } from '../../../src/testing/grafanaTemplateSrv';

jest.mock('./panel/Panel', () => ({
  Panel: ({ data, run }: any) => (
    <div data-testid="panel" data-state={data.state} data-run={run}>
      {data.series.length} series {data.errors?.map((e: any) => e.message).join()}
    </div>
  ),
}));

interface Q extends DataQuery {
  metric?: string;
}

let instances: FakeDs[] = [];
let templateSrv: HostTemplateSrv;

class FakeDs {
  requests: Array<{ targets: Q[]; hosts: string }> = [];
  constructor(readonly instanceSettings: DataSourceInstanceSettings<any>) {
    instances.push(this);
  }
  filterQuery(q: Q) {
    return !q.hide && !!q.metric;
  }
  query(r: DataQueryRequest<Q>) {
    this.requests.push({ targets: r.targets, hosts: templateSrv.replace('$hosts', r.scopedVars) });
    return of({ data: r.targets.map((t) => toDataFrame({ refId: t.refId, fields: [{ name: 'v', values: [1] }] })) });
  }
  async metricFindQuery(q: string) {
    if (q === 'broken(') {
      throw new Error('cannot parse the query');
    }
    return q === 'hosts()' ? ['a', 'b', 'c'].map((text) => ({ text })) : [];
  }
  async testDatasource() {
    return { status: 'success', message: `tested version ${(this.instanceSettings as any).jsonData.v}` };
  }
}

function QueryEditor({ query, onChange, onRunQuery }: any) {
  return (
    <>
      <input
        aria-label="metric"
        value={query.metric ?? ''}
        onChange={(e) => onChange({ ...query, metric: e.target.value })}
      />
      <button onClick={() => (onChange({ ...query, metric: 'typed' }), onRunQuery())}>type and run</button>
    </>
  );
}

function ConfigEditor({ options, onOptionsChange }: any) {
  return (
    <input
      aria-label="v"
      value={options.jsonData.v ?? ''}
      onChange={(e) => onOptionsChange({ ...options, jsonData: { ...options.jsonData, v: e.target.value } })}
    />
  );
}

const plugin = new DataSourcePlugin(FakeDs as any).setQueryEditor(QueryEditor).setConfigEditor(ConfigEditor) as any;
const meta = { id: 'fake', name: 'Fake', info: { version: '1.0' } } as DataSourcePluginMeta;

function renderApp(params: Parameters<typeof initialState>[0], onFatal = jest.fn()) {
  const initial = initialState(params, {});
  templateSrv = new HostTemplateSrv();
  templateSrv.setVariables(initial.vars);
  const initialDs = installDataSource(plugin, meta, initial.settings);
  const onReady = jest.fn();
  render(
    <App
      plugin={plugin}
      meta={meta}
      modulePath="/dist/module.js"
      initial={initial}
      initialDs={initialDs}
      templateSrv={templateSrv}
      onFatal={onFatal}
      onReady={onReady}
    />
  );
  return { onReady, onFatal };
}

const panel = () => screen.getByTestId('panel');
const hosts = { name: 'hosts', multi: true, options: ['a', 'b'], current: ['a'] };
let consoleError: jest.SpyInstance;

beforeEach(() => {
  instances = [];
  consoleError = jest.spyOn(console, 'error');
});
afterEach(() => {
  // e.g. "Cannot update a component while rendering a different component"
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();
});

describe('App', () => {
  it('runs the query once on load, with the variables, and is ready', async () => {
    const { onReady } = renderApp({ query: { metric: 'm' }, vars: [hosts], from: '1000', to: '2000' });
    await waitFor(() => expect(panel()).toHaveAttribute('data-state', 'Done'));
    expect(panel()).toHaveAttribute('data-run', '1');
    expect(instances).toHaveLength(1);
    expect(instances[0].requests).toEqual([{ targets: [{ refId: 'A', metric: 'm' }], hosts: 'a' }]);
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('host-status')).toHaveTextContent('Fake 1.0 loaded from /dist/module.js');
  });

  it('sends nothing for a target filterQuery drops, and still finishes the run', async () => {
    renderApp({ query: { hide: true, metric: 'm' } });
    await waitFor(() => expect(panel()).toHaveAttribute('data-state', 'Done'));
    expect(panel()).toHaveAttribute('data-run', '1');
    expect(instances[0].requests).toEqual([]);
  });

  it("runs the editor's latest query when it calls onChange then onRunQuery", async () => {
    renderApp({});
    fireEvent.click(screen.getByText('type and run'));
    await waitFor(() => expect(instances[0].requests).toHaveLength(1));
    expect(instances[0].requests[0].targets).toEqual([{ refId: 'A', metric: 'typed' }]);
    expect(screen.getByTestId('query-json')).toHaveTextContent('"metric": "typed"');
    expect(panel()).toHaveAttribute('data-run', '2');
  });

  it('re-runs when a variable changes, with the new value in the TemplateSrv', async () => {
    renderApp({ query: { metric: 'm' }, vars: [hosts] });
    await waitFor(() => expect(instances[0].requests).toHaveLength(1));
    fireEvent.change(screen.getByTestId('var-hosts'), { target: { value: 'b' } });
    await waitFor(() => expect(instances[0].requests).toHaveLength(2));
    expect(instances[0].requests[1].hosts).toBe('b');
  });

  it('re-runs when a time range is applied; shows why a given one could not be used', async () => {
    renderApp({ query: { metric: 'm' }, from: 'whenever' });
    expect(screen.getByText('Invalid time "whenever"')).toBeInTheDocument();
    await waitFor(() => expect(instances[0].requests).toHaveLength(1));
    fireEvent.change(screen.getByTestId('time-from'), { target: { value: 'now-1h' } });
    fireEvent.click(screen.getByTestId('time-apply'));
    await waitFor(() => expect(instances[0].requests).toHaveLength(2));
    expect(screen.queryByText(/Invalid time/)).toBeNull();
  });

  it('Save & test: a new instance from the saved settings, its result shown, the query re-run on it', async () => {
    renderApp({ query: { metric: 'm' }, ds: { jsonData: { v: '1' } } });
    fireEvent.change(screen.getByLabelText('v'), { target: { value: '2' } });
    await act(async () => fireEvent.click(screen.getByTestId('save-test-button')));
    await waitFor(() => expect(screen.getByTestId('save-test-result')).toHaveAttribute('data-status', 'success'));
    expect(screen.getByTestId('save-test-result')).toHaveTextContent('tested version 2');
    expect(instances).toHaveLength(2);
    await waitFor(() => expect(instances[1].requests).toHaveLength(1));
  });

  it('autotest: Save & test at load', async () => {
    renderApp({ ds: { jsonData: { v: '7' } }, autotest: true });
    await waitFor(() => expect(screen.getByTestId('save-test-result')).toHaveTextContent('tested version 7'));
  });

  it("reports a crash of the plugin's editor as fatal", async () => {
    const crashing = new DataSourcePlugin(FakeDs as any).setQueryEditor(() => {
      throw new Error('kaput');
    }) as any;
    const onFatal = jest.fn();
    const initial = initialState({}, {});
    templateSrv = new HostTemplateSrv();
    consoleError.mockImplementation(() => {}); // React logs the caught error
    render(
      <App
        plugin={crashing}
        meta={meta}
        modulePath="/m.js"
        initial={initial}
        initialDs={installDataSource(crashing, meta, initial.settings)}
        templateSrv={templateSrv}
        onFatal={onFatal}
        onReady={jest.fn()}
      />
    );
    expect(screen.getByTestId('crashed-QueryEditor')).toHaveTextContent('QueryEditor crashed: kaput');
    expect(onFatal).toHaveBeenCalledWith(
      'render',
      expect.stringMatching(/^The plugin's QueryEditor crashed while rendering: kaput/)
    );
    consoleError.mockReset();
  });
});
