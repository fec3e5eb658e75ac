# Sourced by scripts/bench.sh (the pages and the soak): a session signed in through the login
# form, as a browser has.

form_login() {  # form_login USER: prints the Cookie header of a session signed in as USER
    local jar=$WORK/jar-$1 csrf code
    csrf=$(curl -sS -c "$jar" -b "$jar" "$BASE/login" \
        | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
    [ -n "$csrf" ] || die "no csrf field on /login"
    code=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
        --data-urlencode "csrf=$csrf" --data-urlencode "next=/" \
        --data-urlencode "username=$1" --data-urlencode "password=Zone-load-2026" "$BASE/login")
    [ "$code" = 303 ] || die "the login form answered $code for $1"
    # Netscape cookie file: HttpOnly cookies are lines starting "#HttpOnly_".
    printf 'Cookie: %s' "$(grep -v '^# ' "$jar" | awk 'NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }')"
}

