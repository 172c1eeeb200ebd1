import { describe, expect, it } from 'vitest';
import { HUGE_PAGES_TUNABLE, hasHugePages, hugePagesTunables, ownProcessEnv } from '../../server/src/node/hugePages';

describe('glibc huge pages (GLIBC_TUNABLES)', () => {
  it('adds the tunable to an environment without GLIBC_TUNABLES', () => {
    expect(hasHugePages({})).toBe(false);
    expect(hugePagesTunables({})).toBe('glibc.malloc.hugetlb=1');
    expect(hugePagesTunables({ GLIBC_TUNABLES: '' })).toBe(HUGE_PAGES_TUNABLE);
  });

  it("keeps the tunables the environment sets, and a user's own choice of this one", () => {
    const env = { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' };
    expect(hasHugePages(env)).toBe(false);
    expect(hugePagesTunables(env)).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
    // Off on purpose, or on already: left as it is, and the CLI does not start again.
    for (const value of ['glibc.malloc.hugetlb=0', 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1']) {
      expect(hasHugePages({ GLIBC_TUNABLES: value })).toBe(true);
      expect(hugePagesTunables({ GLIBC_TUNABLES: value })).toBe(value);
    }
    // A tunable whose name only ends the same is another one.
    expect(hasHugePages({ GLIBC_TUNABLES: 'x.glibc.malloc.hugetlb=1' })).toBe(false);
  });

  it('starts the processes of its own on huge pages and without the TLS certificates node would parse first', () => {
    const env = { PATH: '/usr/bin', GLIBC_TUNABLES: 'glibc.malloc.arena_max=2', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt' };
    expect(ownProcessEnv(env)).toEqual({ PATH: '/usr/bin', GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1' });
    // The environment given is left as it was.
    expect(env.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/certs/ca-certificates.crt');
  });
});
