# Shared by the benchmark scripts (sourced, not run): GNU time, and the figures read
# from its `-v` report.

# Installs GNU time (/usr/bin/time) with apt-get when it is missing.
need_gnu_time() {
    if [[ -x /usr/bin/time ]]; then return; fi
    echo "== /usr/bin/time missing: installing GNU time" >&2
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    $sudo apt-get install -y time >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y time >/dev/null; }
}

# Wall seconds of "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23".
wall_seconds() {
    awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0
        for (i = 1; i <= n; i++) s = s * 60 + p[i]
        print s
    }' "$1"
}
# Peak RSS in KiB.
peak_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
# CPU seconds, user + system.
cpu_seconds() { awk -F': ' '/User time|System time/ {s += $2} END {print s + 0}' "$1"; }
# "Percent of CPU this job got", without the %.
cpu_percent() { awk -F': ' '/Percent of CPU/ {sub("%", "", $2); print $2}' "$1"; }
