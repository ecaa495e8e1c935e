/**
 * A TemplateSrv with Grafana's variable syntax and formats, for custom (static) variables.
 *
 * Reproduces Grafana's `public/app/features/templating/template_srv.ts` for what a data source uses:
 * - syntaxes `$var`, `${var}`, `${var:format}`, `[[var]]`, `[[var:format]]`;
 * - `scopedVars` win over dashboard variables (`__interval`, `__interval_ms`, repeats);
 * - built-ins `$__from`, `$__to` (ms epoch, with `${__from:date:iso}` etc.), `$__range*`;
 * - `format` given as a string (a format id, arguments after `:`) or a function
 *   `(value, variable, defaultFormatter)`; no format = `glob` (`{a,b}` for several values);
 * - the formats of Grafana's formatRegistry: raw, regex, pipe, distributed, csv, html, json,
 *   percentencode, uriencode, singlequote, doublequote, sqlstring, lucene, glob, text, queryparam,
 *   customqueryparam (subset), join, date;
 * - unknown variables are left as they are.
 */
import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

export interface HostVariable {
  name: string;
  label?: string;
  multi?: boolean;
  options: string[];
  /** string for single-value, string[] for multi-value variables */
  current: string | string[];
}

type Value = string | string[];
type Formatter = (value: Value, args: string[], variable: { name: string; multi: boolean }) => string;

// Grafana's variableRegex (public/app/features/variables/utils.ts)
const VARIABLE_REGEX = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?}/g;

const regexEscape = (s: string) => s.replace(/[\\^$*+?.()|[\]{}\/]/g, '\\$&');
const luceneEscape = (s: string) =>
  isNaN(Number(s)) ? s.replace(/([\!\*\+\-\=<>\s\&\|\(\)\[\]\{\}\^\~\?\:\\/"])/g, '\\$1') : s;
const list = (v: Value) => (Array.isArray(v) ? v : [v]);

const FORMATS: Record<string, Formatter> = {
  raw: (v) => (Array.isArray(v) ? v.join(',') : v),
  text: (v) => (Array.isArray(v) ? v.join(' + ') : v),
  regex: (v) => {
    if (typeof v === 'string') {
      return regexEscape(v);
    }
    const escaped = v.map(regexEscape);
    return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
  },
  pipe: (v) => list(v).join('|'),
  csv: (v) => list(v).join(','),
  join: (v, args) => list(v).join(args[0] ?? ','),
  distributed: (v, _a, variable) => {
    const values = list(v);
    return [values[0], ...values.slice(1).map((x) => `${variable.name}=${x}`)].join(',');
  },
  html: (v) =>
    list(v)
      .map((x) =>
        x
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;')
          .replace(/"/g, '&quot;')
          .replace(/'/g, '&#39;')
      )
      .join(', '),
  json: (v) => JSON.stringify(v),
  percentencode: (v) => (Array.isArray(v) ? encodeURIComponent(`{${v.join(',')}}`) : encodeURIComponent(v)),
  uriencode: (v) => (Array.isArray(v) ? encodeURI(`{${v.join(',')}}`) : encodeURI(v)),
  singlequote: (v) =>
    list(v)
      .map((x) => `'${x.replace(/'/g, "\\'")}'`)
      .join(','),
  doublequote: (v) =>
    list(v)
      .map((x) => `"${x.replace(/"/g, '\\"')}"`)
      .join(','),
  sqlstring: (v) =>
    list(v)
      .map((x) => `'${x.replace(/'/g, "''")}'`)
      .join(','),
  lucene: (v) => {
    if (typeof v === 'string') {
      return luceneEscape(v);
    }
    return v.length === 1 ? luceneEscape(v[0]) : `(${v.map((x) => `"${luceneEscape(x)}"`).join(' OR ')})`;
  },
  glob: (v) => (Array.isArray(v) && v.length > 1 ? `{${v.join(',')}}` : list(v).join(',')),
  queryparam: (v, _a, variable) =>
    list(v)
      .map((x) => `var-${variable.name}=${encodeURIComponent(x)}`)
      .join('&'),
  customqueryparam: (v, args, variable) =>
    list(v)
      .map((x) => `${args[0] ?? `var-${variable.name}`}=${encodeURIComponent(x)}`)
      .join('&'),
};

export class HostTemplateSrv implements TemplateSrv {
  private range?: TimeRange;

  constructor(private variables: HostVariable[] = []) {}

  setVariables(variables: HostVariable[]) {
    this.variables = variables;
  }

  updateTimeRange(range: TimeRange): void {
    this.range = range;
  }

  getVariables(): TypedVariableModel[] {
    return this.variables.map(
      (v) =>
        ({
          type: 'custom',
          id: v.name,
          name: v.name,
          label: v.label ?? v.name,
          rootStateKey: 'host',
          global: false,
          hide: 0,
          skipUrlSync: false,
          index: 0,
          state: 'Done',
          error: null,
          description: null,
          multi: !!v.multi,
          includeAll: false,
          allValue: null,
          query: v.options.join(','),
          options: v.options.map((o) => ({ text: o, value: o, selected: list(v.current).includes(o) })),
          current: { text: v.current, value: v.current, selected: true },
        }) as unknown as TypedVariableModel
    );
  }

  containsTemplate(target?: string): boolean {
    if (!target) {
      return false;
    }
    VARIABLE_REGEX.lastIndex = 0;
    const names = new Set(this.variables.map((v) => v.name));
    for (const m of target.matchAll(VARIABLE_REGEX)) {
      const name = m[1] || m[2] || m[4];
      if (names.has(name) || name.startsWith('__')) {
        return true;
      }
    }
    return false;
  }

  private lookup(name: string, scopedVars?: ScopedVars): { value: Value; multi: boolean } | undefined {
    const scoped = scopedVars?.[name];
    if (scoped) {
      return { value: scoped.value as Value, multi: Array.isArray(scoped.value) };
    }
    const v = this.variables.find((x) => x.name === name);
    if (v) {
      return { value: v.current, multi: !!v.multi };
    }
    if (this.range) {
      const from = this.range.from.valueOf();
      const to = this.range.to.valueOf();
      switch (name) {
        case '__from':
          return { value: String(from), multi: false };
        case '__to':
          return { value: String(to), multi: false };
        case '__range_ms':
          return { value: String(to - from), multi: false };
        case '__range_s':
          return { value: String(Math.round((to - from) / 1000)), multi: false };
        case '__range':
          return { value: `${Math.round((to - from) / 1000)}s`, multi: false };
      }
    }
    return undefined;
  }

  private formatValue(
    value: Value,
    format: string | Function | undefined,
    variable: { name: string; multi: boolean }
  ): string {
    if (value === null || value === undefined) {
      return '';
    }
    if (typeof format === 'function') {
      return format(value, variable, (v: Value, f?: string) => this.formatValue(v, f, variable));
    }
    const [id, ...args] = (format || 'glob').split(':');
    if (id === 'date') {
      const ms = Number(list(value)[0]);
      return args[0] === 'iso' || !args[0]
        ? new Date(ms).toISOString()
        : args[0] === 'seconds'
          ? String(Math.floor(ms / 1000))
          : String(ms);
    }
    let formatter = FORMATS[id];
    if (!formatter) {
      console.error(`Variable format ${id} not found. Using glob format as fallback.`);
      formatter = FORMATS.glob;
    }
    return formatter(value, args, variable);
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string {
    if (!target) {
      return target ?? '';
    }
    VARIABLE_REGEX.lastIndex = 0;
    return target.replace(VARIABLE_REGEX, (match, var1, var2, fmt2, var3, _fieldPath, fmt3) => {
      const name = var1 || var2 || var3;
      const found = this.lookup(name, scopedVars);
      if (!found) {
        return match;
      }
      return this.formatValue(found.value, fmt2 || fmt3 || format, { name, multi: found.multi });
    });
  }
}
