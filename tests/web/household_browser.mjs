// A couple with one phone (issue 16), in Debian's Chromium at a phone's size with JavaScript
// off, as phone_browser.mjs: 张三 signs in by name and digits, and the page at once offers
// 同户的 李四 with one tap; at the next meeting the remembered phone signs both in with two
// taps. A member outside the household, posted by hand with the phone's cookie, is refused.
//   node household_browser.mjs BASE TOKEN_FIRST_MEETING TOKEN_NEXT_MEETING OUTSIDER_ID SHOTS_DIR
import { check, finish, openPhone, shown, submit } from './phone.mjs';

const [base, first, next, outsider, shots] = process.argv.slice(2);
async function fits(page, what) {
  for (const el of await page.locator('button').all()) {
    const box = await el.boundingBox();
    if (!box) continue;
    check(`${what}: button inside 360 px and at least 56 px tall`,
      box.x >= 0 && box.x + box.width <= 360.5 && box.height >= 56);
  }
}

const { context, close } = await openPhone();
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${base}/s/${first}`);
  await page.getByLabel('姓名').fill('张三');
  await page.getByLabel('手机号码最后 4 位').fill('1234');
  await submit(page, page.getByRole('button', { name: '签到' }));
  check('张三 signed in', await shown(page.getByRole('heading', { name: '签到成功' })));
  const li = page.getByRole('button', { name: '同户的 李四，点击签到' });
  check('李四 offered at once', await li.isVisible());
  await fits(page, 'done with the household');
  await page.screenshot({ path: `${shots}/household-done.png`, fullPage: true });
  await submit(page, li);
  check('李四 signed in from the same phone', await shown(page.getByRole('heading', { name: '签到成功' })));
  check('李四 named', (await page.locator('.who').innerText()).trim() === '李四');
  check('nobody left to offer', (await page.getByRole('button', { name: /同户的/ }).count()) === 0);

  // The next meeting: the remembered phone, two taps for the couple.
  await page.goto(`${base}/s/${next}`);
  const zhang = page.getByRole('button', { name: '张三，点击签到' });
  check('next meeting: 张三 one tap', await zhang.isVisible());
  check('next meeting: 李四 one tap', await page.getByRole('button', { name: '同户的 李四，点击签到' }).isVisible());
  check('next meeting: nothing to type', (await page.locator('input[type=text]').count()) === 0);
  await fits(page, 'one tap with the household');
  await page.screenshot({ path: `${shots}/household-tap.png`, fullPage: true });
  const stamp = await page.locator('input[name=stamp]').first().getAttribute('value');
  const opened = await page.locator('input[name=opened]').first().getAttribute('value');
  await submit(page, zhang);
  check('tap 1: 张三', (await page.locator('.who').innerText()).trim() === '张三');
  await submit(page, page.getByRole('button', { name: '同户的 李四，点击签到' }));
  check('tap 2: 李四', (await page.locator('.who').innerText()).trim() === '李四');
  await page.screenshot({ path: `${shots}/household-second.png`, fullPage: true });

  // Someone outside the household, from the same phone (its cookie), by hand: refused.
  const resp = await context.request.post(`${base}/s/${next}`, {
    form: { stamp, opened, how: 'device', for: outsider },
    headers: { Origin: base },
  });
  check(`outsider refused with 403 (${resp.status()})`, resp.status() === 403);
  check('outsider: the one-phone message', (await resp.text()).includes('这部手机不能为其他党员签到'));
} finally {
  await close();
}
finish();
