# SPDX-License-Identifier: GPL-3.0-or-later
"""A throwaway PostgreSQL cluster for the checks that run our SQL in a real
server: initdb in a temporary folder, a Unix socket only, stopped at the end;
as root it runs as the postgres system user, as PostgreSQL requires.
`available()` is False only without Debian's postgresql package."""
import csv
import glob
import io
import os
import pwd
import shutil
import subprocess

_bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
_psql = shutil.which("psql")


def available():
    return bool(_bins) and _psql is not None


class Cluster:
    def __init__(self, folder):
        self.bindir = os.path.dirname(_bins[-1])
        self.folder = folder
        self.data = os.path.join(folder, "data")
        self.user = None
        if os.geteuid() == 0:
            self.user = pwd.getpwnam("postgres")
            os.chown(folder, self.user.pw_uid, self.user.pw_gid)
        self.run([os.path.join(self.bindir, "initdb"), "-D", self.data, "-A", "trust", "-U", "mqlw", "-E", "UTF8",
                  "--no-instructions"])
        self.run([os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-l", os.path.join(folder, "log"), "-w",
                  "-o", f"-k {folder} -c listen_addresses='' -c fsync=off", "start"])

    def run(self, argv, **kwargs):
        if self.user is not None:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, check=True, capture_output=True, text=True, **kwargs)

    def sql(self, text, stdin=None):
        return self.run([_psql, "-h", self.folder, "-U", "mqlw", "-d", "postgres", "-X", "-q",
                         "-v", "ON_ERROR_STOP=1", "-c", text], input=stdin).stdout

    def load(self, path, table="leads"):
        """The CSV file as a table of text columns named as its header (empty fields NULL)."""
        with open(path, newline="") as f:
            header = next(csv.reader(f))
        columns = ", ".join('"%s" text' % name.replace('"', '""') for name in header)
        quoted = '"%s"' % table.replace('"', '""')
        self.sql(f"DROP TABLE IF EXISTS {quoted}; CREATE TABLE {quoted} ({columns})")
        with open(path, newline="") as f:
            self.sql(f"COPY {quoted} FROM STDIN WITH (FORMAT csv, HEADER true)", stdin=f.read())

    def query_csv(self, query):
        return self.sql(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER true)")

    def query_rows(self, query):
        return list(csv.DictReader(io.StringIO(self.query_csv(query))))

    def stop(self):
        self.run([os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "stop"])
