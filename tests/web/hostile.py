#!/usr/bin/env python3
"""Hostile clients for the phone server's tests (issue 11), on loopback only: each source
address is 127.x.y.z, bound before connecting, so one machine plays a room full of phones.

  hostile.py fill PORT COUNT ADDRS HOLD_S     COUNT connections spread over ADDRS addresses,
      each sending "GET /healt" and going quiet, all in the same second; held HOLD_S seconds
      (the server should time them out first), then closed. Prints how many connected.
  hostile.py perip PORT COUNT                 COUNT connections from one address; prints how
      many the server kept open after a second.
  hostile.py args PORT COUNT NARGS            COUNT requests whose query has NARGS arguments,
      each dropped (RST) a moment after it is sent.
  hostile.py malformed PORT COUNT             COUNT requests MHD itself refuses (bad request
      lines, bad headers), 20 addresses.
  hostile.py junk PORT TOKEN STAMP OPENED COUNT ADDRS   COUNT wrong guesses with junk names
      from ADDRS addresses; prints the statuses seen as JSON.
  hostile.py replay PORT TOKEN BODY COUNT      the same POST body COUNT times, no cookie.
"""
import json
import socket
import struct
import sys
import time
import http.client


def addr(i, net=1):
    return "127.%d.%d.%d" % (net, (i // 250) % 250, i % 250 + 1)


def connect(port, src):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    return s


def rst_close(s):
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def fill(port, count, naddrs, hold):
    socks = []
    for i in range(count):
        try:
            socks.append(connect(port, addr(i % naddrs, 10)))
        except OSError:
            pass
    # Send on all of them inside one second, so that they all time out in one turn.
    while time.time() % 1 > 0.3:
        time.sleep(0.01)
    for s in socks:
        try:
            s.send(b"GET /healt")
        except OSError:
            pass
    print(len(socks), flush=True)
    time.sleep(hold)
    for s in socks:
        s.close()


def perip(port, count):
    socks = [connect(port, "127.20.0.1") for _ in range(count)]
    time.sleep(1)
    open_ = 0
    for s in socks:
        s.setblocking(False)
        try:
            open_ += s.recv(1) != b""  # data: still open (should not happen)
        except BlockingIOError:
            open_ += 1                 # nothing to read: still open
        except OSError:
            pass
    print(open_)
    for s in socks:
        s.close()


def args(port, count, nargs):
    query = "&".join("a%d=1" % i for i in range(nargs))
    req = ("GET /s/x?%s HTTP/1.1\r\nHost: k\r\n\r\n" % query).encode()
    for j in range(0, count, 10):
        socks = []
        for i in range(10):
            s = connect(port, addr(i, 30))
            s.sendall(req)
            socks.append(s)
        time.sleep(0.005)
        for s in socks:
            rst_close(s)


MALFORMED = [
    b"GARBAGE\r\n\r\n",
    b"GET /s/x HTTP/9.9\r\n\r\n",
    b"GET /s/x HTTP/1.1\r\nHost: k\r\nBad Header\r\n\r\n",
    b"GET /s/x HTTP/1.1\r\nHost: k\r\nX: " + b"a" * 40000 + b"\r\n\r\n",
    b"POST /s/x HTTP/1.1\r\nHost: k\r\nContent-Length: zz\r\n\r\n",
]


def malformed(port, count):
    for i in range(count):
        s = connect(port, addr(i % 20, 40))
        try:
            s.sendall(MALFORMED[i % len(MALFORMED)])
            s.settimeout(2)
            s.recv(256)
        except OSError:
            pass
        s.close()


def post(port, src, path, body, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(src, 0))
    h = {"Content-Type": "application/x-www-form-urlencoded"}
    h.update(headers or {})
    c.request("POST", path, body=body, headers=h)
    r = c.getresponse()
    page = r.read().decode("utf-8", "replace")
    c.close()
    return r.status, page


def junk(port, token, stamp, opened, count, naddrs):
    seen = {}
    for i in range(count):
        body = "name=junk%d&tail=%04d&stamp=%s&opened=%s" % (i, i % 10000, stamp, opened)
        status, _ = post(port, addr(i % naddrs, 50), "/s/" + token, body)
        seen[status] = seen.get(status, 0) + 1
    print(json.dumps(seen))


def replay(port, token, body, count):
    seen = {}
    for i in range(count):
        status, page = post(port, "127.0.0.1", "/s/" + token, body)
        key = "%d %s" % (status, "already" if "您已于" in page else "")
        seen[key] = seen.get(key, 0) + 1
    print(json.dumps(seen))


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    a = sys.argv[3:]
    if mode == "fill":
        fill(port, int(a[0]), int(a[1]), float(a[2]))
    elif mode == "perip":
        perip(port, int(a[0]))
    elif mode == "args":
        args(port, int(a[0]), int(a[1]))
    elif mode == "malformed":
        malformed(port, int(a[0]))
    elif mode == "junk":
        junk(port, a[0], a[1], a[2], int(a[3]), int(a[4]))
    elif mode == "replay":
        replay(port, a[0], a[1], int(a[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
