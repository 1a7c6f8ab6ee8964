/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-read"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mqlw-read.h"

G_DEFINE_QUARK (mqlw-read-error-quark, mqlw_read_error)

struct _MqlwSource {
  gatomicrefcount  ref_count;
  char            *name;
  int              fd;          /* -1 for memory */
  GBytes          *bytes;       /* memory only */
  const char      *data;
  guint64          size;
  struct stat      st;          /* when opened */
};

static MqlwSource *
source_new (const char *name)
{
  MqlwSource *self = g_new0 (MqlwSource, 1);

  g_atomic_ref_count_init (&self->ref_count);
  /* A file name need not be UTF-8; the name goes into messages, JSON and projects. */
  self->name = name != NULL ? g_filename_display_name (name) : g_strdup ("stdin");
  self->fd = -1;
  return self;
}

MqlwSource *
mqlw_source_new_for_bytes (GBytes     *bytes,
                           const char *name)
{
  MqlwSource *self;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = source_new (name);
  self->bytes = g_bytes_ref (bytes);
  self->data = g_bytes_get_data (bytes, &size);
  if (self->data == NULL)
    self->data = "";   /* empty: no offset may be added to NULL */
  self->size = size;
  return self;
}

/* Reads @fd to its end with g_try_realloc, so that too much for memory is an
 * error rather than an abort. */
static GBytes *
read_to_end (int          fd,
             const char  *name,
             guint64      max_size,
             gboolean     is_pipe,
             GError     **error)
{
  gsize len = 0, allocated = 0;
  char *data = NULL;

  for (;;)
    {
      gssize n;

      if (len == allocated)
        {
          gsize grow = MAX (allocated, (gsize) 64 << 10);
          char *bigger = allocated <= G_MAXSIZE - grow ? g_try_realloc (data, allocated + grow) : NULL;
          if (bigger == NULL)
            {
              g_free (data);
              g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_TOO_LARGE,
                           _("%s: there is not enough memory to read it (%" PRIu64 " MB read so far)"),
                           name, (guint64) len >> 20);
              return NULL;
            }
          data = bigger;
          allocated += grow;
        }
      n = read (fd, data + len, allocated - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_free (data);
          g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_IO,
                       _("%s: cannot read it (%s)"), name, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      len += n;
      if (max_size > 0 && len > max_size && is_pipe)
        {
          /* An endless pipe (`yes |`) stops here, named, instead of filling memory. */
          g_free (data);
          g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_TOO_LARGE,
                       _("%s did not end within %" PRIu64 " MB: a pipe or standard input is read into memory "
                         "whole, and this one is larger than memory allows (or never ends); save it to a file "
                         "and read that file instead"), name, max_size >> 20);
          return NULL;
        }
      if (max_size > 0 && len > max_size)
        {
          g_free (data);
          g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_TOO_LARGE,
                       _("%s is larger than %" PRIu64 " MB, more than a file of this kind can be"),
                       name, max_size >> 20);
          return NULL;
        }
    }
  return g_bytes_new_take (data, len);
}

/* What a pipe may hold: it is read whole into memory before the import, which
 * then needs about as much again, so at most half the memory available now
 * (at least 256 MB), and never more than 4 GB (a 10 M-lead export is about
 * 2.2 GB). MQLW_PIPE_LIMIT (in MB) sets another limit. */
static guint64
pipe_limit (void)
{
  const guint64 most = (guint64) 4 << 30, least = (guint64) 256 << 20;
  const char *text = g_getenv ("MQLW_PIPE_LIMIT");
  g_autofree char *meminfo = NULL;
  guint64 available = 0;
  const char *line;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &available, NULL))
    return available << 20;
  if (g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL)
      && (line = strstr (meminfo, "MemAvailable:")) != NULL)
    available = g_ascii_strtoull (line + strlen ("MemAvailable:"), NULL, 10) << 10;
  else
    {
      long pages = sysconf (_SC_AVPHYS_PAGES), page = sysconf (_SC_PAGESIZE);
      if (pages > 0 && page > 0)
        available = (guint64) pages * (guint64) page;
    }
  if (available == 0)
    return most;
  return CLAMP (available / 2, least, most);
}

/* Regular files and pipes can be read; anything else gets a message saying what it is. */
static gboolean
check_kind (const struct stat  *st,
            const char         *path,
            GError            **error)
{
  if (S_ISREG (st->st_mode) || S_ISFIFO (st->st_mode))
    return TRUE;
  if (S_ISDIR (st->st_mode))
    g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_IS_DIRECTORY,
                 _("%s is a folder, not a file; name a file inside it"), path);
  else
    g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_NOT_REGULAR,
                 _("%s is not a regular file (it is a device or a socket); name a saved file"), path);
  return FALSE;
}

MqlwSource *
mqlw_source_new_for_fd (int          fd,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gboolean have_stat;
  struct stat st;

  /* Standard input from /dev/zero or /dev/urandom never ends: refuse devices
   * and folders. A terminal is read (the user ends with Ctrl-D), and so are
   * pipes and sockets (ssh can hand a socket over). */
  have_stat = fstat (fd, &st) == 0;
  if (have_stat && !isatty (fd)
      && (S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode) || S_ISDIR (st.st_mode))
      && !check_kind (&st, name != NULL ? name : "stdin", error))
    return NULL;
  /* A file redirected to standard input (`mqlw calibrate - < leads.csv`) is
   * read in place like a named file, with no pipe's memory limit. */
  if (have_stat && S_ISREG (st.st_mode))
    {
      int copy = fcntl (fd, F_DUPFD_CLOEXEC, 0);

      if (copy >= 0)
        {
          MqlwSource *self = source_new (name);

          self->fd = copy;
          self->st = st;
          self->size = (guint64) st.st_size;
          return self;
        }
    }
  bytes = read_to_end (fd, name != NULL ? name : "stdin", pipe_limit (), TRUE, error);
  if (bytes == NULL)
    return NULL;
  return mqlw_source_new_for_bytes (bytes, name);
}

MqlwSource *
mqlw_source_new_for_path (const char  *path,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *base = NULL;
  g_autofree char *shown = NULL;
  MqlwSource *self;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = base = g_path_get_basename (path);
  shown = g_filename_display_name (path);

  /* Refuse devices before opening them: opening some has effects (a tape, a FIFO without a writer). */
  if (g_stat (path, &st) == 0 && !check_kind (&st, shown, error))
    return NULL;
  do
    fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_OPEN,
                   _("%s: cannot open it (%s)"), shown, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !check_kind (&st, shown, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_IO, _("%s: cannot read it (%s)"), shown, g_strerror (errno));
      close (fd);
      return NULL;
    }
  if (S_ISFIFO (st.st_mode))
    {
      self = mqlw_source_new_for_fd (fd, name, error);
      close (fd);
      return self;
    }

  self = source_new (name);
  self->fd = fd;
  self->st = st;
  self->size = (guint64) st.st_size;
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return self;
}

MqlwSource *
mqlw_source_ref (MqlwSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mqlw_source_unref (MqlwSource *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->fd >= 0)
    close (self->fd);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->name);
  g_free (self);
}

const char *
mqlw_source_get_name (MqlwSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

guint64
mqlw_source_get_size (MqlwSource *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

gboolean
mqlw_source_is_in_memory (MqlwSource *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->fd < 0;
}

static void
set_changed (MqlwSource  *self,
             guint64      now_size,
             GError     **error)
{
  if (now_size != self->size)
    g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_CHANGED,
                 _("%s changed while it was being read (it was %" PRIu64 " bytes, it is now %" PRIu64 "); "
                   "read it again once it is completely saved"),
                 self->name, self->size, now_size);
  else
    g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_CHANGED,
                 _("%s changed while it was being read (it was saved again meanwhile); read it again once "
                   "it is completely saved"), self->name);
}

const char *
mqlw_source_read (MqlwSource  *self,
                  guint64      offset,
                  gsize        len,
                  char        *buffer,
                  GError     **error)
{
  gsize done = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (offset <= self->size && len <= self->size - offset, NULL);

  if (self->fd < 0)
    return self->data + offset;

  g_return_val_if_fail (buffer != NULL || len == 0, NULL);
  while (done < len)
    {
      gssize n = pread (self->fd, buffer + done, len - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_IO,
                       _("%s: cannot read it (%s)"), self->name, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        {
          struct stat st;
          set_changed (self, fstat (self->fd, &st) == 0 ? (guint64) st.st_size : offset + done, error);
          return NULL;
        }
      done += n;
    }
  return buffer;
}

GBytes *
mqlw_source_read_all (MqlwSource  *self,
                      guint64      max_size,
                      GError     **error)
{
  char *data;

  g_return_val_if_fail (self != NULL, NULL);

  if (max_size > 0 && self->size > max_size)
    {
      g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_TOO_LARGE,
                   _("%s is larger than %" PRIu64 " MB, more than a file of this kind can be"),
                   self->name, max_size >> 20);
      return NULL;
    }
  if (self->fd < 0)
    return g_bytes_ref (self->bytes);
  if (self->size > G_MAXSIZE - 1 || (data = g_try_malloc (MAX (self->size, 1))) == NULL)
    {
      g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_TOO_LARGE,
                   _("%s: there is not enough memory to read it (%" PRIu64 " MB)"),
                   self->name, self->size >> 20);
      return NULL;
    }
  if (mqlw_source_read (self, 0, self->size, data, error) == NULL
      || !mqlw_source_check_unchanged (self, error))
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, self->size);
}

gboolean
mqlw_source_check_unchanged (MqlwSource  *self,
                             GError     **error)
{
  struct stat st;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->fd < 0)
    return TRUE;
  if (fstat (self->fd, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_IO,
                   _("%s: cannot read it (%s)"), self->name, g_strerror (saved));
      return FALSE;
    }
  if ((guint64) st.st_size != self->size
      || st.st_mtim.tv_sec != self->st.st_mtim.tv_sec || st.st_mtim.tv_nsec != self->st.st_mtim.tv_nsec
      || st.st_ctim.tv_sec != self->st.st_ctim.tv_sec || st.st_ctim.tv_nsec != self->st.st_ctim.tv_nsec)
    {
      set_changed (self, (guint64) st.st_size, error);
      return FALSE;
    }
  return TRUE;
}

GBytes *
mqlw_read_small_file (const char  *path,
                      guint64      max_size,
                      GError     **error)
{
  g_autoptr(MqlwSource) source = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (strcmp (path, "-") == 0)
    return read_to_end (STDIN_FILENO, "stdin", max_size, FALSE, error);
  source = mqlw_source_new_for_path (path, path, error);
  if (source == NULL)
    return NULL;
  return mqlw_source_read_all (source, max_size, error);
}
