/* gazetteer.c - the `gazetteer` file of the entities step: loaded once, then
 * only read, by any number of workers at once. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entities.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(((const gazetteer_entry *)a)->name, ((const gazetteer_entry *)b)->name);
}

/* The whole file in one malloc'd, NUL-terminated buffer. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *bigger = realloc(buf, cap);
            if (!bigger) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = bigger;
        }
        got = fread(buf + len, 1, 4096, f);
        len += got;
    } while (got > 0);
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

int gazetteer_load(gazetteer *g, const char *path, tp_error *err)
{
    memset(g, 0, sizeof *g);
    g->text = slurp(path);
    if (!g->text)
        return tp_error_set(err, TP_ECONFIG, "entities: cannot read gazetteer %s", path);
    size_t lines = 1;
    for (const char *c = g->text; *c; c++)
        lines += *c == '\n';
    g->entries = calloc(lines, sizeof *g->entries);
    if (!g->entries)
        return tp_error_set(err, TP_ENOMEM, "entities: out of memory");
    /* Cut the text into lines in place: each entry points into it. */
    char *line = g->text;
    for (size_t lineno = 1; line; lineno++) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        line[strcspn(line, "\r")] = '\0';
        if (line[0] != '\0' && line[0] != '#') {
            char *tab = strchr(line, '\t');
            if (!tab || tab == line || tab[1] == '\0')
                return tp_error_set(err, TP_ECONFIG,
                                    "entities: %s:%zu: expected 'Name<TAB>type'", path, lineno);
            *tab = '\0';
            g->entries[g->count++] = (gazetteer_entry){line, tab + 1};
        }
        line = next;
    }
    qsort(g->entries, g->count, sizeof *g->entries, by_name);
    return 0;
}

void gazetteer_free(gazetteer *g)
{
    free(g->entries);
    free(g->text);
    memset(g, 0, sizeof *g);
}

const char *gazetteer_find(const gazetteer *g, const char *text, size_t len)
{
    size_t lo = 0, hi = g->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *name = g->entries[mid].name;
        int c = strncmp(name, text, len);
        if (c == 0 && name[len] != '\0')
            c = 1; /* the entry is longer than the text */
        if (c == 0)
            return g->entries[mid].type;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
