/* entities.h - what the files of the entities example share. */
#ifndef ENTITIES_H
#define ENTITIES_H

#include <stddef.h>

#include <tpipe/plugin.h>

/* A gazetteer: names and their types, sorted by name for binary search. */
typedef struct gazetteer_entry {
    char *name;
    char *type;
} gazetteer_entry;

typedef struct gazetteer {
    gazetteer_entry *entries;
    size_t count;
    char *text; /* the file's contents; entries point into it */
} gazetteer;

/* Reads `path`: lines "Name<TAB>type", '#' comments and blank lines skipped.
 * Errors name the file and line. */
int gazetteer_load(gazetteer *g, const char *path, tp_error *err);
void gazetteer_free(gazetteer *g);

/* The type of the name text[0..len), or NULL. Exact, case-sensitive. */
const char *gazetteer_find(const gazetteer *g, const char *text, size_t len);

/* The second plugin of the module (entity_index.c). */
extern const tp_plugin entity_index_plugin;

#endif
