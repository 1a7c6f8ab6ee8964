/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fault-shim.c — an LD_PRELOAD module for test-faults.c: makes a process's
 * file writes fail as on a full disk, or kills the process at one exact
 * point of its writing, so that the tests hit every point without timing.
 *
 * Environment (each optional):
 *   MQLW_FAULT_ENOSPC_AFTER=N  after N bytes written to regular files in all,
 *                              write/pwrite/writev fail with ENOSPC (the one
 *                              crossing the limit writes what fits), and so
 *                              do fsync/fdatasync from then on;
 *   MQLW_FAULT_KILL_AT=K       the K-th file event (a write, sync, rename,
 *                              unlink or truncate of a regular file, counted
 *                              from 1) raises SIGKILL instead of happening;
 *   MQLW_FAULT_COUNT_FILE=P    at exit, write the number of events, the
 *                              bytes written and the reads of the
 *                              MQLW_FAULT_CHANGE_PATH file to P;
 *   MQLW_FAULT_CHANGE_PATH=P with MQLW_FAULT_CHANGE_AT=N and
 *   MQLW_FAULT_CHANGE=truncate|rewrite
 *                              just before the N-th read of file P (read or
 *                              pread on a descriptor open on it, counted from
 *                              1), another program changes P: cuts it to a
 *                              tenth of its size, or writes it again in place
 *                              (same size; its time set to 2001-09-09).
 * Only regular files count: the pipes to the test stay untouched. */
#define _GNU_SOURCE
/* Both pwrite and pwrite64 are defined here: no renaming of one to the other. */
#undef _FILE_OFFSET_BITS

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long enospc_after = -1;
static long long kill_at = -1;
static const char *count_file;
static long long written;
static long long events;
static const char *change_path;
static long long change_at = -1;
static int change_rewrite;
static dev_t change_dev;
static ino_t change_ino;
static long long change_reads;

__attribute__((constructor)) static void
shim_init (void)
{
  const char *text;

  if ((text = getenv ("MQLW_FAULT_ENOSPC_AFTER")) != NULL)
    enospc_after = atoll (text);
  if ((text = getenv ("MQLW_FAULT_KILL_AT")) != NULL)
    kill_at = atoll (text);
  count_file = getenv ("MQLW_FAULT_COUNT_FILE");
  change_path = getenv ("MQLW_FAULT_CHANGE_PATH");
  if (change_path != NULL && (text = getenv ("MQLW_FAULT_CHANGE_AT")) != NULL)
    {
      struct stat st;

      if (stat (change_path, &st) == 0)
        {
          change_at = atoll (text);
          change_dev = st.st_dev;
          change_ino = st.st_ino;
        }
      text = getenv ("MQLW_FAULT_CHANGE");
      change_rewrite = text != NULL && strcmp (text, "rewrite") == 0;
    }
}

__attribute__((destructor)) static void
shim_fini (void)
{
  FILE *out;

  if (count_file == NULL || (out = fopen (count_file, "w")) == NULL)
    return;
  fprintf (out, "%lld %lld %lld\n", events, written, change_reads);
  fclose (out);
}

static void *
next (const char *name)
{
  return dlsym (RTLD_NEXT, name);
}

static int
is_file (int fd)
{
  struct stat st;
  return fstat (fd, &st) == 0 && S_ISREG (st.st_mode);
}

static int
is_file_path (const char *path)
{
  struct stat st;
  return lstat (path, &st) == 0 && S_ISREG (st.st_mode);
}

/* One more event; dies here when it is the chosen one. */
static void
event (void)
{
  events++;
  if (kill_at > 0 && events == kill_at)
    raise (SIGKILL);
}

/* How much of @count may be written: -1 (errno ENOSPC) when none. */
static ssize_t
allowance (size_t count)
{
  long long left;

  if (enospc_after < 0)
    return (ssize_t) count;
  left = enospc_after - written;
  if (left <= 0 && count > 0)
    {
      errno = ENOSPC;
      return -1;
    }
  return (ssize_t) ((long long) count < left ? (long long) count : left);
}

static void
account (ssize_t n)
{
  if (n > 0)
    written += n;
}

/* Before a read of @fd: the other program's change, when this is the read. */
static void
maybe_change (int fd)
{
  static ssize_t (*real_pread) (int, void *, size_t, off64_t);
  static ssize_t (*real_pwrite) (int, const void *, size_t, off64_t);
  struct stat st;
  char byte;
  int out;

  if (change_at < 0 || fstat (fd, &st) != 0 || st.st_dev != change_dev || st.st_ino != change_ino)
    return;
  if (__atomic_add_fetch (&change_reads, 1, __ATOMIC_SEQ_CST) != change_at)
    return;
  if (!change_rewrite)
    {
      if (truncate (change_path, st.st_size / 10) != 0)
        abort ();
      return;
    }
  if (real_pread == NULL)
    {
      real_pread = next ("pread64");
      real_pwrite = next ("pwrite64");
    }
  /* Its own first byte written back: the same size, a new save. */
  out = open (change_path, O_WRONLY);
  if (out < 0 || real_pread (fd, &byte, 1, 0) != 1 || real_pwrite (out, &byte, 1, 0) != 1)
    abort ();
  {
    const struct timespec times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
    if (futimens (out, times) != 0)
      abort ();
  }
  close (out);
}

ssize_t
read (int fd, void *buf, size_t count)
{
  static ssize_t (*real) (int, void *, size_t);

  if (real == NULL)
    real = next ("read");
  maybe_change (fd);
  return real (fd, buf, count);
}

ssize_t
pread (int fd, void *buf, size_t count, off_t offset)
{
  static ssize_t (*real) (int, void *, size_t, off_t);

  if (real == NULL)
    real = next ("pread");
  maybe_change (fd);
  return real (fd, buf, count, offset);
}

ssize_t
pread64 (int fd, void *buf, size_t count, off64_t offset)
{
  static ssize_t (*real) (int, void *, size_t, off64_t);

  if (real == NULL)
    real = next ("pread64");
  maybe_change (fd);
  return real (fd, buf, count, offset);
}

ssize_t
write (int fd, const void *buf, size_t count)
{
  static ssize_t (*real) (int, const void *, size_t);
  ssize_t allowed, n;

  if (real == NULL)
    real = next ("write");
  if (!is_file (fd))
    return real (fd, buf, count);
  event ();
  if ((allowed = allowance (count)) < 0)
    return -1;
  n = real (fd, buf, (size_t) allowed);
  account (n);
  return n;
}

ssize_t
pwrite (int fd, const void *buf, size_t count, off_t offset)
{
  static ssize_t (*real) (int, const void *, size_t, off_t);
  ssize_t allowed, n;

  if (real == NULL)
    real = next ("pwrite");
  if (!is_file (fd))
    return real (fd, buf, count, offset);
  event ();
  if ((allowed = allowance (count)) < 0)
    return -1;
  n = real (fd, buf, (size_t) allowed, offset);
  account (n);
  return n;
}

ssize_t
pwrite64 (int fd, const void *buf, size_t count, off64_t offset)
{
  static ssize_t (*real) (int, const void *, size_t, off64_t);
  ssize_t allowed, n;

  if (real == NULL)
    real = next ("pwrite64");
  if (!is_file (fd))
    return real (fd, buf, count, offset);
  event ();
  if ((allowed = allowance (count)) < 0)
    return -1;
  n = real (fd, buf, (size_t) allowed, offset);
  account (n);
  return n;
}

ssize_t
writev (int fd, const struct iovec *iov, int iovcnt)
{
  static ssize_t (*real) (int, const struct iovec *, int);
  size_t total = 0;

  if (real == NULL)
    real = next ("writev");
  if (!is_file (fd))
    return real (fd, iov, iovcnt);
  event ();
  for (int i = 0; i < iovcnt; i++)
    total += iov[i].iov_len;
  if (enospc_after >= 0 && (ssize_t) total != allowance (total))
    {
      errno = ENOSPC;
      return -1;
    }
  {
    ssize_t n = real (fd, iov, iovcnt);
    account (n);
    return n;
  }
}

static int
sync_result (int fd, int (*real) (int))
{
  event ();
  if (enospc_after >= 0 && written >= enospc_after)
    {
      errno = ENOSPC;
      return -1;
    }
  return real (fd);
}

int
fsync (int fd)
{
  static int (*real) (int);

  if (real == NULL)
    real = next ("fsync");
  return is_file (fd) ? sync_result (fd, real) : real (fd);
}

int
fdatasync (int fd)
{
  static int (*real) (int);

  if (real == NULL)
    real = next ("fdatasync");
  return is_file (fd) ? sync_result (fd, real) : real (fd);
}

int
rename (const char *from, const char *to)
{
  static int (*real) (const char *, const char *);

  if (real == NULL)
    real = next ("rename");
  if (is_file_path (from))
    event ();
  return real (from, to);
}

int
unlink (const char *path)
{
  static int (*real) (const char *);

  if (real == NULL)
    real = next ("unlink");
  if (is_file_path (path))
    event ();
  return real (path);
}

int
ftruncate (int fd, off_t length)
{
  static int (*real) (int, off_t);

  if (real == NULL)
    real = next ("ftruncate");
  if (is_file (fd))
    event ();
  return real (fd, length);
}

int
ftruncate64 (int fd, off64_t length)
{
  static int (*real) (int, off64_t);

  if (real == NULL)
    real = next ("ftruncate64");
  if (is_file (fd))
    event ();
  return real (fd, length);
}
