/**
 * glibc's malloc asked to back its memory with transparent huge pages: the tunable
 * `glibc.malloc.hugetlb=1` (glibc 2.35 and later, where the kernel gives huge pages on request,
 * `madvise` mode; older glibc, other C libraries and other systems ignore it). glibc reads its
 * tunables when a process starts, from the environment: the language server is started with it,
 * and the CLI starts itself again with it when a run loads word segmentation (cli/main.ts).
 *
 * Measured on the development machine, whose page faults cost ~10 µs each (a 300 MB buffer
 * touched page by page: 0.82 s): loading nodejieba, ~300 MB of small C++ allocations, took
 * 2.3–2.4 s and 148,000 page faults, with the tunable 0.7–0.9 s and 7,000. The language server's
 * work per keystroke on the 100 KB report, segmenter loaded, p95: 8.4–9.6 → 6.0–7.8 ms (five
 * interleaved pairs, the last three with the tunable in the server's environment alone); on
 * 1 MB 95–112 → 87–107 ms (four). The CLI: the folder of 1,000 reports with every rule
 * 6.28–6.58 → 5.36–5.63 s, one 100 KB report 2.53–2.71 → 1.13–1.22 s (starting again included).
 * V8's own heap is not malloc's and does not change.
 *
 * No imports: the client loads this file too.
 */
export const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';

/** Whether `env` already sets the tunable (to any value: a user's choice stands). */
export function hasHugePages(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env.GLIBC_TUNABLES ?? '').split(':').some((t) => t.startsWith('glibc.malloc.hugetlb='));
}

/** `env` with the tunable added to GLIBC_TUNABLES: what a process is started with. */
export function withHugePages(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return { ...env, GLIBC_TUNABLES: hugePagesTunables(env) };
}

/** The value of GLIBC_TUNABLES with the tunable added to those `env` sets already. */
export function hugePagesTunables(env: Readonly<Record<string, string | undefined>>): string {
  const current = env.GLIBC_TUNABLES ?? '';
  if (hasHugePages(env)) return current;
  return current ? `${current}:${HUGE_PAGES_TUNABLE}` : HUGE_PAGES_TUNABLE;
}

/**
 * Read by node when a process starts, before any of its code runs: extra certificates for TLS,
 * parsed at once (with OpenSSL 3 slowly: nodejs/node#40524). On the development machine, whose
 * environment points it at the system's bundle of 144 certificates, a bare node start took
 * 78–79 ms with it and 29–31 ms without.
 */
const EXTRA_CA_CERTS = 'NODE_EXTRA_CA_CERTS';

/**
 * The environment of a process report-lint starts of its own (the language server, the CLI
 * started again on huge pages): `env` with glibc's malloc on huge pages, and without
 * NODE_EXTRA_CA_CERTS, which only TLS connections read — these processes open none, and start
 * none that would (they read files and talk over pipes and worker threads).
 */
export function ownProcessEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const out = withHugePages(env);
  delete out[EXTRA_CA_CERTS];
  return out;
}
