/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-core.h — everything libmqlw-core offers. No GTK in here, ever. */
#pragma once

#include "mqlw-types.h"
#include "mqlw-date.h"
#include "mqlw-dataset.h"
#include "mqlw-mapping.h"
#include "mqlw-read.h"
#include "mqlw-json-limits.h"
#include "mqlw-import.h"
#include "mqlw-model.h"
#include "mqlw-scorer.h"
#include "mqlw-stats.h"
#include "mqlw-calibration.h"
#include "mqlw-chart.h"
#include "mqlw-generate.h"
#include "mqlw-signoff.h"
#include "mqlw-project.h"
#include "mqlw-export.h"
#include "mqlw-text-table.h"
#include "mqlw-report.h"
