#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The MIME type for projects: build a private MIME database with the built
# definition and ask GIO what a project is, by name (*.mqlw) and by content
# (sqlite header + PRAGMA application_id "MQLW" at byte 68).
# Usage: check-mime.sh BUILT_MIME_XML
set -eu
xml="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/data/mime/packages"
cp "$xml" "$tmp/data/mime/packages/"
export XDG_DATA_HOME="$tmp/data"
export XDG_DATA_DIRS="${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
update-mime-database "$tmp/data/mime" 2>"$tmp/errors"
if [ -s "$tmp/errors" ]; then
  echo "update-mime-database rejected $(basename "$xml"):"; cat "$tmp/errors"; exit 1
fi

/usr/bin/python3 - "$tmp" <<'PY'
import sqlite3, sys, os
d = sys.argv[1]
def make(name, app_id):
    db = sqlite3.connect(os.path.join(d, name))
    db.execute('PRAGMA application_id = %d' % app_id)
    db.execute('CREATE TABLE t (x)')
    db.commit()
    db.close()
make('workshop.mqlw', 0x4D514C57)      # a project, by its name
make('renamed-project', 0x4D514C57)    # a project without its suffix: by content
make('other.sqlite', 0)                # any other sqlite file stays sqlite
PY

status=0
expect () {
  got=$(gio info -a standard::content-type "$tmp/$1" | sed -n 's/^ *standard::content-type: //p')
  if [ "$got" = "$2" ]; then
    echo "ok: $1 is $got"
  else
    echo "FAIL: $1 is '$got', expected $2"
    status=1
  fi
}
expect workshop.mqlw application/x-mql-workbench-project
expect renamed-project application/x-mql-workbench-project
expect other.sqlite application/vnd.sqlite3
exit $status
