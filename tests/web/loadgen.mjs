// Load generator for the phone sign-in server, on loopback only: many members at once, each
// opening the sign-in page (GET) and sending it (POST), as phones scanning the same QR would.
// No packages beyond node itself. Each member (and each /healthz request) comes from its own
// loopback address, 127.1.x.y, as phones on the room's Wi-Fi each have their own: the server
// lets one address hold only a few connections at once (issue 11).
//
//   node loadgen.mjs signin BASE TOKEN MEMBERS.tsv ACKS.txt [KILL_AFTER PID]
//       MEMBERS.tsv: "name<TAB>tail" a line. Every member starts at once. Each 签到成功 or
//       already-signed-in answer is appended to ACKS.txt as it arrives ("name<TAB>ms"),
//       written straight to the file, so a kiosk killed part-way leaves an exact list of what
//       it acknowledged. Prints one JSON line: ok, failed, p50/p99/max of the POST and of
//       the whole GET+POST, in ms. With KILL_AFTER and PID, the kiosk (PID) gets SIGKILL the
//       moment the KILL_AFTER-th acknowledgement arrives, while the rest are still in flight:
//       the generator itself pulls the plug, so a loaded machine cannot let the burst finish
//       before a watcher gets round to it. Then member i starts i ms after the first (the
//       burst takes 0.3 s), so that however the server batches its answers, members are still
//       arriving when it dies.
//   node loadgen.mjs static BASE COUNT
//       COUNT requests for /healthz at once; prints the same figures for them.
import http from 'node:http';
import fs from 'node:fs';

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

// The source address for client i, when the server is on loopback.
const loopback = (url) => /^http:\/\/127\./.test(url);
const source = (i) => `127.1.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;

function request(url, { method = 'GET', body, headers = {}, from } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const options = { method, agent, headers, timeout: 30000 };
    if (from !== undefined && loopback(url)) options.localAddress = source(from);
    const req = http.request(url, options, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(),
        ms: performance.now() - t0 }));
      res.on('error', (e) => resolve({ status: 0, body: String(e), ms: performance.now() - t0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, body: String(e), ms: performance.now() - t0 }));
    if (body) req.write(body);
    req.end();
  });
}

function pct(values, p) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(2);
}

function figures(list) {
  return { p50: pct(list, 50), p99: pct(list, 99), max: pct(list, 100) };
}

const field = (html, name) => (html.match(new RegExp(`name="${name}" value="([^"]*)"`)) || [])[1];

let acked = 0, killAfter = 0, killPid = 0;

async function signIn(base, token, name, tail, acks, delay, from) {
  if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
  const t0 = performance.now();
  const page = await request(`${base}/s/${token}`, { from });
  if (page.status !== 200) return { ok: false, why: `GET ${page.status}` };
  const stamp = field(page.body, 'stamp'), opened = field(page.body, 'opened');
  if (!stamp || !opened) return { ok: false, why: 'no stamp' };
  const body = new URLSearchParams({ name, tail, stamp, opened }).toString();
  const res = await request(`${base}/s/${token}`, {
    method: 'POST', body, from,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
  });
  const total = performance.now() - t0;
  if (res.status === 200 && (res.body.includes('签到成功') || res.body.includes('您已于'))) {
    fs.writeSync(acks, `${name}\t${res.ms.toFixed(2)}\n`);
    if (++acked === killAfter) process.kill(killPid, 'SIGKILL');
    return { ok: true, post: res.ms, total };
  }
  return { ok: false, why: `POST ${res.status}` };
}

const [mode, base, ...rest] = process.argv.slice(2);
if (mode === 'signin') {
  const [token, membersFile, acksFile, after, pid] = rest;
  killAfter = Number(after || 0);
  killPid = Number(pid || 0);
  const members = fs.readFileSync(membersFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
  const acks = fs.openSync(acksFile, 'a');
  const t0 = performance.now();
  const results = await Promise.all(members.map(([n, t], i) =>
    signIn(base, token, n, t, acks, killAfter ? i : 0, i)));
  fs.closeSync(acks);
  const ok = results.filter((r) => r.ok);
  const why = {};
  for (const r of results) if (!r.ok) why[r.why] = (why[r.why] || 0) + 1;
  console.log(JSON.stringify({ ok: ok.length, failed: results.length - ok.length, why,
    wall_ms: +(performance.now() - t0).toFixed(1),
    post: figures(ok.map((r) => r.post)), total: figures(ok.map((r) => r.total)) }));
} else if (mode === 'static') {
  const count = Number(rest[0]);
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: count }, (_, i) => request(`${base}/healthz`, { from: i })));
  const ok = results.filter((r) => r.status === 200);
  console.log(JSON.stringify({ ok: ok.length, failed: count - ok.length,
    wall_ms: +(performance.now() - t0).toFixed(1), get: figures(ok.map((r) => r.ms)) }));
} else {
  console.error('usage: node loadgen.mjs signin BASE TOKEN MEMBERS.tsv ACKS.txt [KILL_AFTER PID] | static BASE COUNT');
  process.exit(2);
}
