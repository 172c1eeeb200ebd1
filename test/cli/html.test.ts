/**
 * The HTML report of seed 000 opened in a real headless Chromium (Debian's, through
 * playwright-core): it renders without any network request, shows the outline tree and every
 * finding, and a screenshot is taken (SAVE_SCREENSHOTS=1 writes it to docs/screenshots/).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatHtml } from '../../server/src/cli/formatters/html';
import { analyze } from '../../server/src/core';
import { ROOT, seed, SEED_FILES, tempDir } from '../helpers';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

describe.runIf(existsSync(CHROMIUM) || process.env.CI)('HTML report in Chromium', () => {
  it('renders seed 000 with its outline and findings, offline', async () => {
    const a = analyze(seed('000'));
    const html = formatHtml([{ file: `seeds/${SEED_FILES['000']}`, analysis: a }], { locale: 'zh-cn', version: '0.1.0' });
    const dir = tempDir('report-lint-html-');
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).toString());
      expect(await page.title()).toBe('工作报告检查结果');
      expect(await page.locator('.finding').count()).toBe(a.findings.length);
      expect(await page.locator('ul.outline li').count()).toBe(11); // two parts, nine numbered sections
      expect(await page.locator('ul.outline a', { hasText: '2018年工作回顾' }).count()).toBe(1);
      // A finding's section link leads to it.
      const first = page.locator('ul.outline .badge').first();
      expect(Number(await first.textContent())).toBeGreaterThan(0);
      expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
      const shot = process.env.SAVE_SCREENSHOTS ? join(ROOT, 'docs/screenshots/html-report.png') : join(dir, 'html-report.png');
      await page.screenshot({ path: shot, fullPage: false });
      expect(readFileSync(shot).length).toBeGreaterThan(10000);
    } finally {
      await browser.close();
    }
  }, 60000);
});
