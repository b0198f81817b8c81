// The staff member's phone uploading meeting photos (docs/photos.md): Debian's Chromium at a
// small phone's size, JavaScript off, opens the address the 会议照片 screen's QR code holds,
// chooses a real JPEG and submits, then a text file named .jpg, which is refused with why.
// Screenshots go to the folder given.
//   node photos_browser.mjs URL GOOD_JPEG BAD_FILE SHOTS_DIR
import { check, finish, openPhone, shown, submit } from './phone.mjs';

const [url, good, bad, shots] = process.argv.slice(2);

// Nothing wider than a 360-px screen, and the controls large enough for a finger.
async function fits(page, what) {
  for (const sel of ['h1', 'main', 'input[type=file]', 'button']) {
    for (const el of await page.locator(sel).all()) {
      const box = await el.boundingBox();
      if (!box) continue;
      check(`${what}: ${sel} inside 360 px (x ${box.x.toFixed(0)}, w ${box.width.toFixed(0)})`,
        box.x >= 0 && box.x + box.width <= 360.5);
      if (sel === 'button')
        check(`${what}: ${sel} at least 56 px tall (${box.height.toFixed(0)})`, box.height >= 56);
    }
  }
}

const { context, close } = await openPhone();
try {
  const page = context.pages()[0] ?? await context.newPage();
  const outside = [];
  const origin = new URL(url).origin;
  page.on('request', (r) => { if (!r.url().startsWith(origin)) outside.push(r.url()); });

  let resp = await page.goto(url);
  check('upload page answers 200', resp.status() === 200);
  check('upload page: its heading', await page.getByRole('heading', { name: '上传会议照片' }).isVisible());
  check('upload page: its head names the photos, not the sign-in', (await page.locator('header').textContent()).includes('会议照片'));
  check('upload page: the meeting', (await page.locator('.meeting').innerText()).includes('十一月党课'));
  const chooser = page.getByLabel('选择照片（可以一次选几张）');
  check('upload page: takes several pictures', (await chooser.getAttribute('multiple')) !== null);
  await fits(page, 'upload');
  await page.screenshot({ path: `${shots}/photos-form.png`, fullPage: true });

  await chooser.setInputFiles(good);
  await submit(page, page.getByRole('button', { name: '上传' }));
  check('uploaded: 已添加', await shown(page.getByText('已添加')));
  check('uploaded: counted', (await page.locator('main').innerText()).includes('已有 1 张照片'));
  await fits(page, 'uploaded');
  await page.screenshot({ path: `${shots}/photos-added.png`, fullPage: true });

  await page.getByLabel('选择照片（可以一次选几张）').setInputFiles(bad);
  await submit(page, page.getByRole('button', { name: '上传' }));
  const refusal = page.locator('ul.done li.bad');
  check('hostile file: refused on the page', await shown(refusal));
  check('hostile file: says why', (await refusal.innerText()).includes('不是照片'));
  check('hostile file: nothing more counted', (await page.locator('main').innerText()).includes('已有 1 张照片'));
  await fits(page, 'refused');
  await page.screenshot({ path: `${shots}/photos-refused.png`, fullPage: true });

  check(`nothing fetched from elsewhere (${outside.join(' ')})`, outside.length === 0);
} finally {
  await close();
}
finish();
