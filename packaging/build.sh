#!/usr/bin/env bash
# Build the one-folder package with PyInstaller and pack it as dist/motcua-<version>-linux-x86_64.tar.gz.
#
#   packaging/build.sh            # uses .venv/bin/python (must have PyInstaller: pip install pyinstaller)
#   PYTHON=/path/to/python packaging/build.sh
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

if ! "$PYTHON" -c 'import PyInstaller' 2>/dev/null; then
  echo "PyInstaller is not installed for $PYTHON: run '$PYTHON -m pip install pyinstaller' first." >&2
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
