/* input.c - documents from files, folders, stdin and JSONL, in input order.
 *
 * Choices this module makes (see input.h for the contract):
 * - Inputs given as arguments come first, in the order given, then the paths
 *   listed in `files_from` (one a line, empty lines skipped, relative paths
 *   resolved against the working directory). The list is read lazily so that
 *   a list of millions of paths costs no memory; a listed path that does not
 *   exist therefore becomes a failed record, while a missing argument fails
 *   tp_input_open() before anything runs.
 * - Folders are walked depth-first, entries sorted by byte value (strcmp, not
 *   the locale) so that the order is the same everywhere. Entries whose name
 *   starts with '.' are skipped; symbolic links to files are followed, links
 *   to folders are not (no cycles). `include` is matched with fnmatch()
 *   against the base name of files found in folders, never against paths
 *   given explicitly. Sockets, FIFOs and devices found in folders are
 *   skipped; given explicitly they are read.
 * - Every file is read through instream.c, which inflates gzip data (told
 *   by its first bytes) and passes anything else unchanged, so .gz is just
 *   another file. Names ending .jsonl or .jsonl.gz hold one document a line.
 * - Reads return what a pipe holds instead of waiting for a full buffer, and
 *   before a read would wait, on_idle lets the runner flush its output: as a
 *   filter fed slowly, tpipe answers each line as it comes.
 * - "-" is stdin: JSONL when its first byte that is not white space (or a
 *   UTF-8 byte order mark) is '{', else one text document. Its id is "stdin"
 *   (JSONL lines without "id": "stdin:<line>"). Empty stdin gives no record.
 * - JSONL: empty lines are skipped; "\r\n" endings and a leading byte order
 *   mark are accepted; "id" may be a string or a number; "text" must be a
 *   string; every other field goes to meta unchanged. simdjson decodes the
 *   lines (jsonline.h); jansson decodes those simdjson hands back, so that
 *   results and error messages are jansson's.
 * - Size limit: a file or line longer than max_document_bytes is not kept in
 *   memory: the first bytes are read, the rest is skipped (counted), and the
 *   record fails with the size. */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "instream.h"
#include "jsonline.h"
#include "strbuf.h"

#define DEFAULT_MAX_DOCUMENT_BYTES (64u * 1024 * 1024)
#define STDIN_NAME "stdin"

typedef struct entry {
    char *name;
    unsigned char type; /* DT_* from readdir, DT_UNKNOWN when not known */
} entry;

/* One folder being walked: its sorted entries and the next one to visit. */
typedef struct frame {
    char *dir;
    entry *entries;
    size_t count, next;
} frame;

struct tp_input {
    char **paths;
    size_t path_count, next_path;
    FILE *list; /* files_from, or NULL */
    bool list_is_stdin;
    char *list_name;
    uint64_t list_line;
    char *include;
    uint64_t max_bytes;
    bool defer_jsonl;
    void (*on_idle)(void *user);
    void *idle_user;
    uint64_t total_hint;
    bool stdin_read;

    frame *frames; /* the walk of the current folder argument */
    size_t frame_count, frame_cap;
    char *walk_root;

    tp_instream *jsonl; /* the JSONL file being read, or NULL */
    char *jsonl_name;
    char *jsonl_folder;
    uint64_t jsonl_line;

    tp_strbuf line; /* reused for every JSONL line */
};

/* ---- small helpers -------------------------------------------------------- */

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

static bool is_jsonl_name(const char *path)
{
    return has_suffix(path, ".jsonl") || has_suffix(path, ".jsonl.gz");
}

static char *path_join(const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    bool slash = d > 0 && dir[d - 1] != '/';
    char *p = malloc(d + slash + n + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, d);
    if (slash)
        p[d] = '/';
    memcpy(p + d + slash, name, n + 1);
    return p;
}

static char *format_alloc(const char *fmt, ...) TP_PRINTF(1, 2);
static char *format_alloc(const char *fmt, ...)
{
    tp_strbuf sb = TP_STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    if ((size_t)n < sizeof tmp) {
        tp_strbuf_add(&sb, tmp, (size_t)n);
    } else if (tp_strbuf_grow(&sb, (size_t)n) == 0) {
        va_start(ap, fmt);
        vsnprintf(sb.buf, (size_t)n + 1, fmt, ap);
        va_end(ap);
        sb.len = (size_t)n;
    }
    return tp_strbuf_detach(&sb, NULL);
}

/* "NAME:LINE", the id of a JSONL line without one of its own; built
 * without printf, as it is made for every line. NULL when out of memory. */
static char *line_id(const char *name, uint64_t line)
{
    tp_strbuf sb = TP_STRBUF_INIT;
    size_t len = strlen(name);
    tp_strbuf_grow(&sb, len + 21);
    tp_strbuf_add(&sb, name, len);
    tp_strbuf_addch(&sb, ':');
    tp_strbuf_add_uint(&sb, line);
    return tp_strbuf_detach(&sb, NULL);
}

/* Fills a failed record. Returns 1 (a record), or TP_ENOMEM. */
static int fail_record(tp_input_record *rec, const char *id, uint64_t line, const char *folder,
                       char *message)
{
    rec->id = strdup(id);
    rec->error = message;
    rec->line = line;
    rec->folder = folder ? strdup(folder) : NULL;
    if (!rec->id || !rec->error || (folder && !rec->folder)) {
        tp_input_record_clear(rec);
        return TP_ENOMEM;
    }
    return 1;
}

static char *over_limit_message(uint64_t size, uint64_t limit)
{
    return format_alloc("document is %llu bytes, over the limit of %llu (max_document_bytes)",
                        (unsigned long long)size, (unsigned long long)limit);
}

/* ---- folders -------------------------------------------------------------- */

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

static void entries_free(entry *entries, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(entries[i].name);
    free(entries);
}

/* Lists the non-hidden entries of `dir`, sorted when `sorted`. Returns 0, an
 * errno value, or -1 when out of memory. */
static int list_folder(const char *dir, bool sorted, entry **out, size_t *out_count)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno ? errno : EIO;
    entry *entries = NULL;
    size_t count = 0, cap = 0;
    int status = 0;
    for (;;) {
        errno = 0;
        struct dirent *de = readdir(d);
        if (!de) {
            status = errno;
            break;
        }
        if (de->d_name[0] == '.')
            continue;
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            entry *p = realloc(entries, ncap * sizeof *p);
            if (!p) {
                status = -1;
                break;
            }
            entries = p;
            cap = ncap;
        }
        entries[count].name = strdup(de->d_name);
        entries[count].type = de->d_type;
        if (!entries[count].name) {
            status = -1;
            break;
        }
        count++;
    }
    closedir(d);
    if (status) {
        entries_free(entries, count);
        return status;
    }
    if (sorted && count > 1)
        qsort(entries, count, sizeof *entries, entry_cmp);
    *out = entries;
    *out_count = count;
    return 0;
}

enum kind { KIND_SKIP, KIND_DIR, KIND_FILE };

/* What a folder entry is: a folder to walk, a file to read, or neither. */
static enum kind classify(const char *path, const entry *e, const char *include)
{
    enum kind kind = KIND_SKIP;
    unsigned char type = e->type;
    if (type == DT_DIR) {
        kind = KIND_DIR;
    } else if (type == DT_REG) {
        kind = KIND_FILE;
    } else if (type == DT_LNK || type == DT_UNKNOWN) {
        struct stat st;
        if (lstat(path, &st) != 0) {
            kind = KIND_FILE; /* let the read report the problem */
        } else if (S_ISDIR(st.st_mode)) {
            kind = KIND_DIR;
        } else if (S_ISREG(st.st_mode)) {
            kind = KIND_FILE;
        } else if (S_ISLNK(st.st_mode)) {
            /* Follow links to files only: a link to a folder could loop. A
             * dangling link is read so that the failure is reported. */
            if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
                kind = KIND_FILE;
        }
    }
    if (kind == KIND_FILE && include && fnmatch(include, e->name, 0) != 0)
        kind = KIND_SKIP;
    return kind;
}

/* Counts the documents a folder holds for the total hint; false when unknown
 * (it holds JSONL files). */
static bool count_folder(const char *dir, const char *include, uint64_t *count)
{
    entry *entries = NULL;
    size_t n = 0;
    int status = list_folder(dir, false, &entries, &n);
    if (status) {
        (*count)++; /* one failed record */
        return status != -1;
    }
    bool known = true;
    for (size_t i = 0; i < n && known; i++) {
        char *path = path_join(dir, entries[i].name);
        if (!path) {
            known = false;
            break;
        }
        enum kind kind = classify(path, &entries[i], include);
        if (kind == KIND_DIR)
            known = count_folder(path, include, count);
        else if (kind == KIND_FILE && is_jsonl_name(entries[i].name))
            known = false;
        else if (kind == KIND_FILE)
            (*count)++;
        free(path);
    }
    entries_free(entries, n);
    return known;
}

static int push_frame(tp_input *in, char *dir, entry *entries, size_t count)
{
    if (in->frame_count == in->frame_cap) {
        size_t cap = in->frame_cap ? in->frame_cap * 2 : 8;
        frame *p = realloc(in->frames, cap * sizeof *p);
        if (!p)
            return TP_ENOMEM;
        in->frames = p;
        in->frame_cap = cap;
    }
    in->frames[in->frame_count++] = (frame){ dir, entries, count, 0 };
    return 0;
}

static void pop_frame(tp_input *in)
{
    frame *f = &in->frames[--in->frame_count];
    free(f->dir);
    entries_free(f->entries, f->count);
    if (in->frame_count == 0) {
        free(in->walk_root);
        in->walk_root = NULL;
    }
}

/* Starts walking `dir` (owned). Returns 0, 1 with a failed record when the
 * folder cannot be read, or TP_ENOMEM. */
static int enter_folder(tp_input *in, char *dir, tp_input_record *rec)
{
    entry *entries = NULL;
    size_t count = 0;
    int status = list_folder(dir, true, &entries, &count);
    if (status == -1) {
        free(dir);
        return TP_ENOMEM;
    }
    if (status) {
        int r = fail_record(rec, dir, 0, in->walk_root,
                            format_alloc("cannot read folder: %s", strerror(status)));
        free(dir);
        return r;
    }
    if (push_frame(in, dir, entries, count)) {
        entries_free(entries, count);
        free(dir);
        return TP_ENOMEM;
    }
    return 0;
}

/* ---- documents -------------------------------------------------------------- */

/* A buffer the record's text may go to instead of a new one: the copy of
 * the line it was decoded from, no longer needed then. */
typedef struct spare_buffer {
    char *buf; /* NULL: none, or taken */
    size_t size;
} spare_buffer;

/* Turns the decoded fields of JSONL line `lineno` into a record. Takes `id`
 * (the fallback id "NAME:LINE") and fields->meta, and `spare` (may be NULL)
 * when the text fits it. Returns 1 or TP_ENOMEM. */
static int fields_record(char *id, uint64_t lineno, const char *folder, tp_jsonline *fields,
                         spare_buffer *spare, tp_input_record *rec)
{
    const tp_jsonline_value *jid = &fields->id, *jtext = &fields->text;
    char number[64];
    char *given = NULL, *message = NULL;
    switch (jid->type) {
    case TP_JSONLINE_STRING:
        if (jid->length > 0 && !(given = strndup(jid->string, jid->length)))
            goto nomem;
        break;
    case TP_JSONLINE_INTEGER:
    case TP_JSONLINE_REAL:
        if (jid->type == TP_JSONLINE_INTEGER)
            snprintf(number, sizeof number, "%" PRId64, jid->integer);
        else
            snprintf(number, sizeof number, "%.17g", jid->real);
        if (!(given = strdup(number)))
            goto nomem;
        break;
    case TP_JSONLINE_MISSING:
    case TP_JSONLINE_NULL:
        break;
    case TP_JSONLINE_OTHER:
        message = format_alloc("line %llu: \"id\" must be a string or a number",
                               (unsigned long long)lineno);
        goto failed;
    }
    if (given) {
        free(id);
        id = given;
    }

    if (jtext->type != TP_JSONLINE_STRING) {
        message = jtext->type == TP_JSONLINE_MISSING
                      ? format_alloc("line %llu: missing \"text\" (the document, a string)",
                                     (unsigned long long)lineno)
                      : format_alloc("line %llu: \"text\" must be a string",
                                     (unsigned long long)lineno);
        goto failed;
    }
    if (spare && spare->buf && jtext->length < spare->size) {
        rec->text = spare->buf;
        spare->buf = NULL;
    } else if (!(rec->text = malloc(jtext->length + 1))) {
        goto nomem;
    }
    memmove(rec->text, jtext->string, jtext->length);
    rec->text[jtext->length] = '\0';
    rec->len = jtext->length;
    rec->meta = fields->meta;
    fields->meta = NULL;
    rec->id = id;
    rec->line = lineno;
    rec->folder = folder ? strdup(folder) : NULL;
    if (folder && !rec->folder) {
        tp_input_record_clear(rec);
        return TP_ENOMEM;
    }
    return 1;

failed:
    json_decref(fields->meta);
    fields->meta = NULL;
    if (!message)
        goto nomem;
    {
        int r = fail_record(rec, id, lineno, folder, message);
        free(id);
        return r;
    }
nomem:
    json_decref(fields->meta);
    fields->meta = NULL;
    free(id);
    tp_input_record_clear(rec);
    return TP_ENOMEM;
}

static tp_jsonline_value jansson_value(const json_t *j)
{
    tp_jsonline_value v = { .type = TP_JSONLINE_OTHER };
    if (!j) {
        v.type = TP_JSONLINE_MISSING;
    } else if (json_is_null(j)) {
        v.type = TP_JSONLINE_NULL;
    } else if (json_is_string(j)) {
        v.type = TP_JSONLINE_STRING;
        v.string = json_string_value(j);
        v.length = json_string_length(j);
    } else if (json_is_integer(j)) {
        v.type = TP_JSONLINE_INTEGER;
        v.integer = json_integer_value(j);
    } else if (json_is_real(j)) {
        v.type = TP_JSONLINE_REAL;
        v.real = json_real_value(j);
    }
    return v;
}

/* Decodes a line with jansson: the lines simdjson hands back (jansson words
 * what is wrong with them, or decodes the few valid ones simdjson cannot).
 * Returns 0 with *fields filled, borrowing from *root (the caller releases
 * it), or with *message set (a malformed line); or TP_ENOMEM. */
static int jansson_fields(const char *line, size_t len, uint64_t lineno, tp_jsonline *fields,
                          json_t **root, char **message)
{
    json_error_t jerr;
    *fields = (tp_jsonline){ .meta = NULL };
    *root = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    if (!*root) {
        *message = format_alloc("line %llu: not valid JSON: %s (column %d)",
                                (unsigned long long)lineno, jerr.text, jerr.column);
        return *message ? 0 : TP_ENOMEM;
    }
    if (!json_is_object(*root)) {
        *message = format_alloc("line %llu: expected a JSON object with \"id\" and \"text\"",
                                (unsigned long long)lineno);
        return *message ? 0 : TP_ENOMEM;
    }
    fields->id = jansson_value(json_object_get(*root, "id"));
    fields->text = jansson_value(json_object_get(*root, "text"));
    const char *key;
    json_t *item;
    json_object_foreach(*root, key, item)
    {
        if (strcmp(key, "id") == 0 || strcmp(key, "text") == 0)
            continue;
        if ((!fields->meta && !(fields->meta = json_object()))
            || json_object_set(fields->meta, key, item) != 0) {
            json_decref(fields->meta);
            fields->meta = NULL;
            return TP_ENOMEM;
        }
    }
    return 0;
}

/* Turns one JSONL line (followed by TP_JSONLINE_PADDING readable bytes) into
 * a record; `id` (owned) is the fallback id "NAME:LINE", `spare` as for
 * fields_record(). simdjson decodes it, jansson whatever simdjson hands
 * back. Returns 1 or TP_ENOMEM. */
static int parse_jsonl(char *id, uint64_t lineno, const char *folder, const char *line,
                       size_t len, spare_buffer *spare, tp_input_record *rec)
{
    tp_jsonline fields;
    json_t *root = NULL;
    char *message = NULL;
    int r = tp_jsonline_decode(line, len, &fields);
    if (r == TP_EINVAL)
        r = jansson_fields(line, len, lineno, &fields, &root, &message);
    if (r == 0 && message) {
        r = fail_record(rec, id, lineno, folder, message);
        free(id);
    } else if (r == 0) {
        r = fields_record(id, lineno, folder, &fields, spare, rec);
    } else {
        free(id);
    }
    json_decref(root);
    return r;
}

/* A copy of `len` bytes followed by TP_JSONLINE_PADDING zero bytes (so also
 * NUL-terminated), as parse_jsonl() needs it; NULL when out of memory. */
static char *padded_copy(const char *s, size_t len)
{
    char *copy = malloc(len + TP_JSONLINE_PADDING);
    if (copy) {
        memcpy(copy, s, len);
        memset(copy + len, 0, TP_JSONLINE_PADDING);
    }
    return copy;
}

/* One JSONL line: parsed now, or kept raw for tp_input_record_finish(). */
static int jsonl_record(tp_input *in, const char *line, size_t len, tp_input_record *rec)
{
    char *id = line_id(in->jsonl_name, in->jsonl_line);
    if (!id)
        return TP_ENOMEM;
    if (!in->defer_jsonl)
        return parse_jsonl(id, in->jsonl_line, in->jsonl_folder, line, len, NULL, rec);
    rec->text = padded_copy(line, len);
    rec->folder = in->jsonl_folder ? strdup(in->jsonl_folder) : NULL;
    if (!rec->text || (in->jsonl_folder && !rec->folder)) {
        free(id);
        tp_input_record_clear(rec);
        return TP_ENOMEM;
    }
    rec->len = len;
    rec->id = id;
    rec->line = in->jsonl_line;
    rec->raw_jsonl = true;
    return 1;
}

int tp_input_record_finish(tp_input_record *rec)
{
    if (!rec->raw_jsonl)
        return 0;
    tp_input_record raw = *rec;
    memset(rec, 0, sizeof *rec);
    /* The decoded text is never longer than the line: it goes to the line's
     * buffer, which saves an allocation a document. */
    spare_buffer spare = {raw.text, raw.len + TP_JSONLINE_PADDING};
    int r = parse_jsonl(raw.id, raw.line, raw.folder, raw.text, raw.len, &spare, rec);
    raw.id = NULL; /* parse_jsonl took it */
    raw.text = spare.buf; /* NULL when the record took it */
    raw.raw_jsonl = false;
    tp_input_record_clear(&raw);
    return r == 1 ? 0 : r;
}

static void end_jsonl(tp_input *in)
{
    tp_instream_close(in->jsonl);
    in->jsonl = NULL;
    free(in->jsonl_name);
    free(in->jsonl_folder);
    in->jsonl_name = in->jsonl_folder = NULL;
}

/* The next record from the open JSONL stream: 1, 0 at its end, TP_ENOMEM. */
static int next_jsonl(tp_input *in, tp_input_record *rec)
{
    for (;;) {
        uint64_t total = 0;
        int r = tp_instream_read_line(in->jsonl, &in->line, in->max_bytes, &total);
        if (r == TP_ENOMEM)
            return r;
        if (r == 0) {
            end_jsonl(in);
            return 0;
        }
        if (r < 0) {
            char *msg = format_alloc("read error after line %llu: %s",
                                     (unsigned long long)in->jsonl_line, in->jsonl->message);
            r = fail_record(rec, in->jsonl_name, in->jsonl_line, in->jsonl_folder, msg);
            end_jsonl(in);
            return r;
        }
        in->jsonl_line++;
        if (tp_strbuf_grow(&in->line, TP_JSONLINE_PADDING) != 0)
            return TP_ENOMEM;
        memset(in->line.buf + in->line.len, 0, TP_JSONLINE_PADDING); /* for parse_jsonl() */
        const char *s = in->line.buf;
        size_t len = in->line.len;
        if (in->jsonl_line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            len -= 3;
            total -= 3;
        }
        size_t i = 0;
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
            i++;
        if (i == len && total == len)
            continue; /* empty line */
        if (total > in->max_bytes) {
            char *id = line_id(in->jsonl_name, in->jsonl_line);
            char *msg = over_limit_message(total, in->max_bytes);
            char *full = msg ? format_alloc("line %llu: %s", (unsigned long long)in->jsonl_line,
                                            msg)
                             : NULL;
            free(msg);
            if (!id) {
                free(full);
                return TP_ENOMEM;
            }
            r = fail_record(rec, id, in->jsonl_line, in->jsonl_folder, full);
            free(id);
            return r;
        }
        return jsonl_record(in, s, len, rec);
    }
}

/* Reads a whole stream as one document record. Takes ownership of `st`. */
static int document_record(tp_input *in, tp_instream *st, const char *id, const char *folder,
                           size_t size_hint, tp_input_record *rec)
{
    char *text = NULL;
    size_t len = 0;
    uint64_t total = 0;
    int r = tp_instream_read_all(st, in->max_bytes, size_hint, &text, &len, &total);
    char *message = NULL;
    if (r == 0) {
        tp_instream_close(st);
        rec->id = strdup(id);
        rec->text = text;
        rec->len = len;
        rec->folder = folder ? strdup(folder) : NULL;
        if (!rec->id || (folder && !rec->folder)) {
            tp_input_record_clear(rec);
            return TP_ENOMEM;
        }
        return 1;
    }
    if (r == TP_ENOMEM) {
        tp_instream_close(st);
        return r;
    }
    if (r == 1)
        message = over_limit_message(total, in->max_bytes);
    else
        message = format_alloc("cannot read: %s", st->message);
    tp_instream_close(st);
    return fail_record(rec, id, 0, folder, message);
}

/* Opens `path` (a file, or a folder listed in files_from) and produces its
 * first record. Returns 1, 0 when there is nothing to return yet (a folder
 * was entered, a JSONL file started), or a negative code. */
static int open_path(tp_input *in, const char *path, const char *folder, tp_input_record *rec)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail_record(rec, path, 0, folder,
                           format_alloc("cannot open: %s", strerror(errno)));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return fail_record(rec, path, 0, folder, format_alloc("cannot open: %s", strerror(e)));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        char *dir = strdup(path);
        if (!dir)
            return TP_ENOMEM;
        if (in->frame_count == 0) {
            in->walk_root = strdup(path);
            if (!in->walk_root) {
                free(dir);
                return TP_ENOMEM;
            }
        }
        int r = enter_folder(in, dir, rec);
        if (r != 0 && in->frame_count == 0) {
            free(in->walk_root);
            in->walk_root = NULL;
        }
        return r;
    }
    /* A plain file larger than the limit is refused without reading it. */
    if (S_ISREG(st.st_mode) && !has_suffix(path, ".gz") && (uint64_t)st.st_size > in->max_bytes
        && !is_jsonl_name(path)) {
        close(fd);
        return fail_record(rec, path, 0, folder,
                           over_limit_message((uint64_t)st.st_size, in->max_bytes));
    }
    tp_instream *s = tp_instream_open_fd(fd);
    if (!s)
        return TP_ENOMEM;
    s->on_idle = in->on_idle;
    s->idle_user = in->idle_user;
    if (is_jsonl_name(path)) {
        in->jsonl = s;
        in->jsonl_line = 0;
        in->jsonl_name = strdup(path);
        in->jsonl_folder = folder ? strdup(folder) : NULL;
        if (!in->jsonl_name || (folder && !in->jsonl_folder)) {
            end_jsonl(in);
            return TP_ENOMEM;
        }
        return 0;
    }
    size_t hint = S_ISREG(st.st_mode) && !has_suffix(path, ".gz") ? (size_t)st.st_size : 0;
    return document_record(in, s, path, folder, hint, rec);
}

/* Standard input: JSONL when it starts with '{', else one document. */
static int open_stdin(tp_input *in, tp_input_record *rec)
{
    if (in->stdin_read)
        return fail_record(rec, STDIN_NAME, 0, NULL,
                           format_alloc("standard input ('-') is already used by another "
                                        "input"));
    in->stdin_read = true;
    int fd = dup(STDIN_FILENO);
    if (fd < 0)
        return fail_record(rec, STDIN_NAME, 0, NULL,
                           format_alloc("cannot read: %s", strerror(errno)));
    tp_instream *s = tp_instream_open_fd(fd);
    if (!s)
        return TP_ENOMEM;
    s->on_idle = in->on_idle;
    s->idle_user = in->idle_user;
    /* Peek at the first byte that is not white space (after a byte order
     * mark). A buffer holding nothing but white space is dropped. */
    bool first = true;
    for (;;) {
        long avail = tp_instream_fill(s);
        if (avail < 0) {
            int r = fail_record(rec, STDIN_NAME, 0, NULL,
                                format_alloc("cannot read: %s", s->message));
            tp_instream_close(s);
            return r;
        }
        if (avail == 0) {
            tp_instream_close(s);
            return 0; /* empty or only white space: no document */
        }
        size_t i = s->pos;
        if (first && s->len >= 3 && memcmp(s->buf, "\xEF\xBB\xBF", 3) == 0)
            i = 3;
        while (i < s->len && strchr(" \t\r\n", s->buf[i]))
            i++;
        if (i < s->len) {
            if (s->buf[i] != '{')
                return document_record(in, s, STDIN_NAME, NULL, 0, rec);
            in->jsonl = s;
            in->jsonl_line = 0;
            in->jsonl_name = strdup(STDIN_NAME);
            in->jsonl_folder = NULL;
            if (!in->jsonl_name) {
                end_jsonl(in);
                return TP_ENOMEM;
            }
            return 0;
        }
        if (first && s->len < TP_INSTREAM_CHUNK) {
            /* A short first read (a pipe): top the buffer up before deciding. */
            long more = tp_instream_read(s, s->buf + s->len, TP_INSTREAM_CHUNK - s->len);
            if (more > 0) {
                s->len += (size_t)more;
                continue;
            }
            if (more < 0)
                continue; /* the next fill reports the error */
        }
        first = false;
        s->pos = s->len;
    }
}

/* The next path from the arguments, then from files_from: 1 with *path
 * (owned by the caller), 0 at the end, TP_EIO, TP_ENOMEM. */
static int next_path(tp_input *in, char **path, tp_error *err)
{
    if (in->next_path < in->path_count) {
        *path = strdup(in->paths[in->next_path++]);
        return *path ? 1 : TP_ENOMEM;
    }
    if (!in->list)
        return 0;
    char *line = NULL;
    size_t cap = 0;
    for (;;) {
        errno = 0;
        ssize_t n = getline(&line, &cap, in->list);
        if (n < 0) {
            bool failed = ferror(in->list);
            int e = errno;
            free(line);
            if (failed)
                return tp_error_set(err, TP_EIO, "%s: cannot read the list of inputs: %s",
                                    in->list_name, strerror(e));
            if (!in->list_is_stdin)
                fclose(in->list);
            in->list = NULL;
            return 0;
        }
        in->list_line++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0) {
            *path = line;
            return 1;
        }
    }
}

int tp_input_next(tp_input *in, tp_input_record *rec, tp_error *err)
{
    memset(rec, 0, sizeof *rec);
    int r;
    for (;;) {
        if (in->jsonl) {
            r = next_jsonl(in, rec);
            if (r != 0)
                goto done;
            continue;
        }
        if (in->frame_count > 0) {
            frame *f = &in->frames[in->frame_count - 1];
            if (f->next == f->count) {
                pop_frame(in);
                continue;
            }
            const entry *e = &f->entries[f->next++];
            char *path = path_join(f->dir, e->name);
            if (!path)
                return tp_error_set(err, TP_ENOMEM, "out of memory walking '%s'", f->dir);
            enum kind kind = classify(path, e, in->include);
            if (kind == KIND_DIR) {
                r = enter_folder(in, path, rec);
            } else if (kind == KIND_FILE) {
                char *root = in->walk_root;
                r = open_path(in, path, root, rec);
                free(path);
            } else {
                free(path);
                r = 0;
            }
            if (r != 0)
                goto done;
            continue;
        }
        char *path = NULL;
        r = next_path(in, &path, err);
        if (r <= 0)
            return r == TP_ENOMEM ? tp_error_set(err, r, "out of memory reading inputs") : r;
        if (strcmp(path, "-") == 0)
            r = open_stdin(in, rec);
        else
            r = open_path(in, path, NULL, rec);
        free(path);
        if (r != 0)
            goto done;
    }
done:
    if (r == TP_ENOMEM)
        return tp_error_set(err, TP_ENOMEM, "out of memory reading inputs");
    return r;
}

/* ---- opening and closing -------------------------------------------------- */

int tp_input_open(const char *const *paths, size_t count, const tp_input_options *opts,
                  tp_input **out, tp_error *err)
{
    *out = NULL;
    tp_input *in = calloc(1, sizeof *in);
    if (!in)
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    tp_strbuf_init(&in->line);
    in->max_bytes = opts && opts->max_document_bytes ? opts->max_document_bytes
                                                     : DEFAULT_MAX_DOCUMENT_BYTES;
    in->defer_jsonl = opts && opts->defer_jsonl;
    in->on_idle = opts ? opts->on_idle : NULL;
    in->idle_user = opts ? opts->idle_user : NULL;
    int rc = 0;
    if (opts && opts->include && !(in->include = strdup(opts->include)))
        goto nomem;
    if (count && !(in->paths = calloc(count, sizeof *in->paths)))
        goto nomem;

    size_t stdin_uses = 0;
    bool known = !(opts && opts->files_from);
    uint64_t total = 0;
    for (size_t i = 0; i < count; i++) {
        const char *p = paths[i];
        if (!p || !*p) {
            rc = tp_error_set(err, TP_EINVAL, "an input path is empty");
            goto fail;
        }
        if (!(in->paths[i] = strdup(p)))
            goto nomem;
        in->path_count++;
        if (strcmp(p, "-") == 0) {
            stdin_uses++;
            known = false;
            continue;
        }
        struct stat st;
        if (stat(p, &st) != 0) {
            if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP) {
                rc = tp_error_set(err, TP_ENOENT, "input '%s': %s", p, strerror(errno));
                goto fail;
            }
            total++; /* reported as a failed record when read */
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (known)
                known = count_folder(p, in->include, &total);
        } else if (is_jsonl_name(p)) {
            known = false;
        } else {
            total++;
        }
    }

    if (opts && opts->files_from) {
        in->list_name = strdup(opts->files_from);
        if (!in->list_name)
            goto nomem;
        if (strcmp(opts->files_from, "-") == 0) {
            stdin_uses++;
            in->list = stdin;
            in->list_is_stdin = true;
            in->stdin_read = true; /* a "-" in the list cannot be read too */
        } else if (!(in->list = fopen(opts->files_from, "re"))) {
            rc = tp_error_set(err, errno == ENOENT ? TP_ENOENT : TP_EIO,
                              "cannot open the list of inputs '%s': %s", opts->files_from,
                              strerror(errno));
            goto fail;
        }
    }
    if (stdin_uses > 1) {
        rc = tp_error_set(err, TP_EINVAL,
                          "standard input ('-') can be read only once; give it one role");
        goto fail;
    }
    in->total_hint = known ? total : 0;
    *out = in;
    return 0;

nomem:
    rc = tp_error_set(err, TP_ENOMEM, "out of memory");
fail:
    tp_input_close(in);
    return rc;
}

uint64_t tp_input_total_hint(const tp_input *in)
{
    return in ? in->total_hint : 0;
}

void tp_input_record_clear(tp_input_record *rec)
{
    if (!rec)
        return;
    free(rec->id);
    free(rec->text);
    free(rec->error);
    free(rec->folder);
    if (rec->meta)
        json_decref((json_t *)rec->meta);
    memset(rec, 0, sizeof *rec);
}

void tp_input_close(tp_input *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->path_count; i++)
        free(in->paths[i]);
    free(in->paths);
    if (in->list && !in->list_is_stdin)
        fclose(in->list);
    free(in->list_name);
    free(in->include);
    while (in->frame_count > 0)
        pop_frame(in);
    free(in->frames);
    free(in->walk_root);
    end_jsonl(in);
    tp_strbuf_release(&in->line);
    free(in);
}

/* ---- metadata ----------------------------------------------------------------- */

static tp_value *value_from_json(tp_doc *doc, json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        tp_value *obj = tp_value_object(doc);
        if (!obj)
            return NULL;
        const char *key;
        json_t *item;
        json_object_foreach(j, key, item)
        {
            if (tp_object_set(doc, obj, key, value_from_json(doc, item)) != 0)
                return NULL;
        }
        return obj;
    }
    case JSON_ARRAY: {
        tp_value *arr = tp_value_array(doc);
        if (!arr)
            return NULL;
        size_t i;
        json_t *item;
        json_array_foreach(j, i, item)
        {
            if (tp_array_push(doc, arr, value_from_json(doc, item)) != 0)
                return NULL;
        }
        return arr;
    }
    case JSON_STRING:
        return tp_value_stringn(doc, json_string_value(j), json_string_length(j));
    case JSON_INTEGER:
        return tp_value_int(doc, (int64_t)json_integer_value(j));
    case JSON_REAL:
        return tp_value_number(doc, json_real_value(j));
    case JSON_TRUE:
        return tp_value_bool(doc, true);
    case JSON_FALSE:
        return tp_value_bool(doc, false);
    case JSON_NULL:
    default:
        return tp_value_null(doc);
    }
}

int tp_input_meta_to_doc(tp_doc *doc, void *meta)
{
    json_t *j = meta;
    if (!j)
        return 0;
    if (!json_is_object(j))
        return TP_EINVAL;
    tp_value *target = tp_doc_meta_object(doc);
    if (!target)
        return TP_ENOMEM;
    const char *key;
    json_t *item;
    json_object_foreach(j, key, item)
    {
        int r = tp_object_set(doc, target, key, value_from_json(doc, item));
        if (r != 0)
            return r;
    }
    return 0;
}
