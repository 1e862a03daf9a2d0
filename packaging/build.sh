#!/usr/bin/env bash
# Build the one-folder package with PyInstaller and pack it as dist/motcua-<version>-linux-x86_64.tar.gz.
#
#   packaging/build.sh            # uses .venv/bin/python, set up as the README's test command does
#   PYTHON=/path/to/python packaging/build.sh
#
# The build packs the versions pinned in constraints.txt: it installs them (with the build extra) first.
#
# Then it checks the folder is under 200 MB and runs the built program's --self-test offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
MAX_MB="${MOTCUA_MAX_BUILD_MB:-200}"
version="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
machine="$(uname -m)"
system="$(uname -s | tr '[:upper:]' '[:lower:]')"
archive="dist/motcua-${version}-${system}-${machine}.tar.gz"

# What goes into the package is what constraints.txt pins, PyInstaller included: install exactly that (nothing
# changes when the environment already matches) before PyInstaller collects it; only ever into a venv.
if ! "$PYTHON" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)'; then
  echo "$PYTHON is not a virtual environment's Python: make .venv with the README's test set-up first" >&2
  exit 2
fi
if ! "$PYTHON" -m pip install -q -c constraints.txt -e '.[build]'; then
  echo "cannot install the pinned packages (constraints.txt) for $PYTHON: make it with the README's test set-up" >&2
  exit 2
fi

started=$(date +%s)
rm -rf dist/motcua build/pyinstaller
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/motcua.spec

size_kb=$(du -sk dist/motcua | cut -f1)
size_mb=$(( (size_kb + 1023) / 1024 ))
echo "dist/motcua: ${size_mb} MB (limit ${MAX_MB} MB)"
if [ "$size_mb" -ge "$MAX_MB" ]; then
  echo "The package folder is ${size_mb} MB, over the ${MAX_MB} MB limit." >&2
  exit 1
fi

QT_QPA_PLATFORM=offscreen dist/motcua/motcua --self-test

tar -C dist -czf "$archive" motcua
echo "built $archive ($(du -h "$archive" | cut -f1)) in $(( $(date +%s) - started )) s"
