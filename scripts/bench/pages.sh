# Sourced by scripts/bench.sh after the API GETs: the pages people open every morning,
# signed in through the login form (a session cookie, as a browser is), as a manager and as a
# liaison. Each page is loaded once first (its time is the "first" figure: nothing kept yet
# after the start, or the first after a commit), then loaded by wrk with one client (the
# latency one person sees) and with CONNECTIONS (what the server holds).

# shellcheck source=scripts/bench/login.sh
. "$ROOT/scripts/bench/login.sh"

declare -A PAGE_FIRST
PAGE_ORDER=()
check_page() {  # check_page WHO COOKIE PATH: one request, timed; must answer 200
    local out code secs
    out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H "$2" "$BASE$3")
    read -r code secs <<<"$out"
    [ "$code" = 200 ] || die "page $3 as $1 answered $code"
    PAGE_FIRST["$3 ($1)"]=$(awk -v s="$secs" 'BEGIN { printf "%.0f ms", s * 1000 }')
    PAGE_ORDER+=("$3 ($1)")
}

run_page() {  # run_page WHO COOKIE PATH TAG
    check_page "$1" "$2" "$3"
    WRK_T=1 WRK_C=1 WRK_H=$2 run_wrk "page $3 ($1), 1 client" "page-$4-1" "$3"
    WRK_H=$2 run_wrk "page $3 ($1), $CONNECTIONS connections" "page-$4-n" "$3"
}

MANAGER_COOKIE=$(form_login manager00)
LIAISON_COOKIE=$(form_login liaison00)
run_page manager "$MANAGER_COOKIE" /overview overview
run_page manager "$MANAGER_COOKIE" /reports/weekly weekly
run_page manager "$MANAGER_COOKIE" "/projects?format=xlsx" xlsx
run_page manager "$MANAGER_COOKIE" /projects list
run_page manager "$MANAGER_COOKIE" "/projects?light=red" list-red
run_page manager "$MANAGER_COOKIE" /my my-manager
run_page manager "$MANAGER_COOKIE" "/projects/$PROJECT_ID" project-page
run_page liaison "$LIAISON_COOKIE" /my my-liaison
run_page liaison "$LIAISON_COOKIE" /projects list-liaison
PAGES_TEXT="first request of each page after the start (nothing kept yet; the cockpit and the report then share this week's report): $(
    for p in "${PAGE_ORDER[@]}"; do printf '%s %s, ' "$p" "${PAGE_FIRST[$p]}"; done | sed 's/, $//')"
