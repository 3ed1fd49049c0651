/* shared.c - the read-only state built once per step: the abbreviation and
 * sentence-starter sets, from the word lists compiled into the plugin plus
 * the pipeline's extra abbreviations. */
#include <string.h>

#include <tpipe/error.h>

#include "tkz.h"

extern const char tp_tokenizer_abbreviations_data[];
extern const unsigned long tp_tokenizer_abbreviations_data_len;
extern const char tp_tokenizer_starters_data[];
extern const unsigned long tp_tokenizer_starters_data_len;

int tkz_shared_init(tkz_shared *sh, const char *const *extra, size_t nextra)
{
    memset(sh, 0, sizeof *sh);
    sh->split_contractions = true;
    int rc = tkz_lexicon_init(&sh->abbreviations, 256 + nextra);
    if (!rc)
        rc = tkz_lexicon_init(&sh->starters, 256);
    if (!rc)
        rc = tkz_lexicon_load_text(&sh->abbreviations, tp_tokenizer_abbreviations_data,
                                   tp_tokenizer_abbreviations_data_len, TKZ_ABBR_PLAIN);
    if (!rc)
        rc = tkz_lexicon_load_text(&sh->starters, tp_tokenizer_starters_data,
                                   tp_tokenizer_starters_data_len, 1);
    for (size_t i = 0; !rc && i < nextra; i++) {
        const char *a = extra[i];
        size_t len = strlen(a);
        while (len && (*a == ' ' || *a == '\t')) {
            a++;
            len--;
        }
        while (len && (a[len - 1] == ' ' || a[len - 1] == '\t'))
            len--;
        rc = tkz_lexicon_add(&sh->abbreviations, a, len, TKZ_ABBR_PLAIN);
    }
    if (rc)
        tkz_shared_free(sh);
    return rc;
}

void tkz_shared_free(tkz_shared *sh)
{
    tkz_lexicon_free(&sh->abbreviations);
    tkz_lexicon_free(&sh->starters);
}
