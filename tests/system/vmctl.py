#!/usr/bin/env python3
"""Talk to the test VM: qemu's QMP (screen, pointer, USB) and the guest agent (run commands).

  vmctl.py qmp SOCK COMMAND [JSON-ARGS]      one QMP command; prints its "return" as JSON
  vmctl.py screendump SOCK FILE.png          the VM's screen as PNG
  vmctl.py tablet SOCK X Y W H               a tap of qemu's usb-tablet at pixel X,Y of a WxH screen
  vmctl.py agent-wait SOCK SECONDS           wait until the guest agent answers
  vmctl.py run SOCK SECONDS SHELL-COMMAND    run a command in the guest; its output, its exit code
  vmctl.py put SOCK LOCAL REMOTE [MODE]      copy a file into the guest
  vmctl.py spawn SOCK SHELL-COMMAND          start a command in the guest and leave it running

Only the standard library: the harness must run on a fresh Debian with nothing but python3.
"""
import base64
import json
import socket
import sys
import time


class Channel:
    """A line-oriented JSON channel over a Unix socket (QMP and the guest agent both are)."""

    def __init__(self, path, timeout=30):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buf = b""

    def send(self, obj):
        self.sock.sendall(json.dumps(obj).encode() + b"\n")

    def recv(self):
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("channel closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def close(self):
        self.sock.close()


def qmp_open(path):
    ch = Channel(path)
    ch.recv()  # greeting
    call(ch, "qmp_capabilities")
    return ch


def call(ch, cmd, args=None, ident=None):
    """One command on QMP or the agent; QMP's events are skipped, and with IDENT (the agent's
    guest-sync) so is every answer but the one that echoes it."""
    msg = {"execute": cmd}
    if args:
        msg["arguments"] = args
    ch.send(msg)
    while True:
        r = ch.recv()
        if "event" in r:
            continue
        if "error" in r:
            raise RuntimeError("%s: %s" % (cmd, r["error"].get("desc")))
        if ident is not None and r.get("return") != ident:
            continue
        return r.get("return")


def agent_open(path, timeout):
    ch = Channel(path, timeout)
    ident = int(time.time() * 1000) % 100000000
    call(ch, "guest-sync", {"id": ident}, ident)
    return ch


def wait_exec(ch, pid, limit):
    """The exit code of a guest-exec'd process, or 124 when it outlives LIMIT seconds."""
    deadline = time.time() + limit
    while time.time() < deadline:
        st = call(ch, "guest-exec-status", {"pid": pid})
        if st.get("exited"):
            return st.get("exitcode", 1)
        time.sleep(0.2)
    return 124


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    verb, sock = argv[1], argv[2]
    if verb == "qmp":
        ch = qmp_open(sock)
        args = json.loads(argv[4]) if len(argv) > 4 else None
        print(json.dumps(call(ch, argv[3], args)))
        return 0
    if verb == "screendump":
        ch = qmp_open(sock)
        call(ch, "screendump", {"filename": argv[3], "format": "png"})
        return 0
    if verb == "tablet":
        x, y, w, h = (int(v) for v in argv[3:7])
        ch = qmp_open(sock)
        ax, ay = x * 32767 // (w - 1), y * 32767 // (h - 1)
        move = [{"type": "abs", "data": {"axis": "x", "value": ax}},
                {"type": "abs", "data": {"axis": "y", "value": ay}}]
        call(ch, "input-send-event", {"events": move})
        time.sleep(0.1)
        for down in (True, False):
            call(ch, "input-send-event",
                     {"events": [{"type": "btn", "data": {"down": down, "button": "left"}}]})
            time.sleep(0.15)
        return 0
    if verb == "agent-wait":
        deadline = time.time() + float(argv[3])
        while time.time() < deadline:
            try:
                agent_open(sock, 5).close()
                return 0
            except (OSError, EOFError, RuntimeError, ValueError):
                time.sleep(2)
        print("vmctl: the guest agent did not answer in %s s" % argv[3], file=sys.stderr)
        return 1
    if verb == "put":
        # In pieces: the agent refuses one message much over a megabyte.
        with open(argv[3], "rb") as f:
            data = f.read()
        ch = agent_open(sock, 60)
        mode = argv[5] if len(argv) > 5 else "644"
        for off in range(0, max(len(data), 1), 512 * 1024):
            piece = base64.b64encode(data[off:off + 512 * 1024]).decode()
            cmd = 'cat %s "$1.part"' % (">" if off == 0 else ">>")
            if off + 512 * 1024 >= len(data):  # a running program's file is replaced, not written
                cmd += ' && chmod %s "$1.part" && mv -f "$1.part" "$1"' % mode
            rc = wait_exec(ch, call(ch, "guest-exec", {
                "path": "/bin/sh", "arg": ["-c", cmd, "put", argv[4]],
                "input-data": piece, "capture-output": True})["pid"], 60)
            if rc != 0:
                print("vmctl: copying %s into the guest failed" % argv[3], file=sys.stderr)
                return 1
        return 0
    if verb == "spawn":
        ch = agent_open(sock, 30)
        call(ch, "guest-exec", {"path": "/bin/sh", "arg": ["-c", argv[3]]})
        return 0
    if verb == "run":
        limit = float(argv[3])
        ch = agent_open(sock, limit + 10)
        pid = call(ch, "guest-exec", {"path": "/bin/sh", "arg": ["-c", argv[4]],
                                            "capture-output": True})["pid"]
        deadline = time.time() + limit
        while True:
            st = call(ch, "guest-exec-status", {"pid": pid})
            if st.get("exited"):
                break
            if time.time() > deadline:
                print("vmctl: the command did not finish in %s s: %s" % (argv[3], argv[4]),
                      file=sys.stderr)
                return 124
            time.sleep(0.3)
        sys.stdout.write(base64.b64decode(st.get("out-data", "")).decode("utf-8", "replace"))
        sys.stderr.write(base64.b64decode(st.get("err-data", "")).decode("utf-8", "replace"))
        return st.get("exitcode", 1)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
