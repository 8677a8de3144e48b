#!/usr/bin/env bash
# Verifies the parts of a polyret bundle (SHA256SUMS, then the joined archive), unpacks it once
# into ./polyret (or $POLYRET_HOME) and runs polyret/run.sh with the given arguments.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE"
DEST="${POLYRET_HOME:-$HERE/polyret}"
read -r WANT NAME < ARCHIVE.sha256
if [ ! -f "$DEST/.unpacked-$WANT" ]; then
  echo "checking parts..." >&2
  sha256sum --quiet -c SHA256SUMS || { echo "reassemble: a part is damaged or missing (see above); copy it again" >&2; exit 65; }
  GOT=$(cat "$NAME".part-* | sha256sum | cut -d' ' -f1)
  [ "$GOT" = "$WANT" ] || { echo "reassemble: joined archive has sha256 $GOT, expected $WANT (parts out of order?)" >&2; exit 65; }
  case "$NAME" in
    *.tar.gz) FLAG=-z ;; *.tar.zst) FLAG=--zstd ;; *.tar.xz) FLAG=-J ;;
    *) echo "reassemble: unknown archive type $NAME" >&2; exit 65 ;;
  esac
  PARENT=$(dirname "$DEST")
  TMP=$(mktemp -d "$PARENT/.polyret-unpack.XXXXXX")
  cat "$NAME".part-* | tar -C "$TMP" $FLAG -xf -
  rm -rf "$DEST"
  mv "$TMP/polyret" "$DEST"
  rmdir "$TMP"
  touch "$DEST/.unpacked-$WANT"
  echo "unpacked into $DEST" >&2
fi
exec "$DEST/run.sh" "$@"
