import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { createDataFrame, LoadingState, PanelData } from '@grafana/data';

import { selectors } from '../selectors';
import { executedRequests, RequestPreview } from './RequestPreview';

const S = selectors.codeMode;

const search = 'POST /v1/search/resource/instance?limit=1000\n{"=": {"flavor_name": "m1.small"}}';
const aggregates = 'POST /v1/aggregates?groupby=host\n{"operations": "(aggregate mean (metric cpu rate:mean))"}';

function data(...strings: string[]): PanelData {
  return {
    state: LoadingState.Done,
    series: strings.map((s, i) =>
      createDataFrame({ refId: 'A', name: `s${i}`, meta: { executedQueryString: s }, fields: [] })
    ),
  } as unknown as PanelData;
}

describe('RequestPreview', () => {
  it('one block per distinct request, in order, each copied as it is', async () => {
    const both = `${search}\n\n${aggregates}`;
    expect(executedRequests(data(both, both, aggregates))).toEqual([search, aggregates]);
    render(<RequestPreview data={data(both, both)} />);
    fireEvent.click(screen.getByText(`${S.requestPreview} (2)`));
    expect(screen.getByLabelText(`${S.request} 1`).textContent).toBe(search);
    expect(screen.getByLabelText(`${S.request} 2`).textContent).toBe(aggregates);
    expect(screen.getByLabelText(`${S.copyRequest} 2`)).toBeInTheDocument();
  });

  it('a hint when the query has not run yet', () => {
    render(<RequestPreview data={undefined} />);
    fireEvent.click(screen.getByText(S.requestPreview));
    expect(screen.getByText(/Run the query to see the Gnocchi request/)).toBeInTheDocument();
  });
});
