/* context.c -- what surrounds a gazetteer name: the head phrase that
 * extends it ("Patriot air defense system", "Bradley fighting vehicles")
 * and the rules that decide whether an ambiguous name ("Patriot", "Hawk",
 * "Bradley", "Challenger") is a weapon here: capitals, no title or
 * reporting verb beside it, no capitalised neighbour, a head that fits its
 * category, and weapon words in its sentence.
 */
#include <stdint.h>
#include <string.h>

#include "weapons.h"

static const char *const heads[] = {
    "aircraft",   "artillery", "batteries", "battery",  "bomb",       "bomber",     "bombers",
    "bombs",      "cannon",    "cannons",   "carrier",  "carriers",   "complex",    "complexes",
    "corvette",   "corvettes", "destroyer", "destroyers", "drone",    "drones",     "fighter",
    "fighters",   "frigate",   "frigates",  "grenade",  "grenades",   "gun",        "gunship",
    "gunships",   "guns",      "helicopter", "helicopters", "howitzer", "howitzers", "interceptor",
    "interceptors", "jet",     "jets",      "launcher", "launchers",  "missile",    "missiles",
    "mortar",     "mortars",   "munition",  "munitions", "plane",     "planes",     "platform",
    "platforms",  "rifle",
    "rifles",     "rocket",    "rockets",   "round",    "rounds",     "shell",      "shells",
    "ship",       "ships",     "submarine", "submarines", "system",   "systems",    "tank",
    "tanks",      "torpedo",   "torpedoes", "vehicle",  "vehicles",   "vessel",     "vessels",
    "warhead",    "warheads",  "warplane",  "warplanes", "warship",   "warships",   NULL,
};

/* Abbreviations used as heads when written in capitals: "Bradley IFV",
 * "Grad MLRS", "Orlan UAVs" (but not "Hawk Sam"). */
static const char *const abbreviation_heads[] = {
    "apc", "apcs", "atgm", "atgms", "ifv", "ifvs", "manpads", "mlrs", "mrap", "mraps",
    "sam", "sams", "spg", "spgs", "uav", "uavs", "ucav", "ucavs", NULL,
};

static int abbreviation_head(const qry_doc_view *doc, size_t t)
{
    const qry_token *k = &doc->tokens[t];
    const char *w = doc->text + k->start;
    return k->end - k->start >= 3 && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'A' && w[1] <= 'Z' &&
           wpn_tok_in(doc, t, abbreviation_heads);
}

static const char *const modifiers[] = {
    "aerial",    "air",       "aircraft",  "amphibious", "anti",      "armored",   "armoured",
    "assault",   "attack",    "ballistic", "battle",    "combat",    "cruise",    "defence",
    "defense",   "drone",     "extended",  "fighter",   "fighting",  "ground",    "guided",
    "heavy",     "hypersonic", "infantry",  "interceptor", "jet",       "kamikaze",  "launch",
    "light",     "loitering", "long",      "main",      "medium",    "missile",   "mobile",
    "multi",     "multiple",  "multirole", "naval",     "personnel", "precision", "propelled",
    "radiation", "range",     "recon",     "reconnaissance", "rocket",    "role",      "sea",
    "self",      "ship",      "short",     "stealth",   "strategic", "strike",    "supersonic",
    "surface",   "tactical",  "tank",      "to",        "towed",     "tracked",   "transport",
    "unmanned",  "utility",   "wheeled",   NULL,
};

int wpn_tok_is_modifier(const qry_doc_view *doc, size_t t) { return wpn_tok_in(doc, t, modifiers); }

static const char *const titles[] = {
    "adm", "admiral", "agent", "airman", "brig", "brother", "capt", "captain", "cdr", "chief",
    "cmdr", "coach", "col", "colonel", "cpl", "detective", "dr", "ens", "father", "gen", "general",
    "gov", "governor", "judge", "justice", "king", "lady", "lieutenant", "lord", "lt", "maj",
    "major", "mayor", "minister", "miss", "mr", "mrs", "ms", "officer", "pfc", "pope", "president",
    "prince", "princess", "prof", "professor", "pvt", "queen", "rep", "rev", "saint", "seaman",
    "secretary", "sen", "senator", "sergeant", "sgt", "sir", "sister", "spc", "ssgt", "st", NULL,
};

/* Capitalised words that may precede an ambiguous name ("German Leopard"). */
static const char *const demonyms[] = {
    "american", "australian", "austrian", "belarusian", "belgian", "british",  "bulgarian",
    "canadian", "chinese",    "croatian", "czech",      "danish",  "dutch",    "egyptian",
    "emirati",  "estonian",   "eu",       "finnish",    "french",  "german",   "greek",
    "hungarian", "indian",    "iranian",  "iraqi",      "israeli", "italian",  "japanese",
    "korean",   "latvian",    "lithuanian", "nato",     "norwegian", "pakistani", "polish",
    "portuguese", "qatari",   "romanian", "russian",    "saudi",   "slovak",   "slovenian",
    "soviet",   "spanish",    "swedish",  "swiss",      "syrian",  "taiwanese", "turkish",
    "uk",       "ukrainian",  "us",       "usa",        "western", NULL,
};

/* Reporting verbs: a name next to one is a person ("Abrams said"). */
static const char *const speech_verbs[] = {
    "acknowledged", "added",  "admitted", "argued",  "asked",    "believes", "claimed", "denied",
    "explained",    "insisted", "noted",  "replied", "said",     "says",     "stated",  "suggested",
    "testified",    "thinks", "told",     "tweeted", "wrote",    NULL,
};

/* Words that make a sentence about weapons. */
static const char *const context_words[] = {
    "airstrike",  "airstrikes", "ammunition", "armed",      "armored",    "armoured",  "arms",
    "army",       "artillery",  "batteries",  "battery",    "battlefield", "combat",   "deliveries",
    "delivery",   "downed",     "drone",      "drones",     "fighter",    "fighters",  "fired",
    "helicopter", "helicopters", "howitzer",  "howitzers",  "intercept",  "intercepted", "interceptor",
    "interceptors", "jet",      "jets",       "launcher",   "launchers",  "military",  "missile",
    "missiles",   "munitions",  "navy",       "pentagon",   "shells",
    "soldiers",   "tank",       "tanks",      "troops",     "warplane",   "warplanes", "warship",
    "warships",   "weapon",     "weaponry",   "weapons",    NULL,
};

/* A head phrase is up to six words of modifiers ("medium-range", "anti-tank",
 * "air defense", "self-propelled") ending in a head noun ("system",
 * "missiles", "tanks"); "and" only inside "anti-X and anti-Y". "jet" is both
 * ("F-16 jet", "F-16 jet fighters"). */
size_t wpn_head_extension(const qry_doc_view *doc, size_t e)
{
    const size_t n = doc->n_tokens;
    size_t best = e, t = e, words = 0;
    while (t < n && words < 6) {
        const qry_token *k = &doc->tokens[t];
        /* a wrapped line may go on with the head ("F-14A\naircraft"): the
         * core keeps the lines of a hard-wrapped sentence in one sentence */
        if (!wpn_tok_same_sentence(doc, e - 1, t))
            break;
        if (wpn_tok_is_hyphen(doc, t)) {
            /* only a hyphen glued inside a word pair: "anti-tank", "self-propelled" */
            if (t == e || (k->flags & QRY_TOK_SPACE_BEFORE) || t + 1 >= n ||
                (doc->tokens[t + 1].flags & QRY_TOK_SPACE_BEFORE))
                break;
            t++;
            continue;
        }
        if (!(k->flags & QRY_TOK_WORD) || (t == e && !(k->flags & QRY_TOK_SPACE_BEFORE)))
            break;
        int head = wpn_tok_in(doc, t, heads) || abbreviation_head(doc, t);
        int mod = wpn_tok_in(doc, t, modifiers);
        if (head && wpn_tok_end_ok(doc, t) &&
            !(t + 1 < n && wpn_tok_is_hyphen(doc, t + 1) && !(doc->tokens[t + 1].flags & QRY_TOK_SPACE_BEFORE)))
            best = t + 1;
        if (head && !mod)
            break;
        if (!head && !mod) {
            /* "anti-missile and anti-drone system" */
            if (!(wpn_tok_eq(doc, t, "and") && t + 1 < n && wpn_tok_eq(doc, t + 1, "anti")))
                break;
        }
        words++;
        t++;
    }
    return best;
}

static int sentence_has_context(const qry_doc_view *doc, size_t from, size_t to)
{
    uint32_t s = doc->tokens[from].sentence;
    size_t a = from;
    while (a > 0 && doc->tokens[a - 1].sentence == s)
        a--;
    for (size_t t = a; t < doc->n_tokens && doc->tokens[t].sentence == s; t++) {
        if (t >= from && t < to)
            continue;
        if (wpn_tok_in(doc, t, context_words))
            return 1;
        /* "air defense", "air defence" */
        if (wpn_tok_eq(doc, t, "air") && t + 1 < doc->n_tokens &&
            (wpn_tok_eq(doc, t + 1, "defense") || wpn_tok_eq(doc, t + 1, "defence")))
            return 1;
    }
    return 0;
}

/* Previous WORD token of t in the same sentence, skipping one '.', or SIZE_MAX. */
static size_t prev_word(const qry_doc_view *doc, size_t t)
{
    if (t == 0 || !wpn_tok_same_sentence(doc, t, t - 1))
        return SIZE_MAX;
    size_t p = t - 1;
    if ((doc->tokens[p].flags & QRY_TOK_PUNCT) && doc->text[doc->tokens[p].start] == '.' && p > 0 &&
        wpn_tok_same_sentence(doc, p, p - 1))
        p--;
    return (doc->tokens[p].flags & QRY_TOK_WORD) ? p : SIZE_MAX;
}


/* Token p is the last letter of a dotted abbreviation ("U.S.", "U.K."), not a
 * middle initial ("Isiah L. Booker"). */
static int abbreviation(const qry_doc_view *doc, size_t p)
{
    return doc->tokens[p].end - doc->tokens[p].start == 1 && p >= 2 &&
           (doc->tokens[p - 1].flags & QRY_TOK_PUNCT) && doc->text[doc->tokens[p - 1].start] == '.' &&
           doc->tokens[p - 2].end - doc->tokens[p - 2].start == 1 && (doc->tokens[p - 2].flags & QRY_TOK_UPPER);
}

/* Token p belongs to a designation: it holds a digit ("9P149") or is a
 * suffix glued to one ("KC-135R" = "135" + "R"). */
static int designation(const qry_doc_view *doc, size_t p)
{
    return wpn_tok_has_digit(doc, p) ||
           (p > 0 && !(doc->tokens[p].flags & QRY_TOK_SPACE_BEFORE) && wpn_tok_has_digit(doc, p - 1));
}

static int sentence_initial(const qry_doc_view *doc, size_t t)
{
    return t == 0 || !wpn_tok_same_sentence(doc, t, t - 1) || (doc->tokens[t].flags & QRY_TOK_NEWLINE_BEFORE);
}

/* Heads that tell what a name is: a "Challenger jet" is no tank, "Su-34
 * bombs" are no aircraft, "Su-25 missiles" the aircraft's missiles. Heads
 * not listed fit every category. */
typedef struct head_fit {
    const char *head;     /* singular; an 's'/'es' plural is accepted too */
    const char *cats[5];  /* the categories it fits */
} head_fit;

static const head_fit head_fits[] = {
    {"aircraft", {"aircraft"}},
    {"airplane", {"aircraft"}},
    {"apc", {"armor"}},
    {"atgm", {"missile", "armor"}},
    {"battery", {"air_defense", "artillery", "missile"}},
    {"batterie", {"air_defense", "artillery", "missile"}},
    {"bomb", {"ammunition", "nuclear"}},
    {"bomber", {"aircraft"}},
    {"cannon", {"artillery", "air_defense"}},
    {"carrier", {"armor", "naval"}},
    {"corvette", {"naval"}},
    {"destroyer", {"naval"}},
    {"drone", {"drone"}},
    {"fighter", {"aircraft"}},
    {"frigate", {"naval"}},
    {"grenade", {"small_arms"}},
    {"gun", {"artillery", "air_defense", "small_arms", "armor"}},
    {"gunship", {"aircraft"}},
    {"helicopter", {"aircraft"}},
    {"howitzer", {"artillery"}},
    {"ifv", {"armor"}},
    {"interceptor", {"air_defense", "missile"}},
    {"jet", {"aircraft"}},
    {"manpads", {"air_defense"}},
    {"mlrs", {"artillery"}},
    {"missile", {"missile", "air_defense", "nuclear", "naval", "artillery"}},
    {"mortar", {"artillery"}},
    {"mrap", {"armor"}},
    {"munition", {"ammunition", "drone"}},
    {"plane", {"aircraft"}},
    {"rifle", {"small_arms"}},
    {"sam", {"air_defense"}},
    {"spg", {"artillery"}},
    {"rocket", {"artillery", "ammunition", "missile", "air_defense"}},
    {"round", {"ammunition", "artillery"}},
    {"shell", {"ammunition", "artillery"}},
    {"ship", {"naval"}},
    {"submarine", {"naval", "nuclear"}},
    {"tank", {"armor"}},
    {"torpedo", {"naval", "nuclear"}},
    {"uav", {"drone"}},
    {"ucav", {"drone"}},
    {"vehicle", {"armor", "air_defense", "artillery", "missile"}},
    {"vessel", {"naval"}},
    {"warplane", {"aircraft"}},
    {"warship", {"naval"}},
};

/* See weapons.h. */
int wpn_head_fits(const qry_doc_view *doc, size_t t, const char *cat)
{
    const qry_token *k = &doc->tokens[t];
    size_t n = k->end - k->start;
    char w[24];
    if (n >= sizeof w)
        return 1;
    for (size_t i = 0; i < n; i++) {
        char c = doc->text[k->start + i];
        w[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    w[n] = '\0';
    for (size_t i = 0; i < sizeof head_fits / sizeof head_fits[0]; i++) {
        size_t hl = strlen(head_fits[i].head);
        int same = (n == hl || (n == hl + 1 && w[hl] == 's') || (n == hl + 2 && w[hl] == 'e' && w[hl + 1] == 's')) &&
                   memcmp(w, head_fits[i].head, hl) == 0;
        if (!same)
            continue;
        for (size_t c = 0; c < 5 && head_fits[i].cats[c]; c++)
            if (strcmp(head_fits[i].cats[c], cat) == 0)
                return 1;
        return 0;
    }
    return 1;
}

/* Nouns after a name that make it a civilian thing ("Challenger business
 * jet", "Patriot Act" is caught by the capital, "Lancet journal"). */
static const char *const civil_next[] = {
    "act",      "album",   "band",     "bill",      "brand",  "business", "car",     "club",
    "commuter", "disaster", "executive", "fans",    "film",   "game",     "hotel",   "journal",
    "law",      "league",  "magazine", "movie",     "passenger", "player", "players", "private",
    "season",   "shuttle", "song",     "space",     "stadium", "team",    NULL,
};

/* See weapons.h. */
int wpn_ambiguous_ok(const qry_doc_view *doc, size_t i, size_t e, size_t h, const char *cat, int *context)
{
    if (!(doc->tokens[i].flags & (QRY_TOK_CAP | QRY_TOK_UPPER)))
        return 0;
    if (h > e && !wpn_head_fits(doc, h - 1, cat))
        return 0;
    if (e < doc->n_tokens && wpn_tok_same_sentence(doc, e - 1, e) && wpn_tok_in(doc, e, civil_next))
        return 0;
    /* a hyphenated given name: "Tor-Aksel" */
    if (e + 1 < doc->n_tokens && wpn_tok_is_hyphen(doc, e) && !(doc->tokens[e].flags & QRY_TOK_SPACE_BEFORE) &&
        !(doc->tokens[e + 1].flags & QRY_TOK_SPACE_BEFORE) && (doc->tokens[e + 1].flags & QRY_TOK_CAP) &&
        doc->tokens[e + 1].end - doc->tokens[e + 1].start >= 3 && !wpn_tok_has_digit(doc, e + 1))
        return 0;
    size_t p = prev_word(doc, i);
    if (p != SIZE_MAX && (((doc->tokens[p].flags & QRY_TOK_CAP) && wpn_tok_in(doc, p, titles)) ||
                          wpn_tok_in(doc, p, speech_verbs)))
        return 0;
    if (e < doc->n_tokens && wpn_tok_same_sentence(doc, e - 1, e) && wpn_tok_in(doc, e, speech_verbs))
        return 0;
    if (h > e) {
        *context = 1;
        return 1;
    }
    if (p != SIZE_MAX && (doc->tokens[p].flags & QRY_TOK_CAP) && !sentence_initial(doc, p) &&
        !wpn_tok_in(doc, p, demonyms) && !abbreviation(doc, p) && !designation(doc, p))
        return 0;
    if (e < doc->n_tokens && wpn_tok_same_sentence(doc, e - 1, e) && (doc->tokens[e].flags & QRY_TOK_CAP) &&
        !(doc->tokens[e].flags & QRY_TOK_NEWLINE_BEFORE))
        return 0;
    *context = sentence_has_context(doc, i, e);
    return 1;
}
