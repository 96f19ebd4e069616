# shellcheck shell=bash
# Locate (and on first use download) the Kafka broker jars described by
# services/kafka/pom.xml. Sourced after lib/common.sh.
#
# Cache: ${KAFKA_LIBS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/billing-desk/kafka-VERSION/libs}
# It lives outside the repo so that repeated runs, other work trees and CI runs
# on the same machine share one copy (~47 MB) and only the first run downloads.

kafka_pom="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/kafka/pom.xml"

# The single source of truth for the version is the pom.
kafka_version() {
    local v
    v=$(sed -n 's:.*<kafka\.version>\(.*\)</kafka\.version>.*:\1:p' "$kafka_pom")
    [[ -n $v ]] || svc_die "no <kafka.version> in $kafka_pom"
    printf '%s\n' "$v"
}

kafka_libs_dir() {
    printf '%s\n' "${KAFKA_LIBS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/billing-desk/kafka-$(kafka_version)/libs}"
}

# Ensure the jars are in kafka_libs_dir; print that dir on stdout.
kafka_ensure_libs() {
    local libs stamp want parent tmp log rc
    libs=$(kafka_libs_dir)
    stamp=$libs/.complete
    # The stamp holds the pom's hash: editing the pom (e.g. an exclusion)
    # refreshes the cache even when the version stays the same.
    want=$(sha256sum "$kafka_pom" | cut -d' ' -f1)
    if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
        printf '%s\n' "$libs"
        return 0
    fi
    command -v mvn >/dev/null 2>&1 || svc_die "mvn not found (apt-get install maven) and no cached jars in $libs"
    parent=$(dirname "$libs")
    mkdir -p "$parent"
    # Two kafka-up runs at once (e.g. parallel test jobs) must not both write
    # the cache: the second waits for the first, then finds the stamp.
    exec 8>"$parent/.lock"
    flock -w 900 8 || svc_die "timed out waiting for the lock on $parent"
    if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
        exec 8>&-
        printf '%s\n' "$libs"
        return 0
    fi
    tmp=$(mktemp -d "$parent/libs.tmp.XXXXXX")
    log=$tmp.log
    svc_log "resolving Kafka $(kafka_version) jars into $libs (first run only)"
    # Offline first: when ~/.m2 already has every jar this needs no network and
    # takes a few seconds. Otherwise resolve from Maven Central, bounded so a
    # hung connection cannot stall a test run forever.
    rc=0
    timeout 120 mvn -q -o -B -f "$kafka_pom" dependency:copy-dependencies \
        -DoutputDirectory="$tmp" >"$log" 2>&1 || rc=$?
    if ((rc != 0)); then
        find "$tmp" -mindepth 1 -delete
        rc=0
        timeout 600 mvn -q -B -f "$kafka_pom" dependency:copy-dependencies \
            -DoutputDirectory="$tmp" >>"$log" 2>&1 || rc=$?
    fi
    if ((rc != 0)) || ! compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null; then
        tail -n 40 "$log" >&2
        rm -rf -- "$tmp" "$log"
        exec 8>&-
        svc_die "could not resolve the Kafka jars with Maven (exit $rc)"
    fi
    printf '%s\n' "$want" >"$tmp/.complete"
    rm -rf -- "$libs"
    mv -- "$tmp" "$libs"
    rm -f -- "$log"
    exec 8>&-
    printf '%s\n' "$libs"
}

# Options for short-lived tool JVMs (storage format, topic admin): C1 only and
# a small heap start faster and use less CPU than the broker's settings.
# shellcheck disable=SC2034  # used by the scripts that source this file
kafka_tool_jvm_opts=(-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true)

kafka_java() {
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        printf '%s\n' "$JAVA_HOME/bin/java"
    else
        command -v java >/dev/null 2>&1 || svc_die "java not found (Kafka 3.9 needs Java 11+; apt-get install openjdk-17-jre-headless)"
        command -v java
    fi
}
