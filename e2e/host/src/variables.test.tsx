import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { selectValues, VariablesBar } from './variables';

const vars = [
  { name: 'hosts', multi: true, options: ['a', 'b', 'c'], current: ['a'] },
  { name: 'one', options: ['x', 'y'], current: 'x' },
];

describe('selectValues', () => {
  it('sets all selected values of a multi-value variable, the first of a single-value one', () => {
    expect(selectValues(vars, 'hosts', ['b', 'c'])[0].current).toEqual(['b', 'c']);
    expect(selectValues(vars, 'one', ['y', 'x'])[1].current).toBe('y');
    expect(selectValues(vars, 'one', ['y'])[0]).toBe(vars[0]);
    expect(vars[1].current).toBe('x');
  });
});

describe('VariablesBar', () => {
  function setup(rangeError?: string) {
    const onVarsChange = jest.fn();
    const onRangeApply = jest.fn();
    render(
      <VariablesBar
        vars={vars}
        onVarsChange={onVarsChange}
        range={{ from: 'now-1h', to: 'now' }}
        rangeError={rangeError}
        onRangeApply={onRangeApply}
      />
    );
    return { onVarsChange, onRangeApply };
  }

  it('reports the new selection of a variable', () => {
    const { onVarsChange } = setup();
    const select = screen.getByTestId('var-one') as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'y' } });
    expect(onVarsChange).toHaveBeenCalledWith(selectValues(vars, 'one', ['y']));
    expect((screen.getByTestId('var-hosts') as HTMLSelectElement).multiple).toBe(true);
  });

  it('applies only a range that parses, and shows why not', () => {
    const { onRangeApply } = setup();
    fireEvent.change(screen.getByTestId('time-from'), { target: { value: 'soon' } });
    fireEvent.click(screen.getByTestId('time-apply'));
    expect(onRangeApply).not.toHaveBeenCalled();
    expect(screen.getByText('Invalid time "soon"')).toBeInTheDocument();

    fireEvent.change(screen.getByTestId('time-from'), { target: { value: 'now-2h' } });
    fireEvent.click(screen.getByTestId('time-apply'));
    expect(onRangeApply).toHaveBeenCalledWith({ from: 'now-2h', to: 'now' });
    expect(screen.queryByText(/Invalid time/)).toBeNull();
  });

  it('shows why the given range could not be used', () => {
    setup('Invalid time "later"');
    expect(screen.getByText('Invalid time "later"')).toBeInTheDocument();
  });
});
