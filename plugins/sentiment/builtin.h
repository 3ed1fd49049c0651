/* builtin.h - the word lists compiled into the sentiment plugin. */
#ifndef TP_SENTIMENT_BUILTIN_H
#define TP_SENTIMENT_BUILTIN_H

#include <tpipe/error.h>

#include "lexicon.h"

typedef struct tp_senti_builtin {
    const char *name; /* path under plugins/sentiment/, for messages */
    const char *data; /* NUL-terminated */
    const unsigned long *len;
} tp_senti_builtin;

/* The files lexicon/NAME.txt, ended by a row whose name is NULL (generated). */
extern const tp_senti_builtin tp_senti_builtin_lexicon[];

/* Adds the negators, boosters and dampeners lists. */
int tp_senti_add_builtin_lists(tp_senti_lex *lex, tp_error *err);

/* Adds every built-in lexicon file. */
int tp_senti_add_builtin_lexicon(tp_senti_lex *lex, tp_error *err);

#endif
