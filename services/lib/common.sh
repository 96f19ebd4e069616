# shellcheck shell=bash
# Helpers shared by services/kafka-up, kafka-down, postgres-up, postgres-down.
# Sourced, not executed. Everything here talks to loopback only.

# Messages go to stderr: stdout of the *-up scripts is reserved for KEY=VALUE
# settings that callers eval or parse.
svc_log() { printf '%s: %s\n' "${SVC_NAME:-services}" "$*" >&2; }
svc_die() { svc_log "error: $*"; exit 1; }

# Milliseconds since the epoch, for start-up timings.
svc_now_ms() { date +%s%3N; }

# Print KEY=VALUE with the value shell-quoted only when it needs to be, so the
# output stays readable for plain parsers and safe for `eval`.
svc_emit() { printf '%s=%q\n' "$1" "$2"; }

# Is anything bound to 127.0.0.1:PORT (or the wildcard) over TCP?
svc_port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        # -a (not only -l): a port held by a connection in TIME_WAIT or by an
        # outgoing socket is also refused by bind() without SO_REUSEADDR.
        [[ -n $(ss -Htan "sport = :$port" 2>/dev/null) ]]
    else
        # No ss: fall back to "does something accept connections there".
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

# Print COUNT distinct free TCP ports, one per line. Ports come from
# 20000-32767: below Linux's default ephemeral range (32768-60999), so an
# outgoing connection is unlikely to grab the port between this check and the
# server's bind. There is still a small race with other programs picking ports
# at the same moment; callers fail loudly if the bind then fails.
svc_free_ports() {
    local count=$1 picked=() port tries=0 p dup
    while ((${#picked[@]} < count)); do
        ((tries++ < 200)) || svc_die "no free loopback port found after 200 tries"
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 12768))
        dup=0
        for p in "${picked[@]}"; do [[ $p == "$port" ]] && dup=1; done
        ((dup)) && continue
        svc_port_in_use "$port" && continue
        picked+=("$port")
    done
    printf '%s\n' "${picked[@]}"
}

# Make a private temp dir for one server instance and tag it with a marker
# file, so the *-down scripts only ever delete directories that an *-up
# script created.
svc_make_dir() {
    local kind=$1 dir
    dir=$(mktemp -d "${TMPDIR:-/tmp}/billing-$kind.XXXXXX")
    printf '%s\n' "$kind" >"$dir/.billing-desk-service"
    printf '%s\n' "$dir"
}

# True if DIR was made by svc_make_dir for KIND.
svc_is_service_dir() {
    local kind=$1 dir=$2
    [[ -f $dir/.billing-desk-service ]] && [[ $(<"$dir/.billing-desk-service") == "$kind" ]]
}

# True if PID is alive and its command line contains NEEDLE; guards against
# signalling a recycled pid that now belongs to something else.
svc_pid_matches() {
    local pid=$1 needle=$2 cmdline
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"$needle"* ]]
}

# Is PID running? A zombie (exited, not yet reaped by its parent) counts as
# gone: kill -0 still succeeds on it, and a detached server's zombie is reaped
# by whatever the sandbox runs as pid 1, which may take its time.
svc_alive() {
    local pid=$1 stat
    kill -0 "$pid" 2>/dev/null || return 1
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

# Wait up to SECONDS for PID to exit; returns 1 if it is still alive.
svc_wait_exit() {
    local pid=$1 seconds=$2 deadline
    deadline=$(($(svc_now_ms) + seconds * 1000))
    while svc_alive "$pid"; do
        (($(svc_now_ms) < deadline)) || return 1
        sleep 0.2
    done
    return 0
}

# SIGTERM, then SIGKILL after TIMEOUT seconds. Returns once PID is gone
# (bounded: SIGKILL of a process we own takes effect within a second or two).
svc_stop_pid() {
    local pid=$1 timeout=$2
    svc_alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    if ! svc_wait_exit "$pid" "$timeout"; then
        svc_log "pid $pid still running after ${timeout}s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        svc_wait_exit "$pid" 10 || svc_die "pid $pid survived SIGKILL"
    fi
}
