#!/usr/bin/env bash
# make install / make uninstall: the release binary, its man page and its bash, zsh and fish completions.
#
#   scripts/install.sh install PREFIX     builds (release) and installs the five files below under PREFIX
#   scripts/install.sh uninstall PREFIX   removes exactly those five files (directories are left alone)
#
# SWIFT (default swift), BUILD_FLAGS (extra `swift build` flags) and SCRATCH (the build directory, default .build)
# come from the environment; the Makefile passes its variables of the same names.
#
# The man page is made by swift-argument-parser's generate-manual command plugin, which builds the package in
# release mode (the same scratch directory, so nothing is compiled twice) and writes the page into the plugin's
# work directory under SCRATCH; no write permission to the package directory is needed.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    echo "usage: $0 install|uninstall PREFIX" >&2
    exit 64
}
[ "$#" -eq 2 ] || usage
action="$1"
prefix="$2"
[ -n "$prefix" ] || usage

tool=syncro-fusion
swift="${SWIFT:-swift}"
scratch="${SCRATCH:-.build}"
read -r -a build_flags <<<"${BUILD_FLAGS:-}"

# The five installed files, relative to PREFIX.
bin_file="bin/$tool"
man_file="share/man/man1/$tool.1"
bash_file="share/bash-completion/completions/$tool"
zsh_file="share/zsh/site-functions/_$tool"
fish_file="share/fish/vendor_completions.d/$tool.fish"

case "$action" in
uninstall)
    for file in "$bin_file" "$man_file" "$bash_file" "$zsh_file" "$fish_file"; do
        if [ -e "$prefix/$file" ] || [ -L "$prefix/$file" ]; then
            rm -f "$prefix/$file"
            echo "removed $prefix/$file"
        fi
    done
    exit 0
    ;;
install) ;;
*) usage ;;
esac

echo "== building $tool (release, scratch path $scratch)"
"$swift" build -c release --scratch-path "$scratch" "${build_flags[@]}" --product "$tool"
built="$("$swift" build -c release --scratch-path "$scratch" --show-bin-path)/$tool"

echo "== generating the man page with swift-argument-parser's generate-manual plugin"
manual_args=()
# The page's date is the last commit's, so the same tree gives the same page (today when not in a git checkout).
if date="$(git log -1 --format=%cs 2>/dev/null)" && [ -n "$date" ]; then manual_args+=(--date "$date"); fi
# The plugin writes into its work directory (SCRATCH/plugins/GenerateManual/outputs/<target>/<tool>.1); a page
# left by an earlier run is removed first, so the one installed is this run's.
find_page() {
    if [ -d "$scratch/plugins" ]; then find "$scratch/plugins" -path "*GenerateManual*" -name "$tool.1" -type f; fi
}
find_page | while read -r old; do rm -f "$old"; done
"$swift" package --scratch-path "$scratch" plugin generate-manual "${manual_args[@]}"
page="$(find_page | head -n 1)"
if [ -z "$page" ]; then
    echo "install: generate-manual ran but left no $tool.1 under $scratch/plugins" >&2
    exit 1
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
for shell in bash zsh fish; do
    "$built" --generate-completion-script "$shell" >"$staging/$shell"
done

echo "== installing under $prefix"
install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 0755 "$built" "$prefix/$bin_file"
install -m 0644 "$page" "$prefix/$man_file"
install -m 0644 "$staging/bash" "$prefix/$bash_file"
install -m 0644 "$staging/zsh" "$prefix/$zsh_file"
install -m 0644 "$staging/fish" "$prefix/$fish_file"
for file in "$bin_file" "$man_file" "$bash_file" "$zsh_file" "$fish_file"; do echo "installed $prefix/$file"; done
