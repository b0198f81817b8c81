// The web-kiosk side of make bench: Debian's headless Chromium shows tests/bench/home.html at
// 1920x1080, and we measure its start (launch to first contentful paint, and to a finished
// screenshot) and its resident memory summed over every process it started.
//
//   node chromium.js HOME_HTML WORK_DIR RUNS SETTLE_MS
//
// playwright-core comes from tests/web/package.json (run.sh sets NODE_PATH to its node_modules).
// Prints one JSON line per run. Each run has a fresh --user-data-dir under WORK_DIR. The first
// run also writes WORK_DIR/chromium-home.png and WORK_DIR/chromium-text.txt (the page's text,
// which run.sh compares with the kiosk's dump). Memory is read SETTLE_MS after the first paint,
// before the screenshot, as the kiosk's is read SETTLE_MS after its first frame.
'use strict';
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');
const { chromium } = require('playwright-core');

const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

const epochMs = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Every process below this node process: the browser and all it forked (zygotes, GPU,
// network and storage services, the renderer).
function descendants() {
  const parent = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch { /* gone meanwhile */ }
  }
  const out = [];
  for (const pid of parent.keys()) {
    for (let p = parent.get(pid); p; p = parent.get(p)) {
      if (p === process.pid) { out.push(pid); break; }
    }
  }
  return out;
}

function memory() {
  const total = { rss_kb: 0, pss_kb: 0, processes: 0, pss_by_kind: {} };
  for (const pid of descendants()) {
    let text, cmd;
    try {
      text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    } catch { continue; }
    const rss = Number((/^Rss:\s+(\d+)/m.exec(text) || [])[1] || 0);
    const pss = Number((/^Pss:\s+(\d+)/m.exec(text) || [])[1] || 0);
    if (!rss) continue; // a kernel thread or a zombie
    const type = (cmd.find((a) => a.startsWith('--type=')) || '--type=browser').slice(7);
    const sub = (cmd.find((a) => a.startsWith('--utility-sub-type=')) || '').split('.').pop();
    const kind = sub ? `${type}:${sub}` : type;
    total.rss_kb += rss;
    total.pss_kb += pss;
    total.processes += 1;
    total.pss_by_kind[kind] = (total.pss_by_kind[kind] || 0) + pss;
  }
  return total;
}

async function run(html, dir, settleMs, first) {
  const userDir = fs.mkdtempSync(path.join(dir, 'chromium-profile-'));
  const t0 = epochMs();
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: EXECUTABLE,
    headless: true,
    args: ARGS,
    viewport: { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    await page.goto('file://' + path.resolve(html), { waitUntil: 'load' });
    const fcp = await page.evaluate(() => new Promise((resolve) => {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          if (e.name === 'first-contentful-paint') resolve(performance.timeOrigin + e.startTime);
      }).observe({ type: 'paint', buffered: true });
    }));
    // Two animation frames: the page is on screen, with its fonts.
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) =>
      requestAnimationFrame(() => requestAnimationFrame(r)))));
    const painted = epochMs();
    await sleep(settleMs);
    const mem = memory();
    const shotStart = epochMs();
    await page.screenshot({ path: first ? path.join(dir, 'chromium-home.png') : path.join(dir, 'chromium-last.png') });
    const shot = epochMs();
    // The page's text and its pictures' names, to compare with the kiosk's dump of its screen.
    if (first) fs.writeFileSync(path.join(dir, 'chromium-text.txt'), await page.evaluate(() =>
      [document.body.innerText, ...[...document.querySelectorAll('img, svg, canvas')].map((e) =>
        e.getAttribute('alt') || e.getAttribute('aria-label') || '')].join('\n')));
    return {
      first_paint_ms: +(fcp - t0).toFixed(1),
      painted_ms: +(painted - t0).toFixed(1),
      screenshot_ms: +((shot - shotStart) + (painted - t0)).toFixed(1),
      ...mem,
    };
  } finally {
    await context.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

(async () => {
  const [html, dir, runs = '3', settle = '1000'] = process.argv.slice(2);
  if (!html || !dir) {
    console.error('usage: node chromium.js HOME_HTML WORK_DIR [RUNS] [SETTLE_MS]');
    process.exit(2);
  }
  if (!fs.existsSync(EXECUTABLE)) {
    console.error(`chromium.js: ${EXECUTABLE} is missing; run make deps (Debian package chromium)`);
    process.exit(3);
  }
  for (let i = 0; i < Number(runs); i++)
    console.log(JSON.stringify(await run(html, dir, Number(settle), i === 0)));
})().catch((e) => { console.error('chromium.js:', e.message || e); process.exit(1); });
