/**
 * Why Keystone refused to issue a token, named as such where Keystone's own text tells it.
 *
 * By default Keystone answers every refused authentication with the same 401 "The request you
 * have made requires authentication." (keystone.exception.SecurityError): only with
 * `[DEFAULT] insecure_debug = true` does it say which (wrong password, unknown user, no role on
 * the project, disabled user, ...). An unknown application credential id is always told (404).
 */
import type { AuthMode } from '../types';

export interface KeystoneCause {
  /** Short name of the cause: "Wrong password", "No role on the project", ... */
  title: string;
  /** What to do about it. */
  fix: string;
}

const KNOWN: Array<[RegExp, KeystoneCause]> = [
  [
    /Could not find Application Credential/i,
    {
      title: 'Unknown application credential',
      fix: 'Keystone has no application credential with this id (deleted, or created in another cloud): create one ("openstack application credential create") and set its id and secret.',
    },
  ],
  [
    /Invalid application credential ID or secret/i,
    {
      title: 'Wrong or expired application credential',
      fix: 'The secret is wrong, or the application credential has expired (Keystone gives the same answer for both): check its expiry with "openstack application credential show", or create a new one.',
    },
  ],
  [
    /Invalid username or password/i,
    { title: 'Wrong password', fix: 'Check the password (and that the user name and its domain are right).' },
  ],
  [
    /Could not find user/i,
    {
      title: 'Unknown user',
      fix: 'Check the user name and the user domain (Keystone looks the name up in that domain).',
    },
  ],
  [
    /Could not find project/i,
    { title: 'Unknown project', fix: 'Check the project name and the project domain (or use the project id).' },
  ],
  [/Could not find domain/i, { title: 'Unknown domain', fix: 'Check the user and project domain ids or names.' }],
  [
    /has no access to (project|domain)/i,
    {
      title: 'No role on the project',
      fix: 'The user has no role on this project: ask for one (e.g. "openstack role add --user <user> --project <project> reader").',
    },
  ],
  [
    /password is expired/i,
    { title: 'Password expired', fix: 'Change the password in Keystone, then set the new one here.' },
  ],
  [
    /account is locked/i,
    { title: 'Account locked', fix: 'Keystone locked the user after failed attempts: ask an admin to unlock it.' },
  ],
  [
    /is disabled|account is disabled/i,
    {
      title: 'Disabled',
      fix: 'The user, its project or its domain is disabled in Keystone: ask an admin to enable it.',
    },
  ],
  [
    /application credential.*expired|expired.*application credential/i,
    { title: 'Expired application credential', fix: 'Create a new application credential and set its id and secret.' },
  ],
];

/** The cause Keystone's text names, if it names one. */
export function knownCause(text: string): KeystoneCause | undefined {
  return KNOWN.find(([re]) => re.test(text))?.[1];
}

/** What a refusal that Keystone does not explain can mean, in this auth mode. */
export function hiddenCauses(mode: AuthMode): string {
  const list =
    mode === 'application_credential'
      ? 'a wrong secret, an application credential that expired or was deleted, its user disabled, or a role it carries that was removed from the user'
      : 'a wrong password, an unknown user or project (or a wrong user or project domain), a user without a role on the project, or a disabled user or project';
  return (
    `Keystone does not say which of these it is: ${list}. ` +
    'It hides the reason unless [DEFAULT] insecure_debug = true (for a test only); its log (keystone.log) names it.'
  );
}
