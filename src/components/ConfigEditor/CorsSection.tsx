/**
 * In browser access, the `[cors]` lines Keystone and Gnocchi need for this Grafana's origin, each
 * with a copy button and the file it goes in. The same text as Save & test's CORS diagnosis
 * (src/connection/steps.ts), so the two never disagree.
 */
import React from 'react';
import { css } from '@emotion/css';
import { ClipboardButton, Stack, Text } from '@grafana/ui';
import { ConfigSubSection } from '@grafana/plugin-ui';

import { browserOrigin, configFile, corsLines } from '../../connection/steps';
import type { Service } from '../../http/errors';
import { selectors } from '../selectors';

const S = selectors.configEditor;

const FALLBACK_ORIGIN = 'https://grafana.example.com';

const WHERE: Record<Service, string> = {
  Keystone:
    'Keystone reads [cors] only from its default config locations (this file, /etc/keystone/keystone.conf.d/, ' +
    '/etc/keystone.conf, ~/.keystone/keystone.conf), not from a keystone.conf elsewhere. Restart Keystone after.',
  Gnocchi: 'Gnocchi reads the file given with --config-file, by default this one. Restart Gnocchi after.',
};

const pre = css({ margin: '4px 0 8px', padding: '8px', maxWidth: '60ch', whiteSpace: 'pre' });

function Lines({ service, origin }: { service: Service; origin: string }) {
  const text = corsLines(service, origin);
  const label = service === 'Keystone' ? S.corsKeystone : S.corsGnocchi;
  return (
    <div>
      <Stack alignItems="center" gap={1}>
        <Text weight="medium">{service}:</Text>
        <Text variant="code">{configFile(service)}</Text>
        <ClipboardButton
          aria-label={service === 'Keystone' ? S.copyCorsKeystone : S.copyCorsGnocchi}
          icon="copy"
          size="sm"
          variant="secondary"
          fill="outline"
          getText={() => `${text}\n`}
        >
          Copy
        </ClipboardButton>
      </Stack>
      <pre aria-label={label} className={pre}>
        {text}
      </pre>
      <Text element="p" color="secondary" variant="bodySmall">
        {WHERE[service]} If the option already lists values, add these after a comma.
      </Text>
    </div>
  );
}

/** The lines for `window.location.origin`; Keystone's only when the browser calls Keystone. */
export function CorsSection({ keystone }: { keystone: boolean }) {
  const origin = browserOrigin() ?? FALLBACK_ORIGIN;
  return (
    <ConfigSubSection
      title={S.corsSection}
      description={`In browser access, ${keystone ? 'Keystone and Gnocchi' : 'Gnocchi'} must allow ${origin}.`}
      isCollapsible
      isInitiallyOpen={false}
    >
      <Stack direction="column" gap={2}>
        {keystone && <Lines service="Keystone" origin={origin} />}
        <Lines service="Gnocchi" origin={origin} />
      </Stack>
    </ConfigSubSection>
  );
}
