/* summary_refs.c - openers that point back to something said before. */
#include "summary_refs.h"

#include <string.h>

/* Subject pronouns and determiners that stand for a person or thing named
 * earlier. */
static const char *const pronouns[] = {"he", "she", "they", "it", "his", "her",
                                       "their", "its", "this", "these", "those"};

/* Nouns that, after "the", stand for someone or something a news story has
 * named before: "The minister said ...", "The company added ...". */
static const char *const roles[] = {
    "minister", "president", "spokesman", "spokeswoman", "spokesperson", "official",
    "officials", "company", "firm", "group", "government", "agency", "leader",
    "chairman", "chief", "secretary", "ministry", "department", "statement", "report",
    "club", "player", "singer", "star", "band", "actor", "actress", "manager",
    "coach", "boss", "organisation",
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

_Static_assert(COUNT(pronouns) <= 16, "tp_summary_refs.pronouns is too small");
_Static_assert(COUNT(roles) <= 48, "tp_summary_refs.roles is too small");

static size_t keys_of(const char *const *words, size_t n, uint64_t *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = tp_word_key(words[i], strlen(words[i]));
    return n;
}

void tp_summary_refs_init(tp_summary_refs *refs)
{
    refs->npronouns = keys_of(pronouns, COUNT(pronouns), refs->pronouns);
    refs->nroles = keys_of(roles, COUNT(roles), refs->roles);
    refs->the = tp_word_key("the", 3);
}

static bool has_key(const uint64_t *set, size_t n, uint64_t key)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == key)
            return true;
    return false;
}

bool tp_summary_refs_opens(const tp_summary_refs *refs, const tp_token *toks,
                           const uint64_t *keys, const tp_sentence *s)
{
    /* The first word, past any opening quotation mark or dash. */
    uint32_t t = s->tok_start;
    while (t < s->tok_end && toks[t].kind != TP_TOK_WORD)
        t++;
    if (t >= s->tok_end)
        return false;
    if (has_key(refs->pronouns, refs->npronouns, keys[t]))
        return true;
    return keys[t] == refs->the && t + 1 < s->tok_end && toks[t + 1].kind == TP_TOK_WORD &&
           has_key(refs->roles, refs->nroles, keys[t + 1]);
}
