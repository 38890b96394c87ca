import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  DEV_SERVER_HEADERS,
  META_CONTENT_SECURITY_POLICY,
  renderHeadersFile,
  SECURITY_HEADERS,
} from '../../src/core/security-headers';
import viteConfig from '../../vite.config';

/** `_headers` back into name → value for the "/*" block. */
function parseHeadersFile(text: string): Record<string, string> {
  const block = text.split('\n/*\n')[1].split('\n\n')[0];
  return Object.fromEntries(block.split('\n').map((line) => line.trim().split(/:\s(.*)/s).slice(0, 2)));
}

describe('security headers', () => {
  it('refuse framing by any site, with the CSP and with X-Frame-Options', () => {
    expect(SECURITY_HEADERS['X-Frame-Options']).toBe('DENY');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('are the same in _headers, vite preview and (all but the CSP) the dev server', () => {
    expect(parseHeadersFile(renderHeadersFile())).toEqual(SECURITY_HEADERS);
    expect(viteConfig).toMatchObject({ preview: { headers: SECURITY_HEADERS } });
    const { 'Content-Security-Policy': _csp, ...rest } = SECURITY_HEADERS;
    expect(DEV_SERVER_HEADERS).toEqual(rest);
    expect(viteConfig).toMatchObject({ server: { headers: rest } });
  });

  it('leave frame-ancestors out of the meta tag, which browsers ignore there, and nothing else', () => {
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`).toBe(CONTENT_SECURITY_POLICY);
  });
});
