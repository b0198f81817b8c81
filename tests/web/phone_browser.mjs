// A member's phone, as near as a test gets: Debian's Chromium, headless, at a small phone's
// size (360x740 CSS px, 3x pixels, touch), with JavaScript off, since the page must work
// without it. Opens the sign-in page, fills in 姓名 and the four digits, submits, and expects
// 签到成功; then opens the next meeting's page with the cookie the first sign-in left and
// signs in with one tap. Writes a screenshot of each page to the folder given.
//   node phone_browser.mjs BASE TOKEN_FIRST_MEETING TOKEN_NEXT_MEETING SHOTS_DIR
import { check, finish, openPhone, shown, submit } from './phone.mjs';

const [base, first, next, shots] = process.argv.slice(2);

// The page must fit a 360-px screen: nothing wider than the viewport, and every control
// large enough for an unsteady finger (48 CSS px is the common guideline; ours aim higher).
async function fits(page, what) {
  for (const sel of ['h1', 'main', 'input[type=text]', 'button']) {
    for (const el of await page.locator(sel).all()) {
      const box = await el.boundingBox();
      if (!box) continue;
      check(`${what}: ${sel} inside 360 px (x ${box.x.toFixed(0)}, w ${box.width.toFixed(0)})`,
        box.x >= 0 && box.x + box.width <= 360.5);
      if (sel === 'input[type=text]' || sel === 'button')
        check(`${what}: ${sel} at least 56 px tall (${box.height.toFixed(0)})`, box.height >= 56);
    }
  }
}

const { context, close } = await openPhone();
try {
  const page = context.pages()[0] ?? await context.newPage();
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });

  let resp = await page.goto(`${base}/s/${first}`);
  check('form page answers 200', resp.status() === 200);
  check('form asks for 姓名', await page.getByLabel('姓名').isVisible());
  const tail = page.getByLabel('手机号码最后 4 位');
  check('digits field opens the numeric keypad', (await tail.getAttribute('inputmode')) === 'numeric');
  await fits(page, 'form');
  await page.screenshot({ path: `${shots}/form.png`, fullPage: true });

  await page.getByLabel('姓名').fill('张三');
  await tail.fill('1234');
  await submit(page, page.getByRole('button', { name: '签到' }));
  check('signed in: 签到成功', await shown(page.getByRole('heading', { name: '签到成功' })));
  check('signed in: the name', (await page.locator('.who').innerText()).trim() === '张三');
  check('signed in: the time', (await page.locator('.time').innerText()).includes('09:20'));
  await fits(page, 'success');
  await page.screenshot({ path: `${shots}/done.png`, fullPage: true });

  const cookies = await context.cookies();
  const kd = cookies.find((c) => c.name === 'kd');
  check('device cookie kept, HttpOnly, SameSite=Strict',
    !!kd && kd.httpOnly && kd.sameSite === 'Strict' && kd.expires > Date.now() / 1000 + 300 * 86400);

  resp = await page.goto(`${base}/s/${next}`);
  check('next meeting: 200', resp.status() === 200);
  const tap = page.getByRole('button', { name: '张三，点击签到' });
  check('next meeting: one button with the name', await tap.isVisible());
  check('next meeting: nothing to type', (await page.locator('input[type=text]').count()) === 0);
  await fits(page, 'one tap');
  await page.screenshot({ path: `${shots}/tap.png`, fullPage: true });
  await submit(page, tap);
  check('one tap: 签到成功', await shown(page.getByRole('heading', { name: '签到成功' })));
  check('one tap: the next meeting', (await page.locator('.meeting').innerText()).includes('主题党日活动'));

  resp = await page.goto(`${base}/s/AAAAAAAAAAAAAAAA`);
  check('made-up token: 403', resp.status() === 403);
  check('made-up token: says so', await page.getByRole('heading', { name: '二维码已过期，请扫描屏幕上的最新二维码' }).isVisible());
  await fits(page, 'expired');
  await page.screenshot({ path: `${shots}/expired.png`, fullPage: true });

  check(`nothing fetched from elsewhere (${outside.join(' ')})`, outside.length === 0);
} finally {
  await close();
}
finish();
