/**
 * Keystone's usual 401 says nothing of its cause. In browser access with a password and a
 * project, one more request tells the two halves apart: the same user and password WITHOUT a
 * project. Issued → the password is right and the project is the problem (unknown in that domain,
 * or no role on it; the projects the user has a role on are listed). Refused too → the user and
 * password are (wrong password, unknown user or user domain, disabled user).
 */
import type { Transport } from '../http/transport';
import { keystoneAuthBody } from '../auth/keystone';
import { Context, keystoneBase } from './context';

export interface ScopeVerdict {
  title: string;
  detail: string;
}

const TIMEOUT_MS = 10_000;

export async function scopeCheck(ctx: Context): Promise<ScopeVerdict | undefined> {
  const { transport, jsonData } = ctx.client.diagnosisAccess();
  const base = keystoneBase(ctx);
  if (!ctx.browser || ctx.client.mode !== 'keystone' || !transport || !jsonData?.password || !base) {
    return undefined;
  }
  if (!jsonData.project && !jsonData.projectId) {
    return undefined;
  }
  const unscoped = { ...jsonData, project: undefined, projectId: undefined };
  let body: string;
  try {
    body = JSON.stringify(keystoneAuthBody('keystone', unscoped, jsonData.password));
  } catch {
    return undefined;
  }
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  try {
    const res = await transport({
      service: 'Keystone',
      method: 'POST',
      url: `${base}/auth/tokens`,
      headers,
      body,
      timeoutMs: TIMEOUT_MS,
    });
    if (res.status === 401) {
      return {
        title: 'Wrong password, unknown user or disabled user',
        detail:
          'Keystone refuses this user and password even without a project: the password is wrong, the user does not ' +
          'exist in that user domain, or the user is disabled. Check the password, the user name and the user domain.',
      };
    }
    const token = res.header('X-Subject-Token')?.trim();
    if ((res.status !== 201 && res.status !== 200) || !token) {
      return undefined;
    }
    ctx.client.redactor.addToken(token);
    const project = jsonData.projectId ? `project id ${jsonData.projectId}` : `project "${jsonData.project}"`;
    return {
      title: 'Project refused',
      detail:
        `The user name and password are right (Keystone issues a token without a project), but not for ${project}: ` +
        'it does not exist in that project domain, or the user has no role on it.' +
        (await projectsOf(transport, base, token, headers)),
    };
  } catch {
    return undefined;
  }
}

/** " Projects this user has a role on: a, b." (GET /v3/auth/projects), or '' when unknown. */
async function projectsOf(
  transport: Transport,
  base: string,
  token: string,
  headers: Record<string, string>
): Promise<string> {
  try {
    const res = await transport({
      service: 'Keystone',
      method: 'GET',
      url: `${base}/auth/projects`,
      headers: { Accept: headers.Accept, 'X-Auth-Token': token },
      timeoutMs: TIMEOUT_MS,
    });
    const list = res.status === 200 ? (JSON.parse(res.text)?.projects as Array<{ name?: string }>) : undefined;
    if (!Array.isArray(list)) {
      return '';
    }
    const names = list.map((p) => p.name).filter((n): n is string => typeof n === 'string');
    return names.length
      ? ` Projects this user has a role on: ${names.join(', ')}.`
      : ' This user has a role on no project.';
  } catch {
    return '';
  }
}
