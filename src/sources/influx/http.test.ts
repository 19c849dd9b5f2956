import { describe, expect, it } from 'vitest';
import { authHeaders, classifyNetworkError, displayUrl, scrub } from './http.js';

describe('credentials and fault wording', () => {
  it('takes credentials from the given env only: token first, then username/password', () => {
    expect(authHeaders({})).toEqual({});
    expect(authHeaders({ INFLUX_TOKEN: 't', INFLUX_USERNAME: 'u' })).toEqual({ Authorization: 'Token t' });
    expect(authHeaders({ INFLUX_USERNAME: 'u', INFLUX_PASSWORD: 'p' })).toEqual({
      Authorization: `Basic ${Buffer.from('u:p').toString('base64')}`,
    });
  });
  it('never shows user:password@ of a URL', () => {
    expect(displayUrl('http://a:b@h:8086/x/?db=1')).toBe('http://h:8086/x');
    expect(scrub('failed for https://u:secret@h/query and ftp://x@y')).toBe(
      'failed for https://h/query and ftp://y',
    );
  });
  it('classifies socket errors into faults with a fix, and says which ones a retry can cure', () => {
    const refused = classifyNetworkError({ cause: { code: 'ECONNREFUSED' } }, 'http://h:1', 1000);
    expect([refused.kind, refused.retryable]).toEqual(['refused', true]);
    expect(refused.message).toContain('listening on h:1');
    const dns = classifyNetworkError({ cause: { code: 'ENOTFOUND' } }, 'http://nohost:1', 1000);
    expect([dns.kind, dns.retryable]).toEqual(['dns', false]);
    const unreach = classifyNetworkError({ cause: { code: 'EHOSTUNREACH' } }, 'http://h:1', 1000);
    expect([unreach.kind, unreach.retryable]).toEqual(['unreachable', true]);
    expect(classifyNetworkError({ name: 'TimeoutError' }, 'http://h:1', 2500).message).toContain(
      'within 2.5 s',
    );
  });
});
