/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-background.h — the threads the window hands long work to. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void mqlw_background_thread_begin (void);

G_END_DECLS
