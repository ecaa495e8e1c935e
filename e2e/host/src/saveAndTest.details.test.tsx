/** The Save & test result as Grafana's DataSourceTestingStatus shows it: title, details, verbose block. */
import React from 'react';
import { render, screen } from '@testing-library/react';

import { ConfigSection } from './saveAndTest';

const section = (result: Parameters<typeof ConfigSection>[0]['result']) =>
  render(
    <ConfigSection
      settings={{} as any}
      onSettingsChange={() => {}}
      onSaveAndTest={() => {}}
      result={result}
      onFatal={() => {}}
    />
  );

describe('Save & test result', () => {
  it('shows the title in save-test-result, details.message below it and verboseMessage collapsed', () => {
    section({
      status: 'error',
      message: 'Keystone refused',
      details: { message: '[cors]\nallowed_origin = x', verboseMessage: 'Steps:\n✘ a' },
    });
    expect(screen.getByTestId('save-test-result')).toHaveAttribute('data-status', 'error');
    expect(screen.getByTestId('save-test-result')).toHaveTextContent(/^Keystone refused$/);
    expect(screen.getByTestId('save-test-details-message').textContent).toBe('[cors]\nallowed_origin = x');
    const verbose = screen.getByTestId('save-test-details-verbose');
    expect(verbose.tagName).toBe('DETAILS');
    expect(verbose).not.toHaveAttribute('open');
    expect(verbose.textContent).toBe('Steps:\n✘ a');
  });

  it('shows no details block without details, nor while testing', () => {
    section({ status: 'success', message: 'OK' });
    expect(screen.queryByTestId('save-test-details')).toBeNull();
    section({ status: 'testing', message: 'Testing...', details: { message: 'stale' } });
    expect(screen.queryByTestId('save-test-details')).toBeNull();
  });
});
