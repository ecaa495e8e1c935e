/**
 * The query editor's cheat sheet (Grafana shows it from the editor's help button and in Explore):
 * the two languages in a few lines, and working examples on OpenStack's resource types, each with a
 * button that puts it into the query.
 */
import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, QueryEditorHelpProps } from '@grafana/data';
import { Button, useStyles2 } from '@grafana/ui';

import type { GnocchiQuery } from '../../types';
import { selectors } from '../selectors';
import { exampleQuery, HELP_EXAMPLES } from './examples';

const S = selectors.codeMode;

const getStyles = (theme: GrafanaTheme2) => ({
  example: css({ marginBottom: theme.spacing(2) }),
  code: css({ display: 'block', whiteSpace: 'pre-wrap', margin: theme.spacing(0.5, 0) }),
  muted: css({ color: theme.colors.text.secondary }),
});

export function QueryEditorHelp({ query, onClickExample }: QueryEditorHelpProps<GnocchiQuery>) {
  const styles = useStyles2(getStyles);
  return (
    <section aria-label={S.help}>
      <h2>Gnocchi query cheat sheet</h2>
      <p>
        <b>Operations</b> (dynamic aggregates): <code>(metric NAME METHOD)</code> reads a metric of every matching
        resource (<code>rate:mean</code> as METHOD: the rate of a cumulative counter); <code>(aggregate METHOD …)</code>{' '}
        aggregates across resources; <code>(resample METHOD SECONDS …)</code>, <code>(rolling METHOD N …)</code>,{' '}
        <code>(rateofchange …)</code> and <code>(+ - * / …)</code> with numbers transform series. <b>Search</b>:{' '}
        <code>{`host = 'cmp-01' and flavor_name in ['m1.small', 'm1.large']`}</code>, <code>like</code>, <code>!=</code>
        , <code>not</code>, or JSON <code>{'{"=": {"host": "cmp-01"}}'}</code>. Dashboard variables (<code>$host</code>)
        go anywhere a name or value goes. In the code fields, Ctrl+Space completes and the query runs when the field
        loses focus.
      </p>
      {HELP_EXAMPLES.map((ex) => (
        <div key={ex.title} className={styles.example}>
          <h3>{ex.title}</h3>
          <div className={styles.muted}>
            {ex.description} Resource type <code>{ex.query.resource_type}</code>
            {ex.query.groupby ? (
              <>
                , grouped by <code>{ex.query.groupby}</code>
              </>
            ) : null}
            .
          </div>
          {ex.query.resource_search && <code className={styles.code}>{ex.query.resource_search}</code>}
          <code className={styles.code}>{ex.query.operations}</code>
          <Button
            size="sm"
            variant="secondary"
            aria-label={`${S.useExample}: ${ex.title}`}
            onClick={() => onClickExample(exampleQuery(query, ex))}
          >
            Use this query
          </Button>
        </div>
      ))}
    </section>
  );
}
