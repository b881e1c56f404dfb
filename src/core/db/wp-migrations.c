/* wp-migrations.c: the plan file's schema, version by version
 *
 * Each entry of migrations[] moves the schema from version N to N+1; the
 * store runs it in one transaction (see migrate() in wp-store.c). Before
 * anything is written to a file that says it is ours (its application id)
 * its schema is compared with the one these entries make, so that a file
 * of another program that happens to carry our id is never touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "wp-migrations.h"
#include "wp-char-tokenizer.h"
#include "wp-store.h"

/* Each entry moves the schema from version N to N+1 and runs in one
 * transaction. Never edit a released entry: add a new one. */
static const char *migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE plan ("
  "  id INTEGER PRIMARY KEY,"
  "  year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 1 AND 9999),"
  "  title TEXT NOT NULL DEFAULT '',"
  "  organization TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL);"
  "CREATE TABLE item ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  parent_id INTEGER REFERENCES item (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('area', 'task', 'action')),"
  "  title TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'not_started'"
  "    CHECK (status IN ('not_started', 'in_progress', 'done', 'suspended')),"
  "  progress INTEGER CHECK (progress BETWEEN 0 AND 100),"
  "  due TEXT,"
  "  due_label TEXT NOT NULL DEFAULT '',"
  "  ongoing INTEGER NOT NULL DEFAULT 0,"
  "  carried_over INTEGER NOT NULL DEFAULT 0,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL);"
  "CREATE INDEX item_by_parent ON item (plan_id, parent_id, position);"
  "CREATE INDEX item_by_parent_id ON item (parent_id);"
  "CREATE TABLE agency ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  short_name TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'other');"
  "CREATE TABLE item_agency ("
  "  item_id INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,"
  "  agency_id INTEGER NOT NULL REFERENCES agency (id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('lead', 'co')),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (item_id, agency_id));"
  "CREATE INDEX item_agency_by_agency ON item_agency (agency_id);"
  "CREATE TABLE target ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  label TEXT NOT NULL DEFAULT '',"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  baseline REAL, target REAL, current REAL);"
  "CREATE INDEX target_by_item ON target (item_id, position);"
  "CREATE TABLE note ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  text TEXT NOT NULL DEFAULT '',"
  "  progress INTEGER CHECK (progress BETWEEN 0 AND 100),"
  "  created TEXT NOT NULL);"
  "CREATE INDEX note_by_item ON note (item_id, date);"
  "CREATE TABLE milestone ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,"
  "  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),"
  "  text TEXT NOT NULL DEFAULT '',"
  "  progress INTEGER CHECK (progress BETWEEN 0 AND 100),"
  "  UNIQUE (item_id, quarter));"
  "CREATE VIRTUAL TABLE item_search USING fts5 ("
  "  title, description, notes, tokenize = 'trigram');"
  "CREATE TRIGGER item_search_ai AFTER INSERT ON item BEGIN"
  "  INSERT INTO item_search (rowid, title, description, notes)"
  "    VALUES (new.id, new.title, new.description, '');"
  "END;"
  "CREATE TRIGGER item_search_ad AFTER DELETE ON item BEGIN"
  "  DELETE FROM item_search WHERE rowid = old.id;"
  "END;"
  "CREATE TRIGGER item_search_au AFTER UPDATE OF title, description ON item BEGIN"
  "  UPDATE item_search SET title = new.title, description = new.description"
  "    WHERE rowid = new.id;"
  "END;"
  "CREATE TRIGGER note_search_ai AFTER INSERT ON note BEGIN"
  "  UPDATE item_search SET notes = (SELECT group_concat (text, ' ') FROM note"
  "    WHERE item_id = new.item_id) WHERE rowid = new.item_id;"
  "END;"
  "CREATE TRIGGER note_search_au AFTER UPDATE OF text ON note BEGIN"
  "  UPDATE item_search SET notes = (SELECT group_concat (text, ' ') FROM note"
  "    WHERE item_id = new.item_id) WHERE rowid = new.item_id;"
  "END;"
  "CREATE TRIGGER note_search_ad AFTER DELETE ON note BEGIN"
  "  UPDATE item_search SET notes = coalesce ((SELECT group_concat (text, ' ') FROM note"
  "    WHERE item_id = old.item_id), '') WHERE rowid = old.item_id;"
  "END;",

  /* 1 → 2: the day an item was done, for completions by month. Items done
   * before are taken as done on the day they were last changed. */
  "ALTER TABLE item ADD COLUMN done_date TEXT;"
  "UPDATE item SET done_date = substr (modified, 1, 10) WHERE status = 'done';",

  /* 2 → 3: the search index has a token per character (see
   * wp-char-tokenizer.c), so that one or two characters are found through
   * it too; each item's plan and parent in a small index of its own, for
   * finding the items above a search's matches without reading their rows
   * (see wp_store_set_shown()). */
  "DROP TABLE item_search;"
  "CREATE VIRTUAL TABLE item_search USING fts5 ("
  "  title, description, notes, tokenize = 'wp_chars');"
  "INSERT INTO item_search (rowid, title, description, notes)"
  "  SELECT id, title, description,"
  "    coalesce ((SELECT group_concat (text, ' ') FROM note WHERE item_id = item.id), '')"
  "  FROM item;"
  "CREATE INDEX item_tree ON item (id, plan_id, parent_id);",

  /* 3 → 4: siblings are found by plan and parent, and put in order by
   * sorting them: with the position in the index, renumbering the
   * siblings after an insert, a move or a delete (up to a thousand rows)
   * rewrote an index entry for each of them as well as the row. */
  "DROP INDEX item_by_parent;"
  "CREATE INDEX item_by_parent ON item (plan_id, parent_id);",

  /* 4 → 5: a deleted subtree is hidden at once and removed from the file
   * later (see wp_store_delete_item() and wp_store_purge_deleted()): its
   * items get the id of the item the delete was of in deleted_with, and
   * everything else reads the view "item", which leaves them out. Deleting
   * a key task with its actions rewrote about 300 scattered pages of ten
   * b-trees (rows, indexes, agency links, the search index); hiding it
   * rewrites its rows and two small indexes. The indexes the outline
   * counts and walks by hold live items only, with deleted_with as their
   * last column so that they answer the view by themselves. */
  "ALTER TABLE item RENAME TO item_all;"
  "ALTER TABLE item_all ADD COLUMN deleted_with INTEGER NOT NULL DEFAULT 0;"
  "DROP INDEX item_by_parent;"
  "CREATE INDEX item_by_parent ON item_all (plan_id, parent_id, deleted_with)"
  "  WHERE deleted_with = 0;"
  "DROP INDEX item_tree;"
  "CREATE INDEX item_tree ON item_all (id, plan_id, parent_id, deleted_with)"
  "  WHERE deleted_with = 0;"
  "CREATE INDEX item_deleted ON item_all (deleted_with) WHERE deleted_with > 0;"
  "CREATE VIEW item AS SELECT id, uuid, plan_id, parent_id, position, kind, title, description,"
  "  status, progress, due, due_label, ongoing, carried_over, created, modified, done_date"
  "  FROM item_all WHERE deleted_with = 0;",

  /* 5 → 6: reading a whole plan (the board, the progress and agency views)
   * went from index entry to row at random: a plan's items are now also
   * indexed by plan alone, which keeps them in the order they are stored
   * in, and an item's agency links are stored together, by item (they
   * were rows in the order they were made, found through an index). */
  "CREATE TABLE item_agency_by_item ("
  "  item_id INTEGER NOT NULL REFERENCES item_all (id) ON DELETE CASCADE,"
  "  agency_id INTEGER NOT NULL REFERENCES agency (id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('lead', 'co')),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (item_id, agency_id)) WITHOUT ROWID;"
  "INSERT INTO item_agency_by_item (item_id, agency_id, role, position)"
  "  SELECT item_id, agency_id, role, position FROM item_agency;"
  "DROP TABLE item_agency;"
  "ALTER TABLE item_agency_by_item RENAME TO item_agency;"
  "CREATE INDEX item_agency_by_agency ON item_agency (agency_id);"
  "CREATE INDEX item_by_plan ON item_all (plan_id);",
  /* 6 → 7: ids are never used twice (AUTOINCREMENT). Removing deleted
   * items from the file freed the highest ids, the next item made by any
   * program took them, and undo could no longer put the deleted items
   * back with theirs (issue 15). The tables are made again with their
   * columns in the same order; the view and triggers that name them go
   * first and come back after. */
  "DROP VIEW item;"
  "DROP TRIGGER item_search_ai; DROP TRIGGER item_search_ad; DROP TRIGGER item_search_au;"
  "DROP TRIGGER note_search_ai; DROP TRIGGER note_search_au; DROP TRIGGER note_search_ad;"
  "CREATE TABLE plan_v7 ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 1 AND 9999),"
  "  title TEXT NOT NULL DEFAULT '',"
  "  organization TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL);"
  "INSERT INTO plan_v7 SELECT id, year, title, organization, created, modified FROM plan;"
  "DROP TABLE plan;"
  "ALTER TABLE plan_v7 RENAME TO plan;"
  "CREATE TABLE item_v7 ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  parent_id INTEGER REFERENCES item_all (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('area', 'task', 'action')),"
  "  title TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'not_started'"
  "    CHECK (status IN ('not_started', 'in_progress', 'done', 'suspended')),"
  "  progress INTEGER CHECK (progress BETWEEN 0 AND 100),"
  "  due TEXT,"
  "  due_label TEXT NOT NULL DEFAULT '',"
  "  ongoing INTEGER NOT NULL DEFAULT 0,"
  "  carried_over INTEGER NOT NULL DEFAULT 0,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL,"
  "  done_date TEXT,"
  "  deleted_with INTEGER NOT NULL DEFAULT 0);"
  "INSERT INTO item_v7 SELECT id, uuid, plan_id, parent_id, position, kind, title, description,"
  "  status, progress, due, due_label, ongoing, carried_over, created, modified, done_date,"
  "  deleted_with FROM item_all ORDER BY id;"
  "DROP TABLE item_all;"
  "ALTER TABLE item_v7 RENAME TO item_all;"
  "CREATE INDEX item_by_parent_id ON item_all (parent_id);"
  "CREATE INDEX item_by_parent ON item_all (plan_id, parent_id, deleted_with)"
  "  WHERE deleted_with = 0;"
  "CREATE INDEX item_tree ON item_all (id, plan_id, parent_id, deleted_with)"
  "  WHERE deleted_with = 0;"
  "CREATE INDEX item_deleted ON item_all (deleted_with) WHERE deleted_with > 0;"
  "CREATE INDEX item_by_plan ON item_all (plan_id);"
  "CREATE TABLE agency_v7 ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  short_name TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'other');"
  "INSERT INTO agency_v7 SELECT id, name, short_name, kind FROM agency;"
  "DROP TABLE agency;"
  "ALTER TABLE agency_v7 RENAME TO agency;"
  "CREATE TABLE target_v7 ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  item_id INTEGER NOT NULL REFERENCES item_all (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  label TEXT NOT NULL DEFAULT '',"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  baseline REAL, target REAL, current REAL);"
  "INSERT INTO target_v7 SELECT id, item_id, position, label, unit, baseline, target, current"
  "  FROM target;"
  "DROP TABLE target;"
  "ALTER TABLE target_v7 RENAME TO target;"
  "CREATE INDEX target_by_item ON target (item_id, position);"
  "CREATE TABLE note_v7 ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  item_id INTEGER NOT NULL REFERENCES item_all (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  text TEXT NOT NULL DEFAULT '',"
  "  progress INTEGER CHECK (progress BETWEEN 0 AND 100),"
  "  created TEXT NOT NULL);"
  "INSERT INTO note_v7 SELECT id, item_id, date, text, progress, created FROM note;"
  "DROP TABLE note;"
  "ALTER TABLE note_v7 RENAME TO note;"
  "CREATE INDEX note_by_item ON note (item_id, date);"
  "CREATE TABLE milestone_v7 ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  item_id INTEGER NOT NULL REFERENCES item_all (id) ON DELETE CASCADE,"
  "  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),"
  "  text TEXT NOT NULL DEFAULT '',"
  "  progress INTEGER CHECK (progress BETWEEN 0 AND 100),"
  "  UNIQUE (item_id, quarter));"
  "INSERT INTO milestone_v7 SELECT id, item_id, quarter, text, progress FROM milestone;"
  "DROP TABLE milestone;"
  "ALTER TABLE milestone_v7 RENAME TO milestone;"
  "CREATE TRIGGER item_search_ai AFTER INSERT ON item_all BEGIN"
  "  INSERT INTO item_search (rowid, title, description, notes)"
  "    VALUES (new.id, new.title, new.description, '');"
  "END;"
  "CREATE TRIGGER item_search_ad AFTER DELETE ON item_all BEGIN"
  "  DELETE FROM item_search WHERE rowid = old.id;"
  "END;"
  "CREATE TRIGGER item_search_au AFTER UPDATE OF title, description ON item_all BEGIN"
  "  UPDATE item_search SET title = new.title, description = new.description"
  "    WHERE rowid = new.id;"
  "END;"
  "CREATE TRIGGER note_search_ai AFTER INSERT ON note BEGIN"
  "  UPDATE item_search SET notes = (SELECT group_concat (text, ' ') FROM note"
  "    WHERE item_id = new.item_id) WHERE rowid = new.item_id;"
  "END;"
  "CREATE TRIGGER note_search_au AFTER UPDATE OF text ON note BEGIN"
  "  UPDATE item_search SET notes = (SELECT group_concat (text, ' ') FROM note"
  "    WHERE item_id = new.item_id) WHERE rowid = new.item_id;"
  "END;"
  "CREATE TRIGGER note_search_ad AFTER DELETE ON note BEGIN"
  "  UPDATE item_search SET notes = coalesce ((SELECT group_concat (text, ' ') FROM note"
  "    WHERE item_id = old.item_id), '') WHERE rowid = old.item_id;"
  "END;"
  "CREATE VIEW item AS SELECT id, uuid, plan_id, parent_id, position, kind, title, description,"
  "  status, progress, due, due_label, ongoing, carried_over, created, modified, done_date"
  "  FROM item_all WHERE deleted_with = 0;",

  /* 7 → 8: an item of a year that went on into the next year's plan
   * (已结转) says so in its own year, where it is no longer judged late
   * (issue 16); carried_over stays the mark of the copy in the new year. */
  "ALTER TABLE item_all ADD COLUMN carried_forward INTEGER NOT NULL DEFAULT 0;"
  "DROP VIEW item;"
  "CREATE VIEW item AS SELECT id, uuid, plan_id, parent_id, position, kind, title, description,"
  "  status, progress, due, due_label, ongoing, carried_over, created, modified, done_date,"
  "  carried_forward FROM item_all WHERE deleted_with = 0;",

  /* 8 → 9: the change log (db/wp-change-log.c): every write of the app or
   * the command line to these tables leaves a row, so that an open window
   * learns what another process changed, and undo reverses the rows. The
   * log is trimmed, never needed to read the plan. */
  "CREATE TABLE change_log ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  record TEXT NOT NULL,"
  "  op INTEGER NOT NULL CHECK (op > 0),"
  "  key TEXT NOT NULL,"
  "  before TEXT,"
  "  after TEXT);",

  /* 9 → 10: the tracking year (issue 21). Each plan's light rules and
   * reporting cycle; who sent a progress note (a report received late is
   * entered on its own date); the close-out of a done item (办结情况,
   * waiting for review or closed); evidence files, whose bytes are kept
   * once per content in attachment_data so that a change-log row (JSON)
   * never holds them and undoing a removal finds them still there; and
   * the year-end check's reason for each unfinished item. */
  "ALTER TABLE plan ADD COLUMN due_soon_days INTEGER NOT NULL DEFAULT 30"
  "  CHECK (due_soon_days BETWEEN 0 AND 366);"
  "ALTER TABLE plan ADD COLUMN yellow_points INTEGER NOT NULL DEFAULT 10"
  "  CHECK (yellow_points BETWEEN 0 AND 100);"
  "ALTER TABLE plan ADD COLUMN red_points INTEGER NOT NULL DEFAULT 30"
  "  CHECK (red_points BETWEEN 0 AND 100);"
  "ALTER TABLE plan ADD COLUMN report_frequency TEXT NOT NULL DEFAULT 'monthly'"
  "  CHECK (report_frequency IN ('monthly', 'semimonthly', 'quarterly'));"
  "ALTER TABLE plan ADD COLUMN report_due_day INTEGER NOT NULL DEFAULT 25"
  "  CHECK (report_due_day BETWEEN 1 AND 31);"
  "ALTER TABLE plan ADD COLUMN review_closeout INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE plan ADD COLUMN checked TEXT;"
  "ALTER TABLE note ADD COLUMN reporter TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE closeout ("
  "  item_id INTEGER PRIMARY KEY REFERENCES item_all (id) ON DELETE CASCADE,"
  "  completion TEXT NOT NULL DEFAULT '',"
  "  state TEXT NOT NULL DEFAULT 'closed' CHECK (state IN ('pending_review', 'closed')),"
  "  closed_by TEXT NOT NULL DEFAULT '',"
  "  closed_at TEXT);"
  "CREATE TABLE attachment ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  item_id INTEGER NOT NULL REFERENCES item_all (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  type TEXT NOT NULL DEFAULT '',"
  "  size INTEGER NOT NULL CHECK (size >= 0),"
  "  sha256 TEXT NOT NULL,"
  "  added TEXT NOT NULL);"
  "CREATE INDEX attachment_by_item ON attachment (item_id);"
  "CREATE TABLE attachment_data ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 TEXT NOT NULL UNIQUE,"
  "  data BLOB NOT NULL);"
  "CREATE TABLE year_check ("
  "  item_id INTEGER PRIMARY KEY REFERENCES item_all (id) ON DELETE CASCADE,"
  "  reason TEXT NOT NULL DEFAULT '');",

  /* 10 → 11: the search index keeps no text of its own (issue 18). It
   * held a second copy of every title, description and note, and the
   * length of each in tokens, which only ranking needs (a search here
   * lists its hits in order of id): a seventh of the file at 100,000
   * items. It reads the words from item_all now (external content), and
   * the notes have an index of their own over the note table: an index of
   * all of an item's notes as one text could not be told what to take
   * out when one note changes without the text the notes made before.
   * The triggers tell each index the old words to take out ("delete")
   * and the new ones to put in. Hidden (deleted) items stay indexed until
   * they are purged, as before; the search leaves them out. */
  "DROP TRIGGER item_search_ai; DROP TRIGGER item_search_ad; DROP TRIGGER item_search_au;"
  "DROP TRIGGER note_search_ai; DROP TRIGGER note_search_au; DROP TRIGGER note_search_ad;"
  "DROP TABLE item_search;"
  "CREATE VIRTUAL TABLE item_search USING fts5 ("
  "  title, description, content = 'item_all', content_rowid = 'id', columnsize = 0,"
  "  tokenize = 'wp_chars');"
  "CREATE VIRTUAL TABLE note_search USING fts5 ("
  "  text, content = 'note', content_rowid = 'id', columnsize = 0, tokenize = 'wp_chars');"
  "INSERT INTO item_search (item_search) VALUES ('rebuild');"
  "INSERT INTO note_search (note_search) VALUES ('rebuild');"
  "CREATE TRIGGER item_search_ai AFTER INSERT ON item_all BEGIN"
  "  INSERT INTO item_search (rowid, title, description)"
  "    VALUES (new.id, new.title, new.description);"
  "END;"
  "CREATE TRIGGER item_search_ad AFTER DELETE ON item_all BEGIN"
  "  INSERT INTO item_search (item_search, rowid, title, description)"
  "    VALUES ('delete', old.id, old.title, old.description);"
  "END;"
  "CREATE TRIGGER item_search_au AFTER UPDATE OF title, description ON item_all BEGIN"
  "  INSERT INTO item_search (item_search, rowid, title, description)"
  "    VALUES ('delete', old.id, old.title, old.description);"
  "  INSERT INTO item_search (rowid, title, description)"
  "    VALUES (new.id, new.title, new.description);"
  "END;"
  "CREATE TRIGGER note_search_ai AFTER INSERT ON note BEGIN"
  "  INSERT INTO note_search (rowid, text) VALUES (new.id, new.text);"
  "END;"
  "CREATE TRIGGER note_search_au AFTER UPDATE OF text ON note BEGIN"
  "  INSERT INTO note_search (note_search, rowid, text) VALUES ('delete', old.id, old.text);"
  "  INSERT INTO note_search (rowid, text) VALUES (new.id, new.text);"
  "END;"
  "CREATE TRIGGER note_search_ad AFTER DELETE ON note BEGIN"
  "  INSERT INTO note_search (note_search, rowid, text) VALUES ('delete', old.id, old.text);"
  "END;",
  /* 11 → 12: an agency's other written forms (别名: 发改委 for 市发展改革委,
   * 市中级法院 for 市中级人民法院), which the report importer and search
   * read as the agency (issue 19). A form names one agency only; that it
   * is not another agency's own name is the store's check, as a rename's
   * is. Its rows are on the change log, so adding and removing undo. */
  "CREATE TABLE agency_alias ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  agency_id INTEGER NOT NULL REFERENCES agency (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL UNIQUE CHECK (name <> ''));"
  "CREATE INDEX agency_alias_by_agency ON agency_alias (agency_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == WP_STORE_SCHEMA_VERSION);

const char *
_wp_migration_sql (gint64 from_version)
{
  g_return_val_if_fail (from_version >= 0 && from_version < WP_STORE_SCHEMA_VERSION, NULL);
  return migrations[from_version];
}

/* The objects the entries above make, as schema_objects() names them, for
 * the version they bring a file to. A file of that version is compared
 * with this list: making the schema anew in memory to compare with, by
 * every entry in turn, took 13 ms of each start (issue 18). A file of an
 * older version still is, before it is upgraded. When you add an entry,
 * the migrations test fails and prints the list to put here. */
#define LISTED_SCHEMA_VERSION 12

static const char *const listed_schema[] = {
  "index agency_alias_by_agency()",
  "index attachment_by_item()",
  "index item_agency_by_agency()",
  "index item_by_parent()",
  "index item_by_parent_id()",
  "index item_by_plan()",
  "index item_deleted()",
  "index item_tree()",
  "index note_by_item()",
  "index target_by_item()",
  "table agency(id,name,short_name,kind,)",
  "table agency_alias(id,agency_id,name,)",
  "table attachment(id,item_id,name,type,size,sha256,added,)",
  "table attachment_data(id,sha256,data,)",
  "table change_log(id,record,op,key,before,after,)",
  "table closeout(item_id,completion,state,closed_by,closed_at,)",
  "table item_agency(item_id,agency_id,role,position,)",
  "table item_all(id,uuid,plan_id,parent_id,position,kind,title,description,status,"
    "progress,due,due_label,ongoing,carried_over,created,modified,done_date,deleted_with,"
    "carried_forward,)",
  "table item_search(title,description,)",
  "table item_search_config(k,v,)",
  "table item_search_data(id,block,)",
  "table item_search_idx(segid,term,pgno,)",
  "table milestone(id,item_id,quarter,text,progress,)",
  "table note(id,item_id,date,text,progress,created,reporter,)",
  "table note_search(text,)",
  "table note_search_config(k,v,)",
  "table note_search_data(id,block,)",
  "table note_search_idx(segid,term,pgno,)",
  "table plan(id,year,title,organization,created,modified,due_soon_days,yellow_points,"
    "red_points,report_frequency,report_due_day,review_closeout,checked,)",
  "table target(id,item_id,position,label,unit,baseline,target,current,)",
  "table year_check(item_id,reason,)",
  "trigger item_search_ad()",
  "trigger item_search_ai()",
  "trigger item_search_au()",
  "trigger note_search_ad()",
  "trigger note_search_ai()",
  "trigger note_search_au()",
  "view item()",
};

/* The names of a table's columns, in order, as one string. */
static char *
column_names (sqlite3    *db,
              const char *table)
{
  sqlite3_stmt *stmt = NULL;
  GString *names = g_string_new (NULL);

  if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?1)", -1, &stmt, NULL)
      == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (names, "%s,", (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return g_string_free (names, FALSE);
}

/* Every table, view, index and trigger of a schema, with a table's
 * columns: "table plan(id,year,…)", "index item_by_plan", … */
static GHashTable *
schema_objects (sqlite3 *db)
{
  GHashTable *objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT type, name FROM sqlite_master"
                              " WHERE name NOT LIKE 'sqlite_%'", -1, &stmt, NULL) != SQLITE_OK)
    return objects;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *columns = g_str_equal (type, "table") ? column_names (db, name)
                                                             : g_strdup ("");

      g_hash_table_add (objects, g_strdup_printf ("%s %s(%s)", type, name, columns));
    }
  sqlite3_finalize (stmt);
  return objects;
}

/* The schema version @version has, made in memory by the same entries:
 * NULL, with *missing set to why, if it could not be made. */
static GHashTable *
replayed_schema (gint64   version,
                 char   **missing)
{
  GHashTable *objects;
  sqlite3 *model = NULL;

  if (sqlite3_open_v2 (":memory:", &model, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK
      || _wp_char_tokenizer_register (model) != SQLITE_OK)
    {
      sqlite3_close (model);
      *missing = g_strdup ("(could not make the expected schema)");
      return NULL;
    }
  for (gint64 v = 0; v < version; v++)
    if (sqlite3_exec (model, migrations[v], NULL, NULL, NULL) != SQLITE_OK)
      {
        *missing = g_strdup_printf ("(migration %d: %s)", (int) v + 1, sqlite3_errmsg (model));
        sqlite3_close (model);
        return NULL;
      }
  objects = schema_objects (model);
  sqlite3_close (model);
  return objects;
}

static GHashTable *
listed_schema_objects (void)
{
  GHashTable *objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (listed_schema); i++)
    g_hash_table_add (objects, g_strdup (listed_schema[i]));
  return objects;
}

/**
 * _wp_migrations_check_schema:
 * @db: a connection to a file that carries our application id
 * @version: its user_version
 * @missing: (out): set to the first object the file lacks, when it does
 *
 * Returns: whether the file has every table (with the same columns),
 *   view, index and trigger that version @version of our schema has.
 *   Objects of its own beside them do not matter.
 */
gboolean
_wp_migrations_check_schema (sqlite3  *db,
                             gint64    version,
                             char    **missing)
{
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) found = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (version >= 0 && version <= WP_STORE_SCHEMA_VERSION, FALSE);
  *missing = NULL;

  expected = version == LISTED_SCHEMA_VERSION ? listed_schema_objects ()
                                              : replayed_schema (version, missing);
  if (expected == NULL)
    return FALSE;

  found = schema_objects (db);
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (found, key))
      {
        *missing = g_strdup (key);
        return FALSE;
      }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/**
 * _wp_migrations_check_listed_schema:
 * @listing: (out): when they differ, the list that should be in
 *   wp-migrations.c, one object a line
 *
 * For the tests: whether the schema compiled into listed_schema[] is the
 * one the migrations make, and is for the current version.
 */
gboolean
_wp_migrations_check_listed_schema (char **listing)
{
  g_autoptr(GHashTable) replayed = NULL;
  g_autoptr(GHashTable) listed = listed_schema_objects ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean same;
  GHashTableIter iter;
  gpointer key;

  *listing = NULL;
  replayed = replayed_schema (WP_STORE_SCHEMA_VERSION, listing);
  if (replayed == NULL)
    return FALSE;
  same = LISTED_SCHEMA_VERSION == WP_STORE_SCHEMA_VERSION
         && g_hash_table_size (replayed) == g_hash_table_size (listed);
  g_hash_table_iter_init (&iter, replayed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      same = same && g_hash_table_contains (listed, key);
      g_ptr_array_add (names, key);
    }
  if (same)
    return TRUE;
  g_ptr_array_sort (names, compare_strings);
  g_string_append_printf (text, "#define LISTED_SCHEMA_VERSION %d\n", WP_STORE_SCHEMA_VERSION);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "  \"%s\",\n", (const char *) names->pdata[i]);
  *listing = g_string_free (g_steal_pointer (&text), FALSE);
  return FALSE;
}
