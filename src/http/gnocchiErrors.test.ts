import { unauthorizedHint } from './gnocchiErrors';

describe('unauthorizedHint', () => {
  it("no auth: points the old plugin's noauth users to basic auth", () => {
    expect(unauthorizedHint('noauth')).toMatch(/Gnocchi 4\.1 removed the noauth mode/);
    expect(unauthorizedHint('noauth')).toMatch(/"Gnocchi basic auth"/);
  });

  it('basic: asks whether Gnocchi is in basic mode; Keystone modes: no hint here', () => {
    expect(unauthorizedHint('basic')).toMatch(/auth_mode basic/);
    expect(unauthorizedHint('keystone')).toBeUndefined();
  });
});
