# shellcheck shell=bash
# PostgreSQL helpers for services/postgres-up and postgres-down. Sourced after
# lib/common.sh.

# The directory holding initdb, pg_ctl, postgres and psql of one version.
# Debian keeps initdb and pg_ctl off PATH, under /usr/lib/postgresql/N/bin.
pg_find_bindir() {
    local d best=
    if [[ -n ${PG_BINDIR:-} ]]; then
        [[ -x $PG_BINDIR/initdb ]] || svc_die "PG_BINDIR=$PG_BINDIR has no initdb"
        printf '%s\n' "$PG_BINDIR"
        return 0
    fi
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x $d/initdb ]] || continue
        # Highest major version wins (sort -V over the candidates).
        best=$(printf '%s\n%s\n' "$best" "$d" | sed '/^$/d' | sort -V | tail -n 1)
    done
    if [[ -z $best ]] && command -v initdb >/dev/null 2>&1; then
        best=$(dirname "$(command -v initdb)")
    fi
    [[ -n $best ]] || svc_die "PostgreSQL server binaries not found (apt-get install postgresql-15)"
    printf '%s\n' "$best"
}

# Run a command as the cluster's owner: the "postgres" user when we are root
# (the server refuses to run as root), ourselves otherwise. runuser, not sudo:
# we are already root, and runuser needs no PAM/sudoers setup.
pg_as_owner() {
    if ((EUID == 0)); then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}
