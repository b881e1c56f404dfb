/* wp-sheet-import-private.h: what the sheet importer's files share
 *
 * wp-sheet-import-header.c finds the header row and matches its words to
 * the columns' roles, and the columns that give the hierarchy;
 * wp-sheet-import-cells.c reads the cells, merged ranges filled, and the
 * numbering of their text; wp-sheet-import-rows.c makes the rows items at
 * their depth; wp-sheet-import-fields.c reads an item's other cells
 * (agencies, deadline, status, progress, notes); wp-sheet-import.c holds
 * them together and writes the interchange JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-enums.h"
#include "wp-sheet-import.h"

G_BEGIN_DECLS

typedef enum {
  ROLE_NONE,
  ROLE_NUMBER,
  ROLE_KIND,       /* 类别: a level's name, or the name of the area */
  ROLE_AREA,       /* a column of areas */
  ROLE_TASK,       /* a column of key tasks */
  ROLE_ACTION,     /* a column of actions */
  ROLE_TITLE,      /* the one title column */
  ROLE_LEAD,
  ROLE_CO,
  ROLE_DUE,
  ROLE_STATUS,
  ROLE_PROGRESS,
  ROLE_NOTE,
  ROLE_REMARK,
  ROLE_EXTRA,      /* kept in the description under its header */
  ROLE_MILESTONE,  /* 形象进度: by quarter, the item's milestones; else in the description */
} Role;

/* The cells of the sheet with merged ranges filled from their first cell */

typedef struct {
  WpTable    *table;
  GHashTable *filled;  /* row << 14 | column → the WpTableRange it is in (not the first cell) */
  GHashTable *anchors; /* row << 14 | column of a range's first cell → its WpTableRange */
} Grid;

#define KEY(r, c) GSIZE_TO_POINTER (((gsize) (r) << 14) | (gsize) (c))

/* Numbering: 一、 / （一） / 1. / （1） / ① / 1.1.1 */

enum {
  STYLE_NONE = 0,      /* no number */
  STYLE_CJK = 1,       /* 一、 */
  STYLE_PAREN_CJK,     /* （一） */
  STYLE_PAREN_ARABIC,  /* （1） */
  STYLE_CIRCLED,       /* ① */
  STYLE_SECTION,       /* a row merged across, not numbered */
  STYLE_DOTTED = 10,   /* 1 / 1. / 1、 is 10, 1.1 is 11, 1.1.1 is 12… */
};

/* Items as they are read */

typedef struct _Node Node;
struct _Node {
  WpItemKind  kind;
  gboolean    kind_known;
  int         column_kind;  /* the kind its column's header names, or -1 */
  char       *title;
  GString    *description;
  GPtrArray  *lead, *co;
  int         status;    /* WpItemStatus, or -1 */
  gboolean    carried_forward;
  int         progress;  /* or -1 */
  char       *due;
  char       *due_label;
  gboolean    ongoing;
  char       *note_date;
  char       *note_text;
  char       *milestones[4];  /* 形象进度 cells by quarter, or NULL */
  guint       depth;
  GPtrArray  *children;
};

typedef struct {
  Grid       grid;
  int        year;
  Role      *roles;        /* per column */
  char     **labels;       /* per column: its header, for extra columns */
  guint      n_columns;
  guint      header_row, first_data_row;
  int        number_column;  /* or -1 */
  int        kind_column;    /* or -1; a column of level names */
  GArray    *levels;         /* guint: the columns of parents, outermost first */
  int        title_column;
  Node      *root;
  GPtrArray *open;           /* Node: the latest item at each depth */
  GArray    *styles;         /* int: the numbering style at each depth under the container */
  guint      section_depth;    /* 1 once rows merged across head sections, else 0 */
  GArray    *indents;        /* guint: the title cells' indents, deepest last; NULL if alike */
  char      *today;
} Import;

/* wp-sheet-import.c */
Node *_wp_sheet_open_node (Import     *im,
                           const char *title,
                           guint       depth);

/* wp-sheet-import-header.c */
gboolean _wp_sheet_role_is_title    (Role role);
char    *_wp_sheet_normalise_header (const char *text);
guint    _wp_sheet_quarter_of_label (const char *label);
guint    _wp_sheet_score_row        (Import *im,
                                     guint   row,
                                     Role   *roles);
gboolean _wp_sheet_find_header      (Import  *im,
                                     GError **error);
gboolean _wp_sheet_is_kind_label    (const char  *text,
                                     WpItemKind  *kind);
void     _wp_sheet_choose_columns   (Import *im);

/* wp-sheet-import-cells.c */
gboolean           _wp_sheet_grid_init       (Grid     *grid,
                                              WpTable  *table,
                                              GError  **error);
void               _wp_sheet_grid_clear      (Grid *grid);
const WpTableCell *_wp_sheet_grid_get        (Grid     *grid,
                                              guint     row,
                                              guint     column,
                                              gboolean *copy);
char              *_wp_sheet_grid_text       (Grid     *grid,
                                              guint     row,
                                              guint     column,
                                              gboolean *copy);
int                _wp_sheet_numbering_style (const char  *text,
                                              const char **rest);

/* wp-sheet-import-fields.c */
void _wp_sheet_set_fields (Import *im,
                           Node   *node,
                           guint   row);

/* wp-sheet-import-rows.c */
gboolean _wp_sheet_is_total_row (Import *im,
                                 guint   row);
void     _wp_sheet_find_indents (Import *im);
void     _wp_sheet_read_row     (Import *im,
                                 guint   row);

G_END_DECLS
