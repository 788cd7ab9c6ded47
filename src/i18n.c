/* i18n.c: locale and message catalogue set-up (see i18n.h).
 *
 * Why LC_NUMERIC stays "C": libconfig parses "1.5" with strtod, and
 * outputs (PDF, ICS, JSON) print numbers with printf; under de_DE both
 * would use a decimal comma.  LC_TIME is not used for anything written
 * (dates are worded from the lang/ files), and pango is given its language by
 * each layout, so rendered outputs are the same bytes in every locale. */
#include "i18n.h"

#include <glib.h>
#include <locale.h>
#include <string.h>

#ifndef PLAKAT_LOCALEDIR
#error "PLAKAT_LOCALEDIR must be defined (the Makefile passes -DPLAKAT_LOCALEDIR)"
#endif

const char *i18n_pgettext(const char *ctx_and_text, const char *text)
{
        const char *t = gettext(ctx_and_text);
        return t == ctx_and_text ? text : t;
}

char *i18n_localedir_from(const char *exe)
{
        if (exe && g_path_is_absolute(exe)) {
                char *bindir = g_path_get_dirname(exe);
                /* make builds the catalogues into $(BUILD)/locale, beside
                 * $(BUILD)/plakat; make install into <prefix>/share/locale. */
                char *beside = g_build_filename(bindir, "locale", NULL);
                char *up = g_path_get_dirname(bindir);
                char *share = g_build_filename(up, "share", "locale", NULL);
                char *found = NULL;
                if (g_file_test(beside, G_FILE_TEST_IS_DIR))
                        found = g_strdup(beside);
                else if (g_file_test(share, G_FILE_TEST_IS_DIR))
                        found = g_strdup(share);
                g_free(share);
                g_free(up);
                g_free(beside);
                g_free(bindir);
                if (found)
                        return found;
        }
        return g_strdup(PLAKAT_LOCALEDIR);
}

void i18n_init(void)
{
        setlocale(LC_ALL, "");
        setlocale(LC_NUMERIC, "C");
        char *exe = g_file_read_link("/proc/self/exe", NULL);
        char *dir = i18n_localedir_from(exe);
        bindtextdomain("plakat", dir);
        bind_textdomain_codeset("plakat", "UTF-8");
        textdomain("plakat");
        g_free(dir);
        g_free(exe);
}

const char *i18n_open_quote(void)
{
        /* TRANSLATORS: the opening quotation mark around values in
         * messages; German: „ */
        return P_("quote", "\"");
}

const char *i18n_close_quote(void)
{
        /* TRANSLATORS: the closing quotation mark; German: “ */
        return P_("close quote", "\"");
}

const char *i18n_language(void)
{
        /* TRANSLATORS: the two-letter code (ISO 639-1) of this catalogue's
         * language: the lang attribute of report.html, and the description_
         * that plakat layouts, formats and themes show; German: de */
        return P_("language code", "en");
}

static const char *find_text(const struct i18n_texts *t, const char *lang)
{
        for (size_t i = 0; i < t->n; i++)
                if (strcmp(t->v[i].lang, lang) == 0)
                        return t->v[i].text;
        return NULL;
}

const char *i18n_texts_pick(const struct i18n_texts *t, const char *lang)
{
        const char *s = find_text(t, lang);
        if (!s)
                s = find_text(t, "en");
        if (!s)
                s = find_text(t, "");
        if (!s && t->n)
                s = t->v[0].text;
        return s ? s : "";
}

void i18n_texts_clear(struct i18n_texts *t)
{
        if (!t)
                return;
        for (size_t i = 0; i < t->n; i++)
                g_free(t->v[i].text);
        g_free(t->v);
        t->v = NULL;
        t->n = 0;
}

const char *i18n_weekday_name(int w)
{
        static const char *const names[] = {
                N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
        };
        g_assert(w >= 1 && w <= 7);
        return _(names[w - 1]);
}

const char *i18n_month_name(int m)
{
        static const char *const names[] = {
                N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
                N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December"),
        };
        g_assert(m >= 1 && m <= 12);
        return _(names[m - 1]);
}
