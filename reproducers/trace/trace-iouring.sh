#!/usr/bin/env bash
# Runs a command while the kernel traces what io_uring and TCP do, into OUT.trace (text), and, with
# --pcap, captures loopback into OUT.pcap (headers only). Root only. Uses a tracefs instance of its
# own, so the global trace buffer and anyone else's tracing are left alone; removes the instance
# (and unmounts tracefs if it mounted it) when the command ends, also on failure or Ctrl-C.
#
#   trace-iouring.sh [--pcap] OUT command [args...]
#
# Events: io_uring_submit_req, io_uring_complete, io_uring_poll_arm, io_uring_task_add (which
# requests were submitted, armed, woken and completed, with their user_data, result and CQE flags),
# tcp_receive_reset (which socket got an RST, when) and inet_sk_error_report, sock_recv_length.
# Timestamps are CLOCK_MONOTONIC (System.nanoTime() / 1e9). lost-resets.py reads the result.
set -euo pipefail
pcap=0
if [[ ${1:-} == --pcap ]]; then pcap=1; shift; fi
(( $# >= 2 )) || { sed -n '2,11p' "$0" >&2; exit 2; }
out=$1; shift
[[ $(id -u) == 0 ]] || { echo "trace-iouring.sh: needs root (tracefs)" >&2; exit 2; }

tracing=/sys/kernel/tracing
mounted_here=0
if [[ ! -d $tracing/events ]]; then
  mount -t tracefs nodev "$tracing"
  mounted_here=1
fi
[[ -d $tracing/events/io_uring ]] || { echo "trace-iouring.sh: this kernel has no io_uring tracepoints" >&2; exit 2; }
instance=$tracing/instances/trace-iouring-$$
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -d $instance ]] && rmdir "$instance"
  if (( mounted_here )); then umount "$tracing" || true; fi
}
trap cleanup EXIT
mkdir "$instance"
echo mono > "$instance/trace_clock"
echo 65536 > "$instance/buffer_size_kb"
for e in io_uring/io_uring_submit_req io_uring/io_uring_complete io_uring/io_uring_poll_arm io_uring/io_uring_task_add \
         tcp/tcp_receive_reset sock/inet_sk_error_report sock/sock_recv_length; do
  echo 1 > "$instance/events/$e/enable"
done
cat "$instance/trace_pipe" > "$out.trace" &
pids+=($!)
if (( pcap )); then
  tcpdump -i lo -s 128 -w "$out.pcap" tcp 2>/dev/null &
  pids+=($!)
fi
sleep 1
set +e
"$@"
rc=$?
set -e
sleep 1
exit $rc
