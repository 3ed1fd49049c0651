/* builtin.c - loads the word lists compiled into the plugin. */
#include "builtin.h"

extern const char tp_senti_negators[];
extern const unsigned long tp_senti_negators_len;
extern const char tp_senti_boosters[];
extern const unsigned long tp_senti_boosters_len;
extern const char tp_senti_dampeners[];
extern const unsigned long tp_senti_dampeners_len;

int tp_senti_add_builtin_lists(tp_senti_lex *lex, tp_error *err)
{
    int rc = tp_senti_lex_add_text(lex, tp_senti_negators, tp_senti_negators_len,
                                   "negators.txt (built in)", TP_SENTI_LIST_NEGATORS, 1.0, err);
    if (!rc)
        rc = tp_senti_lex_add_text(lex, tp_senti_boosters, tp_senti_boosters_len,
                                   "boosters.txt (built in)", TP_SENTI_LIST_MODIFIERS, 1.0, err);
    if (!rc)
        rc = tp_senti_lex_add_text(lex, tp_senti_dampeners, tp_senti_dampeners_len,
                                   "dampeners.txt (built in)", TP_SENTI_LIST_MODIFIERS, 1.0, err);
    return rc;
}

int tp_senti_add_builtin_lexicon(tp_senti_lex *lex, tp_error *err)
{
    for (const tp_senti_builtin *b = tp_senti_builtin_lexicon; b->name; b++) {
        int rc =
            tp_senti_lex_add_text(lex, b->data, *b->len, b->name, TP_SENTI_LIST_VALENCE, 1.0, err);
        if (rc)
            return rc;
    }
    return 0;
}
