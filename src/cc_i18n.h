/*
 * nginx-cookie-consent: the texts of the banner and of the preferences
 * page in the 24 official languages of the EU, and the choice of the
 * language for a response.
 *
 * Languages are small integers (CC_I18N_BG ... CC_I18N_SV, in the
 * alphabetical order of their ISO 639-1 codes); texts are UTF-8, plain
 * text (the caller escapes them for HTML), never NULL and never empty: a
 * text missing in a language is the English one.
 *
 * Plain C99, no nginx headers, no allocation.
 */

#ifndef CC_I18N_H
#define CC_I18N_H

#include <stddef.h>


/*
 * Not exported from the module's shared object: nginx loads modules
 * RTLD_GLOBAL, where these names could meet another module's.
 */
#pragma GCC visibility push(hidden)


#define CC_I18N_BG            0
#define CC_I18N_CS            1
#define CC_I18N_DA            2
#define CC_I18N_DE            3
#define CC_I18N_EL            4
#define CC_I18N_EN            5
#define CC_I18N_ES            6
#define CC_I18N_ET            7
#define CC_I18N_FI            8
#define CC_I18N_FR            9
#define CC_I18N_GA            10
#define CC_I18N_HR            11
#define CC_I18N_HU            12
#define CC_I18N_IT            13
#define CC_I18N_LT            14
#define CC_I18N_LV            15
#define CC_I18N_MT            16
#define CC_I18N_NL            17
#define CC_I18N_PL            18
#define CC_I18N_PT            19
#define CC_I18N_RO            20
#define CC_I18N_SK            21
#define CC_I18N_SL            22
#define CC_I18N_SV            23
#define CC_I18N_NLANGS        24


/* text ids */
#define CC_I18N_TITLE         0    /* the banner's heading */
#define CC_I18N_INTRO         1    /* one sentence */
#define CC_I18N_ACCEPT_ALL    2
#define CC_I18N_REJECT_ALL    3
#define CC_I18N_SETTINGS      4    /* opens the categories */
#define CC_I18N_SAVE          5    /* "Save choices" */
#define CC_I18N_CLOSE         6    /* the close control; closing rejects */
#define CC_I18N_REOPEN        7    /* "Cookie settings", after a decision */
#define CC_I18N_POLICY        8    /* the privacy policy link */
#define CC_I18N_ALWAYS_ON     9    /* next to "necessary" */
#define CC_I18N_CATEGORIES    10   /* the legend of the checkboxes */
#define CC_I18N_NECESSARY     11   /* category labels, each followed */
#define CC_I18N_NECESSARY_P   12   /* by its one-line purpose */
#define CC_I18N_PREFERENCES   13
#define CC_I18N_PREFERENCES_P 14
#define CC_I18N_ANALYTICS     15
#define CC_I18N_ANALYTICS_P   16
#define CC_I18N_MARKETING     17
#define CC_I18N_MARKETING_P   18
#define CC_I18N_BLOCKED       19   /* placeholder of a blocked embed,
                                      followed by the category label */
#define CC_I18N_ALLOW         20   /* the placeholder's button */
#define CC_I18N_SAVED         21   /* preferences page, decided visitor */
#define CC_I18N_UNDECIDED     22   /* preferences page, undecided */
#define CC_I18N_GPC           23   /* Sec-GPC honoured: banner, page */
#define CC_I18N_GPC_CONFIRM   24   /* Accept all with Sec-GPC: confirm */
#define CC_I18N_GPC_ACCEPT    25   /* its button */
#define CC_I18N_BACK          26   /* preferences page: back to the page */
#define CC_I18N_DECL_TITLE    27   /* the cookie declaration: heading */
#define CC_I18N_DECL_INTRO    28   /* what it lists */
#define CC_I18N_DECL_COOKIE   29   /* column: the cookie's name */
#define CC_I18N_DECL_PROVIDER 30   /* column: its vendor */
#define CC_I18N_DECL_LIFETIME 31   /* column: its lifetime in days */
#define CC_I18N_DECL_SESSION  32   /* a lifetime: the session */
#define CC_I18N_DECL_LAST     33   /* column: when last seen */
#define CC_I18N_DECL_UNCLASSIFIED 34 /* cookies no rule classifies */
#define CC_I18N_DECL_NONE     35   /* a category without cookies */
#define CC_I18N_DECL_COOKIES  36   /* a category's cookies, folded */
#define CC_I18N_DECL_THIRD    37   /* a category's services (third
                                      parties), in the declaration */
#define CC_I18N_NTEXTS        38


/* the most Accept-Language entries looked at; later ones are ignored */
#define CC_I18N_MAX_ENTRIES   32


/*
 * The language of a tag: "nl", "nl-BE", "NL_be" -> CC_I18N_NL; the
 * primary subtag decides, letter case does not matter, surrounding
 * spaces are ignored.  The common mistakes "cz", "gr" and "dk" stand for
 * cs, el and da.  -1 for anything else.
 */
int cc_i18n_lang(const unsigned char *code, size_t len);

/*
 * The language of a response: the page's <html lang> when it is one of
 * ours, else the best of Accept-Language (highest q; equal q: the first
 * in the header; q=0: not acceptable; "fr-CA" counts as fr; unknown
 * languages are skipped; "*" stands for the fallback), else fallback.
 * Either input may be NULL or empty; any bytes are safe.  A fallback out
 * of range counts as CC_I18N_EN.
 */
int cc_i18n_choose(const unsigned char *html_lang, size_t len,
    const unsigned char *accept_language, size_t alen, int fallback);

/* "en", ...; "en" for a language out of range */
const char *cc_i18n_code(int lang);

/*
 * A text: never NULL; English when the language is out of range or has
 * no such text; "" only for a text id out of range.
 */
const char *cc_i18n_text(int lang, int text_id);

/*
 * The label (purpose == 0) or purpose (purpose != 0) of a built-in
 * category ("necessary", "preferences", "analytics", "marketing",
 * exact lowercase name), NULL for any other name.
 */
const char *cc_i18n_category(int lang, const unsigned char *name,
    size_t len, int purpose);

#pragma GCC visibility pop

#endif /* CC_I18N_H */
