#!/usr/bin/env python3
"""Legitimate phones signing in while hostile clients work on the server (issue 11), on
loopback only, every client from its own 127.x.y.z address. For the soak test
(tests/web/phone_soak.sh) and make bench (tests/bench/web.sh).

  soak.py PORT KEY_HEX MEETING_UUID NOW_EPOCH START_EPOCH MEMBERS.tsv SECONDS ATTACK ACKS

MEMBERS.tsv holds "name<TAB>tail" lines; the members start evenly spread over SECONDS, each
opening the sign-in page for the current QR token (computed as the kiosk does, its clock taken
to be NOW_EPOCH at START_EPOCH) and sending it. Each acknowledged sign-in is appended to ACKS
("name<TAB>ms"). With ATTACK=1, for the same SECONDS:
  slow       160 connections from 20 addresses, each sending a byte of a header every 2 s
  malformed  requests MHD refuses itself (bad request lines, bad headers), one after another
  oversize   40 KB headers and bodies over 4 KiB, one after another
  arguments  requests with 500 query arguments, dropped a moment after they are sent
Wrong guesses are not among them: those spend the budget that then sends every phone to the
screen, by design (tests/web/phone_hostile.sh covers that). Prints one JSON line: the
legitimate sign-ins (ok, failed, why, POST p50/p99/max in ms) and how many requests each
kind of attacker made.
"""
import asyncio
import base64
import hashlib
import hmac
import json
import re
import socket
import struct
import sys
import time
import urllib.parse


def source(net, i):
    return "127.%d.%d.%d" % (net, (i // 250) % 250, i % 250 + 1)


class Server:
    def __init__(self, port, key, uuid, now_epoch, start_epoch):
        self.port, self.key, self.uuid = port, bytes.fromhex(key), uuid
        self.now_epoch, self.start_epoch = now_epoch, start_epoch

    def token(self, shift=0):
        period = int(self.now_epoch + time.time() - self.start_epoch) // 30 + shift
        mac = hmac.new(self.key, ("qr|%s|%d" % (self.uuid, period)).encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(mac.digest()[:12]).decode().rstrip("=")

    async def open(self, src):
        return await asyncio.open_connection("127.0.0.1", self.port, local_addr=(src, 0))

    async def request(self, src, raw, timeout=20):
        """Send raw bytes, read the whole answer (the server closes: no keep-alive)."""
        r, w = await self.open(src)
        try:
            w.write(raw)
            await w.drain()
            data = await asyncio.wait_for(r.read(), timeout)
        finally:
            w.close()
        head, _, body = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
        return status, body.decode("utf-8", "replace")


def get(path):
    return ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % path).encode()


def post(path, fields):
    body = urllib.parse.urlencode(fields).encode()
    return (("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
             "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n")
            % (path, len(body))).encode() + body


def field(page, name):
    m = re.search(r'name="%s" value="([^"]*)"' % name, page)
    return m.group(1) if m else None


async def member(srv, i, name, tail, delay, acks, results):
    await asyncio.sleep(delay)
    src = source(60 + i // 60000, i)
    t0 = time.monotonic()
    try:
        for shift in (0, -1, 1):  # the kiosk's clock may sit either side of a period's edge
            token = srv.token(shift)
            status, page = await srv.request(src, get("/s/" + token))
            if status == 200:
                break
        if status != 200:
            results.append({"ok": False, "why": "GET %d" % status})
            return
        t1 = time.monotonic()
        status, page = await srv.request(src, post("/s/" + token, {
            "name": name, "tail": tail, "stamp": field(page, "stamp"),
            "opened": field(page, "opened")}))
        ms = (time.monotonic() - t1) * 1000
        if status == 200 and ("签到成功" in page or "您已于" in page):
            acks.write("%s\t%.2f\n" % (name, ms))
            acks.flush()
            results.append({"ok": True, "post": ms, "total": (time.monotonic() - t0) * 1000})
        else:
            results.append({"ok": False, "why": "POST %d" % status})
    except (OSError, asyncio.TimeoutError) as e:
        results.append({"ok": False, "why": type(e).__name__})


async def slow(srv, n, until, count):
    try:
        r, w = await srv.open(source(80, n % 20))
    except OSError:
        return
    count["slow"] += 1
    try:
        w.write(b"GET /s/AAAAAAAAAAAAAAAA HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        while time.monotonic() < until:
            await asyncio.sleep(2)
            w.write(b"a")
            await w.drain()
    except OSError:
        pass
    finally:
        w.close()


MALFORMED = [
    b"GARBAGE\r\n\r\n",
    b"GET /s/x HTTP/9.9\r\n\r\n",
    b"GET /s/x HTTP/1.1\r\nHost: k\r\nBad Header\r\n\r\n",
    b"POST /s/x HTTP/1.1\r\nHost: k\r\nContent-Length: zz\r\n\r\n",
    b"GET /s/%zz HTTP/1.1\r\nHost: k\r\n\r\n",
]
OVERSIZE = [
    b"GET /s/x HTTP/1.1\r\nHost: k\r\nX-Big: " + b"a" * 40000 + b"\r\n\r\n",
    b"POST /s/AAAAAAAAAAAAAAAA HTTP/1.1\r\nHost: k\r\nContent-Type: application/x-www-form-"
    b"urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n2000\r\n" + b"a" * 8192 + b"\r\n0\r\n\r\n",
    b"POST /s/AAAAAAAAAAAAAAAA HTTP/1.1\r\nHost: k\r\nContent-Length: 100000\r\n\r\n" + b"a" * 5000,
]
ARGS = get("/s/x?" + "&".join("a%d=1" % i for i in range(500)))


async def loop(srv, kind, net, requests, until, count):
    i = 0
    while time.monotonic() < until:
        raw = requests[i % len(requests)]
        src = source(net, i % 200)
        i += 1
        try:
            if kind == "arguments":
                r, w = await srv.open(src)
                w.write(raw)
                await w.drain()
                await asyncio.sleep(0.01)
                w.get_extra_info("socket").setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                w.close()
            else:
                await srv.request(src, raw, timeout=5)
        except (OSError, asyncio.TimeoutError, ValueError, IndexError):
            pass
        count[kind] += 1
        await asyncio.sleep(0.02)


def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    return round(s[min(len(s) - 1, max(0, -(-p * len(s) // 100) - 1))], 2)


async def main():
    port, key, uuid, now_epoch, start_epoch, members_file, seconds, attack, acks_file = sys.argv[1:]
    srv = Server(int(port), key, uuid, int(now_epoch), float(start_epoch))
    seconds = float(seconds)
    members = [l.split("\t") for l in open(members_file, encoding="utf-8").read().splitlines() if l]
    until = time.monotonic() + seconds
    count = {"slow": 0, "malformed": 0, "oversize": 0, "arguments": 0}
    tasks = []
    if attack == "1":
        tasks += [asyncio.create_task(slow(srv, n, until, count)) for n in range(160)]
        tasks += [asyncio.create_task(loop(srv, "malformed", 81, MALFORMED, until, count)),
                  asyncio.create_task(loop(srv, "oversize", 82, OVERSIZE, until, count)),
                  asyncio.create_task(loop(srv, "arguments", 83, [ARGS], until, count))]
    results = []
    with open(acks_file, "a", encoding="utf-8") as acks:
        spread = seconds * 0.8 / max(1, len(members))
        t0 = time.monotonic()
        await asyncio.gather(*[member(srv, i, n, t, i * spread, acks, results)
                               for i, (n, t) in enumerate(members)])
        t1 = time.monotonic()
        await asyncio.gather(*tasks)
        sys.stderr.write("members %.1f s, attackers %.1f s\n" % (t1 - t0, time.monotonic() - t0))
    ok = [r for r in results if r["ok"]]
    why = {}
    for r in results:
        if not r["ok"]:
            why[r["why"]] = why.get(r["why"], 0) + 1
    post_ms = [r["post"] for r in ok]
    print(json.dumps({"ok": len(ok), "failed": len(results) - len(ok), "why": why,
                      "post": {"p50": pct(post_ms, 50), "p99": pct(post_ms, 99),
                               "max": pct(post_ms, 100)},
                      "attackers": count}))


asyncio.run(main())
