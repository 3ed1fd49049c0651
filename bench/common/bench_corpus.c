/* bench_corpus.c - see bench_corpus.h. */
#include "bench_corpus.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Appends one file; an unreadable one is skipped. -1: out of memory. */
static int add_file(bench_corpus *c, const char *path, size_t size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char *text = malloc(size + 1);
    if (!text) {
        fclose(f);
        return -1;
    }
    size_t got = fread(text, 1, size, f);
    fclose(f);
    text[got] = '\0';
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        bench_text *d = realloc(c->docs, cap * sizeof *d);
        if (!d) {
            free(text);
            return -1;
        }
        c->docs = d;
        c->cap = cap;
    }
    c->docs[c->count++] = (bench_text){.text = text, .len = got};
    c->bytes += got;
    return 0;
}

static int walk(bench_corpus *c, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    char path[4096];
    int rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        size_t nl = strlen(e->d_name);
        if (S_ISDIR(st.st_mode))
            rc = walk(c, path);
        else if (nl > 4 && strcmp(e->d_name + nl - 4, ".txt") == 0)
            rc = add_file(c, path, (size_t)st.st_size);
    }
    closedir(d);
    return rc;
}

static int by_length_then_bytes(const void *a, const void *b)
{
    const bench_text *x = a, *y = b;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return memcmp(x->text, y->text, x->len);
}

int bench_corpus_load(bench_corpus *c, const char *dir)
{
    memset(c, 0, sizeof *c);
    if (walk(c, dir) != 0) {
        bench_corpus_free(c);
        return -1;
    }
    if (c->count)
        qsort(c->docs, c->count, sizeof *c->docs, by_length_then_bytes);
    return 0;
}

void bench_corpus_free(bench_corpus *c)
{
    for (size_t i = 0; i < c->count; i++)
        free(c->docs[i].text);
    free(c->docs);
    memset(c, 0, sizeof *c);
}
