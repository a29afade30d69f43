# Sourced by the scripts beside it.
# call METHOD URL BODY TOKEN [more curl options] -> curl's output. The body and the token reach curl in its config,
# on standard input: a password or a token never appears on a command line, where ps would show it to anyone on the
# machine. BODY or TOKEN may be empty.
call() {
    local method=$1 url=$2 body=$3 token=$4
    shift 4
    {
        if [ -n "$token" ]; then
            printf 'header = "Authorization: Bearer %s"\n' "$token"
        fi
        if [ -n "$body" ]; then
            body=${body//\\/\\\\}
            printf 'header = "Content-Type: application/json"\ndata-binary = "%s"\n' "${body//\"/\\\"}"
        fi
    } | curl -K - -X "$method" "$@" "$url"
}
