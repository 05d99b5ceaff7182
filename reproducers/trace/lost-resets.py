#!/usr/bin/env python3
"""Reads a trace of trace-iouring.sh and says, for every RST a socket driven by Netty's io_uring
transport received, what the ring did about it.

    lost-resets.py TRACE                  one line per ring: how many RSTs a read reported, how many
                                          a write reported first (the read never did: "lost")
    lost-resets.py TRACE RING [N]         for that ring: the RSTs by what the receive queue held, and
                                          N examples of each verdict with the ring's requests around
                                          the RST; writes TRACE.lost (one lost connection a line) and
                                          prints a tcpdump filter that selects them in the capture

How an RST is tied to a Netty channel: the RST's softirq wakes the channel's polls, so the first
io_uring_task_add in the same thread right after tcp_receive_reset names the channel's registration
(Netty's user_data: registration id << 32 | opcode << 16 | its own 16-bit id). Python 3, no modules.
"""
import collections
import re
import sys

LINE = re.compile(r'^\s*(.+)-(\d+)\s+\[(\d+)\]\s+\S+\s+([\d.]+): (\w+): (.*)$')
OPS = {6: 'POLL_ADD', 0x0e: 'ASYNC_CANCEL', 0x13: 'CLOSE', 0x1a: 'SEND', 0x1b: 'RECV', 0x02: 'WRITEV'}
RECV, SEND, WRITEV, POLL_ADD = 0x1b, 0x1a, 0x02, 6
ECONNRESET, EPIPE = -104, -32
SOCK_NONEMPTY = 0x4  # IORING_CQE_F_SOCK_NONEMPTY
F_MORE = 0x2         # IORING_CQE_F_MORE: a multishot request stays armed


def read(path):
    resets, ops, pending = [], collections.defaultdict(list), {}
    with open(path, errors='replace') as f:
        for line in f:
            m = LINE.match(line)
            if not m:
                continue
            _, pid, _, t, name, rest = m.groups()
            t = float(t)
            if name == 'tcp_receive_reset':
                r = re.search(r'sport=(\d+) dport=(\d+) saddr=(\S+) daddr=(\S+)', rest)
                pending[pid] = (t, int(r.group(1)), int(r.group(2)), r.group(3), r.group(4))
                continue
            if not name.startswith('io_uring_'):
                continue
            ring = re.search(r'ring (\w+)', rest).group(1)
            ud = re.search(r'user_data 0x(\w+)', rest)
            if not ud:
                continue
            ud = int(ud.group(1), 16)
            if ud >> 63:  # Netty's own (eventfd read, timeouts), not a channel's
                continue
            key = (ring, ud >> 32)
            op, data = (ud >> 16) & 0xff, ud & 0xffff
            if name == 'io_uring_task_add' and pid in pending:
                t0, sport, dport, saddr, daddr = pending.pop(pid)
                if t - t0 < 0.0002:
                    resets.append(dict(t=t0, key=key, port=sport, peer=dport, addr=saddr, peer_addr=daddr))
            elif name == 'io_uring_complete':
                res = int(re.search(r'result (-?\d+)', rest).group(1))
                cflags = int(re.search(r'cflags 0x(\w+)', rest).group(1), 16)
                ops[key].append((t, 'complete', op, data, res, cflags))
            elif name == 'io_uring_submit_req':
                ops[key].append((t, 'submit', op, data, None, None))
    return resets, ops


def verdict(after):
    for t, kind, op, data, res, cflags in after:
        if kind != 'complete':
            continue
        if op == RECV and res == ECONNRESET:
            return 'a read reported ECONNRESET'
        if op in (SEND, WRITEV) and res == ECONNRESET:
            return 'LOST: a write reported ECONNRESET first'
        if op in (SEND, WRITEV) and res == EPIPE:
            return 'a write got EPIPE'
        if op == RECV and res == 0:
            return 'a read got EOF'
    return 'nothing reported in the trace'


def receive_queue(after):
    """What the receives after the RST say about the receive queue at the RST."""
    data = [e for e in after if e[1] == 'complete' and e[2] == RECV and e[4] > 0]
    if not data:
        return 'receive queue empty at the RST'
    last = data[-1]
    woken = any(e[1] == 'complete' and e[2] == POLL_ADD and e[4] > 0 and e[0] > last[0] for e in after)
    return ('data unread at the RST; the last receive of it %s IORING_CQE_F_SOCK_NONEMPTY; %s'
            % ('had' if last[5] & SOCK_NONEMPTY else 'had no',
               'a poll completed after it' if woken else 'no poll completed after it'))


def show(e):
    t, kind, op, data, res, cflags = e
    s = '%.6f %-8s %s#%04x' % (t, kind, OPS.get(op, 'op%d' % op), data)
    if kind == 'complete':
        s += ' res=%d' % res
        if op == POLL_ADD and res > 0:
            s += ' (0x%x)' % res
        s += ' cflags=0x%x' % cflags
    return s


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    resets, ops = read(sys.argv[1])
    for r in resets:
        r['after'] = [e for e in ops[r['key']] if e[0] >= r['t']]
        r['before'] = [e for e in ops[r['key']] if e[0] < r['t']][-6:]
        r['verdict'] = verdict(r['after'])
    if len(sys.argv) == 2:
        by_ring = collections.Counter((r['key'][0], r['verdict']) for r in resets)
        for (ring, v), n in sorted(by_ring.items()):
            print('%6d  ring %s  %s' % (n, ring, v))
        return
    ring, examples = sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1
    mine = [r for r in resets if r['key'][0] == ring]
    table = collections.Counter((receive_queue(r['after']), r['verdict']) for r in mine)
    print('%d RSTs on ring %s:' % (len(mine), ring))
    for (queue, v), n in sorted(table.items()):
        print('%6d  %s -> %s' % (n, queue, v))
    shown = collections.Counter()
    for r in mine:
        if shown[r['verdict']] >= examples:
            continue
        shown[r['verdict']] += 1
        print('\n%s: RST at %.6f to %s:%d from %s:%d, registration %d; its requests:'
              % (r['verdict'], r['t'], r['addr'], r['port'], r['peer_addr'], r['peer'], r['key'][1]))
        for e in r['before']:
            print('   before  ' + show(e))
        for e in r['after'][:16]:
            print('   after   ' + show(e))
    lost = [r for r in mine if r['verdict'].startswith('LOST')]
    with open(sys.argv[1] + '.lost', 'w') as f:
        for r in lost:
            f.write('%s %d %s %d %.6f\n' % (r['addr'], r['port'], r['peer_addr'], r['peer'], r['t']))
    if lost:
        print('\ntcpdump filter for the %d lost connections (written to %s.lost):' % (len(lost), sys.argv[1]))
        print(' or '.join('(host %s and host %s and port %d and port %d)' % (r['addr'], r['peer_addr'], r['port'], r['peer'])
                          for r in lost))


if __name__ == '__main__':
    main()
