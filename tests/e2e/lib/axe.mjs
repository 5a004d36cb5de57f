// axe-core in a Playwright page: loads web/node_modules/axe-core's
// axe.min.js into it, runs it on what is on screen, and returns what matters as
// readable text, so that `assert.deepEqual(await axeSerious(page), [])`
// names each failing rule, its elements and why.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SOURCE_ROOT } from './server.mjs';

const require = createRequire(path.join(SOURCE_ROOT, 'web/package.json'));
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Serious and critical break the page for someone; minor and moderate are
// listed by axeSummary but fail no test.
export const FAILING = new Set(['serious', 'critical']);

// WCAG 2.0/2.1/2.2 A and AA and axe's best practices, and WCAG 2.5.3 (label
// in name), which axe keeps among its "experimental" rules and runs only when
// asked: a button's accessible name must contain its visible text.
const RUN_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  rules: { 'label-content-name-mismatch': { enabled: true } },
  resultTypes: ['violations'],
};

// The app's Content-Security-Policy (script-src 'self') refuses an inline
// <script> (page.addScriptTag), so the source is evaluated through the
// DevTools protocol instead, which the policy does not govern; the page under
// test keeps its real policy.
async function inject(page) {
  const present = await page.evaluate(() => typeof window.axe?.run === 'function');
  if (!present) await page.evaluate(AXE_SOURCE);
}

// Every violation on the page: [{id, impact, help, nodes: [{target, summary}]}].
export async function axeRun(page, context = 'html') {
  await inject(page);
  return page.evaluate(async ({ ctx, options }) => {
    const r = await window.axe.run(ctx, options);
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
        impact: n.impact ?? v.impact,
        summary: (n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ').trim(),
      })),
    }));
  }, { ctx: context, options: RUN_OPTIONS });
}

// One entry per failing rule: "rule (impact) ×count: help", then its elements
// ("target: why"), the first `show` of them, one a line.
export function formatViolations(violations, { impacts = FAILING, show = 6 } = {}) {
  const out = [];
  for (const v of violations) {
    const nodes = v.nodes.filter((n) => !impacts || impacts.has(n.impact));
    if (!nodes.length) continue;
    const lines = nodes.slice(0, show).map((n) => `    ${n.target}: ${n.summary || v.help}`);
    if (nodes.length > show) lines.push(`    … and ${nodes.length - show} more`);
    out.push(`${v.id} (${nodes[0].impact}) ×${nodes.length}: ${v.help}\n${lines.join('\n')}`);
  }
  return out;
}

// The serious and critical violations, readable; [] when none.
export async function axeSerious(page, context = 'html') {
  return formatViolations(await axeRun(page, context));
}

// "rule impact ×count (first target)" per rule, all impacts, for a run's log.
export function axeSummary(violations) {
  return violations.map((v) => `${v.id} ${v.impact} ×${v.nodes.length} (${v.nodes[0]?.target ?? ''})`);
}
