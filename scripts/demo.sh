#!/usr/bin/env bash
# make demo: start the bundled simulator with the sample account and run the pipeline against it.
set -euo pipefail
cd "$(dirname "$0")/.."

# The build is never silent: the first one takes minutes on two cores, so the latest "[N/M] Compiling ..." line of
# its log is shown every 5 seconds while it runs.
mkdir -p .build
build_log=.build/demo-build.log
echo "== building syncro-fusion: the first build takes several minutes (about 5-10 on two cores), later ones seconds"
echo "   (full log: $build_log)"
swift build --explicit-target-dependency-import-check error >"$build_log" 2>&1 &
build_pid=$!
# A non-interactive shell's background job ignores Ctrl-C: stop the build with the script.
trap 'kill "$build_pid" 2>/dev/null || true' EXIT
started=$SECONDS
ticks=0
while kill -0 "$build_pid" 2>/dev/null; do
    sleep 1
    ticks=$((ticks + 1))
    if [ $((ticks % 5)) -ne 0 ]; then continue; fi
    latest="$(tr '\r' '\n' <"$build_log" | grep -E '^\[[0-9]+/[0-9]+\]' | tail -n 1 || true)"
    if [ -z "$latest" ]; then
        latest="$(tr '\r' '\n' <"$build_log" | grep -v '^[[:space:]]*$' | tail -n 1 || true)"
    fi
    printf '   %4ds  %s\n' "$((SECONDS - started))" "$(printf '%s' "${latest:-starting}" | cut -c 1-110)"
done
build_status=0
wait "$build_pid" || build_status=$?
trap - EXIT
if [ "$build_status" -ne 0 ]; then
    echo "demo: the build failed (exit code $build_status); the last 40 lines of $build_log:" >&2
    tail -n 40 "$build_log" >&2
    echo "demo: the full build log is $PWD/$build_log" >&2
    exit 1
fi
echo "   built in $((SECONDS - started))s"
bin="$(swift build --show-bin-path)/syncro-fusion"
work="$(mktemp -d)"
sim_pid=""
cleanup() {
    if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$bin" simulate --port 0 --dataset samples/dataset.json >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do
    if [ -s "$work/sim.out" ]; then break; fi
    sleep 0.1
done
url="$(head -n 1 "$work/sim.out" | sed -n 's/^listening on //p')"
if [ -z "$url" ]; then
    echo "demo: the simulator did not start:" >&2
    cat "$work/sim.err" >&2
    exit 1
fi
echo "== simulator: $url"

token_of() { sed -n "s/.*\"token\": *\"\\(sfdemo-$1-[^\"]*\\)\".*/\\1/p" samples/tokens.json | head -n 1; }
export SYNCRO_BASE_URL="$url"

echo
echo "== syncro-fusion check   (the setup guide's Test Connection, full integration token)"
SYNCRO_API_TOKEN="$(token_of full)" "$bin" check

echo
echo "== syncro-fusion check   (a token without the Tickets permissions: the failure a user would see)"
if SYNCRO_API_TOKEN="$(token_of notickets)" "$bin" check; then
    echo "demo: expected the check with the no-tickets token to fail" >&2
    exit 1
else
    echo "(exit code $? as expected)"
fi

echo
echo "== syncro-fusion check --entities   (a migration token: can it export every entity?)"
SYNCRO_API_TOKEN="$(token_of migration)" "$bin" check --entities

export SYNCRO_API_TOKEN="$(token_of full)"
out="$work/export"
echo
echo "== syncro-fusion export --entities all --format jsonl   (every record of the account, for a migration)"
SYNCRO_API_TOKEN="$(token_of migration)" "$bin" export --out "$out/everything" --entities all --format jsonl
ls "$out/everything"
for format in csv json jsonl xml; do
    echo
    echo "== syncro-fusion export --format $format"
    "$bin" export --out "$out/$format" --format "$format"
done
echo
echo "== $out/csv:"
ls -l "$out/csv"
echo
echo "== tickets.csv (first lines):"
head -n 4 "$out/csv/tickets.csv" | cut -c 1-160
echo
echo "== manifest.json (counts):"
sed -n '/"counts"/,/}/p' "$out/csv/manifest.json"

echo
echo "== syncro-fusion diff --snapshot samples/snapshot.json --export $out/csv"
echo "   (drift between the sample account and what Support Fusion believes; samples/README.md explains each finding)"
status=0
"$bin" diff --snapshot samples/snapshot.json --export "$out/csv" || status=$?
if [ "$status" -ne 2 ]; then
    echo "demo: expected exit code 2 (drift found) from diff, got $status" >&2
    exit 1
fi
echo "(exit code 2: drift found, as expected)"

echo
echo "== syncro-fusion sync --mirror $work/account.mirror   (a local copy: read once, then kept current)"
"$bin" sync --mirror "$work/account.mirror" --details all
"$bin" sync --mirror "$work/account.mirror" --details all
echo
echo "== syncro-fusion diff --snapshot samples/snapshot.json --mirror $work/account.mirror --report csv | head -4"
echo "   (the same findings, from the mirror: no request)"
status=0
"$bin" diff --snapshot samples/snapshot.json --mirror "$work/account.mirror" --report csv --output "$work/from-mirror.csv" \
    || status=$?
[ "$status" -eq 2 ] || { echo "demo: expected exit code 2 from diff --mirror, got $status" >&2; exit 1; }
head -n 4 "$work/from-mirror.csv" | cut -c 1-160

if command -v curl >/dev/null; then
    echo
    echo "== a technician answers ticket 5008 in Syncro; export again and diff the two exports"
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $SYNCRO_API_TOKEN" -H "Content-Type: application/json" \
        -d '{"subject": "Update", "body": "Remote session booked for Thursday 10:00.", "hidden": false, "do_not_email": true}' \
        "$url/tickets/1008/comment"
    "$bin" export --out "$out/jsonl-later" --format jsonl --quiet
    status=0
    "$bin" diff --base "$out/jsonl" --current "$out/jsonl-later" || status=$?
    if [ "$status" -ne 2 ]; then
        echo "demo: expected exit code 2 (changes found) from diff --base --current, got $status" >&2
        exit 1
    fi
    echo "(exit code 2: changes found, as expected)"
fi

plan="$work/plan.json"
echo
echo "== syncro-fusion plan --snapshot samples/snapshot.json --out plan.json --allow add-comments,create-tickets --html plan.html"
echo "   (against the live account; field, tag and asset corrections are planned by default, comments and"
echo "    ticket creations only when allowed)"
status=0
"$bin" plan --snapshot samples/snapshot.json --out "$plan" --allow add-comments,create-tickets \
    --html "$work/plan.html" || status=$?
if [ "$status" -ne 2 ]; then
    echo "demo: expected exit code 2 (the plan has operations) from plan, got $status" >&2
    exit 1
fi
echo "(exit code 2: the plan has operations; review page written to plan.html, $(wc -c <"$work/plan.html") bytes)"

echo
echo "== syncro-fusion apply plan.json --dry-run --approve all --accept-echo   (every request it would send; nothing is written)"
echo "   (--accept-echo: the relationship syncs comments both ways, so a restored comment may be copied back to the"
echo "    partner as a new one; apply refuses such posts unless told they are wanted)"
before="$(curl -sf "${url%/api/v1}/_sim/requests" 2>/dev/null | grep -o '"method": *"\(PUT\|POST\)"' | wc -l || true)"
"$bin" apply "$plan" --dry-run --approve all --accept-echo
if command -v curl >/dev/null; then
    after="$(curl -sf "${url%/api/v1}/_sim/requests" | grep -o '"method": *"\(PUT\|POST\)"' | wc -l)"
    if [ "$after" -ne "$before" ]; then
        echo "demo: the dry run sent $((after - before)) writes" >&2
        exit 1
    fi
    echo "(the simulator's request log shows no write from the dry run)"
fi

echo
echo "== syncro-fusion apply plan.json --approve all --max-tickets 1   (a cap below the plan's tickets: refused before any request)"
before="$(curl -sf "${url%/api/v1}/_sim/requests" 2>/dev/null | grep -o '"method"' | wc -l || true)"
status=0
"$bin" apply "$plan" --approve all --accept-echo --max-tickets 1 || status=$?
if [ "$status" -ne 4 ]; then
    echo "demo: expected exit code 4 (above the blast-radius cap) from apply --max-tickets 1, got $status" >&2
    exit 1
fi
if command -v curl >/dev/null; then
    after="$(curl -sf "${url%/api/v1}/_sim/requests" | grep -o '"method"' | wc -l)"
    if [ "$after" -ne "$before" ]; then
        echo "demo: the refused apply sent $((after - before)) requests" >&2
        exit 1
    fi
fi
echo "(exit code 4: refused by the blast-radius cap, not one request sent; without --max-tickets the caps are"
echo " 50 tickets, 10 % of the linked tickets (never below 10) and 10 creations)"

echo
echo "== syncro-fusion approve plan.json --gate review --by \"Demo Reviewer\"   (an approval file bound to the plan's hash)"
"$bin" approve "$plan" --gate review --by "Demo Reviewer"
cat "$work/plan.approval.json"

echo
echo "== syncro-fusion apply plan.json --approval plan.approval.json --accept-echo   (the approval file instead of --approve)"
"$bin" apply "$plan" --approval "$work/plan.approval.json" --accept-echo

echo
echo "== syncro-fusion apply plan.json --approval plan.approval.json --accept-echo   (again: the journal and Syncro say it is done, nothing is sent)"
"$bin" apply "$plan" --approval "$work/plan.approval.json" --accept-echo | tail -n 1

echo
echo "== syncro-fusion journal plan.journal (last lines)"
"$bin" journal "$work/plan.journal" | tail -n 4

echo
echo "== syncro-fusion diff --snapshot samples/snapshot.json   (again, live: only report-only findings are left)"
status=0
"$bin" diff --snapshot samples/snapshot.json --output "$work/after.txt" || status=$?
cat "$work/after.txt"
if [ "$status" -ne 2 ] || grep -qE '\[(auto|review|opt-in)\]$' "$work/after.txt"; then
    echo "demo: expected only report-only findings after apply (exit code $status)" >&2
    exit 1
fi
echo "(exit code 2: what remains is report-only; the created ticket waits for Support Fusion to link it)"
