/**
 * A collapsible preview of the exact Gnocchi request(s) the query sent: the text the runner puts in
 * `meta.executedQueryString` (src/query/run.ts: `METHOD path?params` and the JSON body, requests
 * separated by a blank line), one block per distinct request, each with a copy button.
 */
import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelData } from '@grafana/data';
import { ClipboardButton, Collapse, useStyles2 } from '@grafana/ui';

import { selectors } from '../selectors';

const S = selectors.codeMode;

/** The distinct requests of the frames, in the order they were sent. */
export function executedRequests(data?: PanelData): string[] {
  const seen = new Set<string>();
  for (const frame of data?.series ?? []) {
    const text = frame.meta?.executedQueryString;
    for (const request of text ? text.split(/\n\n+/) : []) {
      if (request.trim()) {
        seen.add(request.trim());
      }
    }
  }
  return [...seen];
}

const getStyles = (theme: GrafanaTheme2) => ({
  block: css({ display: 'flex', alignItems: 'flex-start', gap: theme.spacing(1), marginBottom: theme.spacing(1) }),
  pre: css({
    flex: 1,
    margin: 0,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  hint: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});

export function RequestPreview({ data }: { data?: PanelData }) {
  const styles = useStyles2(getStyles);
  const [open, setOpen] = useState(false);
  const requests = executedRequests(data);
  const label = requests.length ? `${S.requestPreview} (${requests.length})` : S.requestPreview;
  return (
    <section aria-label={S.requestPreview}>
      <Collapse label={label} isOpen={open} onToggle={() => setOpen(!open)}>
        {requests.length === 0 && (
          <div className={styles.hint}>Run the query to see the Gnocchi request(s) it sends.</div>
        )}
        {requests.map((request, i) => (
          <div key={request} className={styles.block}>
            <pre className={styles.pre} aria-label={`${S.request} ${i + 1}`}>
              {request}
            </pre>
            <ClipboardButton
              icon="copy"
              size="sm"
              variant="secondary"
              fill="outline"
              aria-label={`${S.copyRequest} ${i + 1}`}
              getText={() => request}
            >
              Copy
            </ClipboardButton>
          </div>
        ))}
      </Collapse>
    </section>
  );
}
