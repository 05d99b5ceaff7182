# closebench's lightweight child peer: bash with /dev/tcp, no toolchain needed.
# Same protocol as ChildPeerMain (ChildMessage: a word and its fields, tab-separated), with one
# difference: bash has no monotonic clock, so it prints "T0R <EPOCHREALTIME>" (microseconds of the
# realtime clock) and the parent
# converts it (RealtimeToMonotonic). Run with LC_ALL=C so that read -N counts bytes and
# EPOCHREALTIME has a '.' for its decimal point.
set -u
host=$1 port=$2 token=$3 read_bytes=$4 send_bytes=$5 chunk=$6 mode=$7 cap_seconds=$8

exec 3<>"/dev/tcp/$host/$port" || exit 3
printf '%s' "$token" >&3
printf 'CONNECTED\t0\n'
if (( read_bytes > 0 )); then
  read -r -N "$read_bytes" -u 3 _ || exit 4
  printf 'READ\t%s\n' "$read_bytes"
fi
printf -v block '%*s' "$chunk" ''
block=${block// /x}
IFS= read -r go || exit 5   # EOF: the parent is gone

sent=0
if [[ $mode == STREAM ]]; then
  # until killed; bounded by the byte cap and the time cap all the same
  while (( sent < send_bytes && SECONDS < cap_seconds )); do
    printf '%s' "$block" >&3 || exit 6
    sent=$((sent + chunk))
    printf 'SENT\t%s\n' "$sent"
  done
  exit 7
fi
while (( sent < send_bytes && SECONDS < cap_seconds )); do
  printf '%s' "$block" >&3 || exit 6
  sent=$((sent + chunk))
  printf 'SENT\t%s\n' "$sent"
done
printf 'T0R\t%s\n' "$EPOCHREALTIME"
if [[ $mode == CLOSE_THEN_EXIT ]]; then
  exec 3>&-
fi
exit 0
