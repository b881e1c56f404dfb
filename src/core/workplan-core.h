/* workplan-core.h: everything the GUI, the CLI and the tests use of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-agency.h"
#include "wp-backup.h"
#include "wp-board.h"
#include "wp-deadline.h"
#include "wp-enums.h"
#include "wp-filter.h"
#include "wp-id-list.h"
#include "wp-item.h"
#include "wp-item-list.h"
#include "wp-light.h"
#include "wp-tracking.h"
#include "wp-plan.h"
#include "wp-store.h"
#include "wp-store-bulk.h"
#include "wp-charts.h"
#include "wp-stats.h"
#include "wp-undo.h"
#include "io/wp-briefing-pdf.h"
#include "io/wp-json-io.h"
#include "io/wp-output.h"
#include "io/wp-sheet.h"
#include "io/wp-collect.h"
#include "io/wp-report-text.h"
#include "io/wp-report-import.h"
#include "io/wp-sheet-import.h"
#include "io/wp-table.h"
