/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scorer"

#include "config.h"

#include "mqlw-scorer-private.h"
