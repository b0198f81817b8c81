// What the browser tests of the phone page share: Debian's Chromium at a phone's size (360 px,
// touch, Chinese, JavaScript off, a fresh profile), the checks they print, and waiting for the
// page a tap submits.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const failures = [];

// Print one check, "ok" or "FAIL", and remember the failures for finish().
export const check = (what, ok) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

// Exit 1 when any check failed.
export function finish() {
  if (failures.length) {
    console.log(`${failures.length} check(s) failed`);
    process.exit(1);
  }
}

// Wait for the page a tap submits (the address stays the same: the form posts to itself).
export async function submit(page, control) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    control.tap(),
  ]);
  await page.waitForLoadState('load');
}

// Is the locator visible within 5 s?
export const shown = async (locator) => {
  try {
    await locator.waitFor({ state: 'visible', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
};

// A phone: Chromium headless in a fresh profile; close() ends it and removes the profile.
export async function openPhone() {
  const profile = mkdtempSync(join(tmpdir(), 'kiosk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    javaScriptEnabled: false,
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}
