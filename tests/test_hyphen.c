/* test_hyphen.c: soft hyphens land at syllables in German and English, in
 * the original letters, and Pango breaks a narrow line there with a
 * visible hyphen; URLs, addresses, numbers and short words stay as they
 * are. */
#include "testlib.h"

#include "../src/hyphen.h" /* by path: <hyphen.h> would be libhyphen's */

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <glib/gstdio.h>
#include <string.h>


#define SHY "\xC2\xAD"

/* h (freed here) with each soft hyphen shown as '='. */
static char *marked(char *h)
{
        char **parts = g_strsplit(h, SHY, -1);
        char *s = g_strjoinv("=", parts);
        g_strfreev(parts);
        g_free(h);
        return s;
}

/* hyphen_text with each soft hyphen shown as '='. */
static char *shown(const char *text, const char *lang)
{
        return marked(hyphen_text(text, lang));
}

static void check(const char *lang, const char *text, const char *want)
{
        char *got = shown(text, lang);
        g_assert_cmpstr(got, ==, want);
        g_free(got);
}

static void test_german(void)
{
        check("de", "Nachbarschaftshilfegemeinschaft", "Nach=bar=schafts=hil=fe=ge=mein=schaft");
        /* At least three letters before a break, four after it. */
        check("de", "Größenordnungen", "Grö=ßen=ord=nungen");
        check("de", "Zuckerbäckerei", "Zucker=bä=ckerei");
        /* Capitals are kept; the patterns see lower case. */
        check("de", "STRASSENFESTIVAL", "STRAS=SEN=FES=TIVAL");
        /* Punctuation around words, several words. */
        check("de", "Treffen im (Gemeinschaftsgarten), jeden Donnerstag!",
              "Treffen im (Gemein=schafts=garten), jeden Don=nerstag!");
}

/* Joints only: a compound breaks where its words meet. */
static void test_joints(void)
{
        char *h = hyphen_joints("Nachbarschaftshilfegemeinschaftsgartenprojektgruppe", "de");
        char **parts = g_strsplit(h, SHY, -1);
        char *got = g_strjoinv("=", parts);
        g_assert_cmpstr(got, ==, "Nachbarschafts=hilfe=gemeinschafts=garten=projekt=gruppe");
        g_free(got);
        g_strfreev(parts);
        g_free(h);
        /* No joint known: unchanged; no joints in English. */
        h = hyphen_joints("Zuckerbäckerei", "de");
        g_assert_cmpstr(h, ==, "Zuckerbäckerei");
        g_free(h);
        h = hyphen_joints("communication", "en");
        g_assert_cmpstr(h, ==, "communication");
        g_free(h);
}

/* hyphen_joints with each soft hyphen shown as '='. */
static char *shown_joints(const char *text, const char *lang)
{
        return marked(hyphen_joints(text, lang));
}

/* The character offsets after which s (with '=' for its breaks) breaks,
 * as a string of '0'/'1' per letter. */
static char *break_map(const char *s)
{
        GString *m = g_string_new(NULL);
        for (const char *p = s; *p; p = g_utf8_next_char(p)) {
                if (*p == '=')
                        m->str[m->len - 1] = '1';
                else
                        g_string_append_c(m, '0');
        }
        return g_string_free(m, FALSE);
}

/* Long compounds break at the German patterns' points (syllables) or, in
 * the joints pass, at a subset of them where words meet; never a letter
 * off ("genehm=igungs"), never within three letters of the start or four
 * of the end.  A compound of over 100 letters (plakat once left those
 * to Pango, which broke them anywhere) breaks at the same points as its
 * parts do on their own. */
static void test_long_compounds(void)
{
        static const struct {
                const char *word, *syllables, *joints;
        } cases[] = {
                { "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung",
                  "Grund=stücks=ver=kehrs=ge=neh=mi=gungs=zu=stän=dig=keits=über=tra=gungs=ver=ord=nung",
                  "Grundstücks=verkehrs=genehmigungs=zuständigkeits=übertragungs=verordnung" },
                { "Donaudampfschifffahrtsgesellschaftskapitän",
                  "Donau=dampf=schiff=fahrts=ge=sell=schafts=ka=pitän",
                  "Donaudampfschifffahrtsgesellschafts=kapitän" },
                { "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz",
                  "Rind=flei=sche=ti=ket=tie=rungs=über=wa=chungs=auf=ga=ben=über=tra=gungs=ge=setz",
                  "Rindfleischetikettierungs=überwachungs=aufgabenübertragungs=gesetz" },
        };
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
                check("de", cases[i].word, cases[i].syllables);
                char *j = shown_joints(cases[i].word, "de");
                g_assert_cmpstr(j, ==, cases[i].joints);
                char *sm = break_map(cases[i].syllables), *jm = break_map(j);
                g_assert_cmpuint(strlen(sm), ==, strlen(jm));
                for (size_t k = 0; jm[k]; k++)
                        if (jm[k] == '1')
                                g_assert_cmpint(sm[k], ==, '1'); /* a joint is a syllable point */
                size_t n = strlen(sm);
                for (size_t k = 0; k < n; k++)
                        if (sm[k] == '1')
                                g_assert_true(k >= 2 && k + 4 < n);
                g_free(sm);
                g_free(jm);
                g_free(j);
        }

        /* 112 letters: broken where its parts break. */
        const char *head = "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnungs";
        const char *tail = "gemeinschaftsvorsitzendenstellvertretung";
        char *word = g_strconcat(head, tail, NULL);
        char *got = shown(word, "de"), *want_head = shown(head, "de"), *want_tail = shown(tail, "de");
        g_assert_true(g_str_has_prefix(got, "Grund=stücks=ver=kehrs=ge=neh=mi=gungs=zu=stän=dig=keits="
                                            "über=tra=gungs=ver=ord=nungs="));
        g_assert_true(g_str_has_suffix(got, "=ge=mein=schafts=vor=sit=zen=den=stell=ver=tre=tung"));
        g_assert_true(g_str_has_prefix(got, want_head));
        /* the tail's own points, past its first (which the word alone has
         * no letters before) */
        g_assert_true(g_str_has_suffix(got, strchr(want_tail, '=') + 1));
        g_assert_null(strstr(got, "genehm=igungs"));
        char *gj = shown_joints(word, "de");
        g_assert_cmpstr(gj, ==, "Grundstücks=verkehrs=genehmigungs=zuständigkeits=übertragungs="
                                "verordnungs=gemeinschafts=vorsitzendenstellvertretung");
        g_free(gj);
        g_free(want_tail);
        g_free(want_head);
        g_free(got);
        g_free(word);
}

static void test_english(void)
{
        check("en", "communication", "com=mu=ni=ca=tion");
        check("en", "neighbourhood", "neigh=bour=hood");
        check("en", "Hyphenation", "Hyphen=ation");
        /* Multi-byte letters: libhyphen counts characters, not bytes. */
        check("en", "coöperation", "coöper=a=tion");
        check("en", "encyclopædia", "ency=clopædia");
}

static void test_left_alone(void)
{
        static const char *const same[] = {
                "https://nachbarschaftshilfe.example.org/anmeldung",
                "www.nachbarschaftshilfe.de",
                "info@nachbarschaftshilfe.de",
                "Nachbarschaftshilfe2027",
                "Nachbar" SHY "schaftshilfe", /* the writer chose already */
                "Haus Garten Abend",           /* under seven letters */
                "",
        };
        for (size_t i = 0; i < G_N_ELEMENTS(same); i++) {
                char *h = hyphen_text(same[i], "de");
                g_assert_cmpstr(h, ==, same[i]);
                g_free(h);
        }
        /* A language without patterns, or none. */
        char *h = hyphen_text("Nachbarschaftshilfegemeinschaft", "tr");
        g_assert_cmpstr(h, ==, "Nachbarschaftshilfegemeinschaft");
        g_free(h);
        h = hyphen_text("Nachbarschaftshilfegemeinschaft", NULL);
        g_assert_cmpstr(h, ==, "Nachbarschaftshilfegemeinschaft");
        g_free(h);
        /* A compound with '-': Pango breaks after it; long parts still get
         * their syllables. */
        check("de", "Gemeinschafts-Nachbarschaftshilfe", "Gemein=schafts-Nach=bar=schafts=hilfe");
        /* A huge "word" is not looked at; invalid UTF-8 comes back as is. */
        GString *big = g_string_new(NULL);
        for (int i = 0; i < 5000; i++)
                g_string_append(big, "ab");
        h = hyphen_text(big->str, "de");
        g_assert_cmpstr(h, ==, big->str);
        g_free(h);
        g_string_free(big, TRUE);
        h = hyphen_text("Nachbarschaft\xff", "de");
        g_assert_cmpstr(h, ==, "Nachbarschaft\xff");
        g_free(h);
}

/* The text of one line of the layout, soft hyphens included. */
static char *line_text(PangoLayout *layout, PangoLayoutLine *line)
{
        const char *text = pango_layout_get_text(layout);
        return g_strndup(text + line->start_index, (gsize)line->length);
}

static void test_pango_breaks(void)
{
        /* plakat's fonts only, like fonts.c, without parsing a config. */
        FcConfig *config = FcConfigCreate();
        g_assert_true(FcConfigAppFontAddDir(config, (const FcChar8 *)"fonts"));
        /* cairo asks fontconfig's current configuration too: make it ours,
         * or the system's gets parsed (and fontconfig leaks a little). */
        FcConfigSetCurrent(config);
        PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
        pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
        PangoContext *ctx = pango_font_map_create_context(map);
        PangoLayout *layout = pango_layout_new(ctx);
        PangoFontDescription *fd = pango_font_description_from_string("Inter 20");
        pango_layout_set_font_description(layout, fd);
        pango_font_description_free(fd);
        pango_layout_set_width(layout, (int)(40 / 25.4 * 72 * PANGO_SCALE)); /* 40 mm */
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD);

        char *h = hyphen_text("Nachbarschaftshilfegemeinschaft", "de");
        pango_layout_set_text(layout, h, -1);
        int n = pango_layout_get_line_count(layout);
        g_assert_cmpint(n, >=, 2);
        /* Every line but the last ends at a syllable, with a soft hyphen
         * (which Pango 1.50 draws as '-' at a break). */
        static const char *const syllables[] = { "Nach", "bar", "schafts", "hil", "fe", "ge", "mein", "schaft" };
        GString *joined = g_string_new(NULL);
        for (int i = 0; i < n; i++) {
                PangoLayoutLine *line = pango_layout_get_line_readonly(layout, i);
                char *t = line_text(layout, line);
                g_test_message("line %d: %s", i, t);
                if (i < n - 1)
                        g_assert_true(g_str_has_suffix(t, SHY));
                char **parts = g_strsplit(t, SHY, -1);
                char *plain = g_strjoinv("", parts);
                g_strfreev(parts);
                g_string_append(joined, plain);
                if (i < n - 1) {
                        /* The line ends with whole syllables. */
                        bool at_syllable = false;
                        for (size_t k = 0; k < G_N_ELEMENTS(syllables); k++)
                                at_syllable |= g_str_has_suffix(plain, syllables[k]);
                        g_assert_true(at_syllable);
                }
                g_free(plain);
                g_free(t);
        }
        g_assert_cmpstr(joined->str, ==, "Nachbarschaftshilfegemeinschaft");
        g_string_free(joined, TRUE);

        /* The hyphen is drawn: the first line is wider with its break than
         * the same letters without one. */
        PangoRectangle with, without;
        pango_layout_line_get_extents(pango_layout_get_line_readonly(layout, 0), NULL, &with);
        PangoLayoutLine *first = pango_layout_get_line_readonly(layout, 0);
        char *t = line_text(layout, first);
        char **parts = g_strsplit(t, SHY, -1);
        char *plain = g_strjoinv("", parts);
        g_strfreev(parts);
        PangoLayout *bare = pango_layout_copy(layout);
        pango_layout_set_width(bare, -1);
        pango_layout_set_text(bare, plain, -1);
        pango_layout_line_get_extents(pango_layout_get_line_readonly(bare, 0), NULL, &without);
        g_assert_cmpint(with.width, >, without.width);
        g_object_unref(bare);
        g_free(plain);
        g_free(t);

        g_free(h);
        g_object_unref(layout);
        g_object_unref(ctx);
        g_object_unref(map);
        FcConfigDestroy(config);
}

static void test_dictionary_dir(void)
{
        /* PLAKAT_HYPHEN_DIR points at the patterns; after hyphen_cleanup
         * they are looked up again. */
        hyphen_cleanup();
        g_setenv("PLAKAT_HYPHEN_DIR", "/nonexistent", TRUE);
        char *h = hyphen_text("Nachbarschaftshilfegemeinschaft", "de");
        g_assert_cmpstr(h, ==, "Nachbarschaftshilfegemeinschaft");
        g_free(h);
        hyphen_cleanup();
        g_unsetenv("PLAKAT_HYPHEN_DIR");
        /* English: German patterns take seconds to load, once is enough. */
        check("en", "communication", "com=mu=ni=ca=tion");
}

static const char *const cache_words[] = {
        "communication", "neighbourhood", "Hyphenation", "coöperation", "encyclopædia",
        "Treffen im (Gemeinschaftsgarten), jeden Donnerstag!",
};

/* Every cache_words hyphenated, joined by "|". */
static char *all_shown(void)
{
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < G_N_ELEMENTS(cache_words); i++) {
                char *h = shown(cache_words[i], "en");
                g_string_append_printf(s, "%s|", h);
                g_free(h);
        }
        return g_string_free(s, FALSE);
}

/* The user's compiled English patterns: the one file in XDG_CACHE_HOME/plakat. */
static char *cache_file(void)
{
        char *dir = g_build_filename(g_getenv("XDG_CACHE_HOME"), "plakat", NULL);
        GDir *gd = g_dir_open(dir, 0, NULL);
        g_assert_nonnull(gd);
        char *path = NULL;
        const char *name;
        while ((name = g_dir_read_name(gd)))
                if (g_str_has_prefix(name, "hyph_en_US.dic-")) {
                        g_assert_null(path);
                        path = g_build_filename(dir, name, NULL);
                }
        g_dir_close(gd);
        g_free(dir);
        g_assert_nonnull(path);
        return path;
}

/* Where the levels start in a compiled file: magic, digest, identity. */
static size_t body_offset(const unsigned char *data)
{
        int idlen;
        memcpy(&idlen, data + 16 + 32, sizeof idlen);
        return 16 + 32 + 4 + (size_t)idlen;
}

/* A compiled file damaged in any byte is never used: the hyphenation
 * stays exactly that of libhyphen's own load, nothing crashes (the
 * sanitizer build runs this), and the cache is written anew.  Every case
 * here was accepted before the file carried its checksum, and the 4-byte
 * change and the bit flips in the transitions crashed libhyphen. */
static void test_cache_damage(void)
{
        hyphen_cleanup();
        char *first = all_shown();
        g_assert_cmpint(hyphen_loaded_from("en"), ==, HYPHEN_FROM_PATTERNS);
        char *path = cache_file();
        gchar *clean;
        gsize len;
        g_assert_true(g_file_get_contents(path, &clean, &len, NULL));
        hyphen_cleanup();
        char *again = all_shown();
        g_assert_cmpstr(again, ==, first);
        g_free(again);
        g_assert_cmpint(hyphen_loaded_from("en"), ==, HYPHEN_FROM_CACHE);

        size_t body = body_offset((const unsigned char *)clean);
        g_assert_cmpuint(body, <, len);
        struct {
                const char *what;
                size_t at;
                unsigned char xor[4];
        } cases[] = {
                { "a byte of the magic", 3, { 0x01 } },
                { "a bit of the digest", 16 + 5, { 0x10 } },
                { "the identity's plakat version", 16 + 32 + 4 + 8, { 0x01 } },
                { "the minimum fragment lengths", body + 1, { 0x01 } },
                { "the charset name", body + 4 + 2, { 0x20 } },
                { "the charset name's end", body + 4 + 10, { 0x41 } },
                /* Low bytes of ints in the state table stay in range. */
                { "4 bytes in the transition table", len / 2, { 0x01, 0x00, 0x00, 0x00 } },
                { "4 bytes near the end", len - 40, { 0x02, 0x01, 0x00, 0x00 } },
                { "a bit in the transitions", len / 3, { 0x04 } },
                { "a bit in the transitions", (len * 2) / 3 + 1, { 0x80 } },
                { "the last byte", len - 1, { 0x01 } },
        };
        for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
                char *bad = g_memdup2(clean, len);
                for (size_t k = 0; k < 4 && cases[c].at + k < len; k++)
                        bad[cases[c].at + k] ^= (char)cases[c].xor[k];
                g_assert_true(g_file_set_contents(path, bad, (gssize)len, NULL));
                g_free(bad);
                hyphen_cleanup();
                char *got = all_shown();
                if (g_strcmp0(got, first) != 0)
                        g_test_message("damaged: %s", cases[c].what);
                g_assert_cmpstr(got, ==, first);
                g_free(got);
                g_assert_cmpint(hyphen_loaded_from("en"), ==, HYPHEN_FROM_PATTERNS);
                /* Rebuilt: the same bytes as the first time. */
                gchar *now;
                gsize nlen;
                g_assert_true(g_file_get_contents(path, &now, &nlen, NULL));
                g_assert_cmpmem(now, nlen, clean, len);
                g_free(now);
        }
        /* Cut short, and grown by a byte. */
        for (int grow = 0; grow < 2; grow++) {
                g_assert_true(g_file_set_contents(path, clean, (gssize)(grow ? len : len / 2), NULL));
                if (grow) {
                        FILE *f = fopen(path, "ab");
                        g_assert_nonnull(f);
                        fputc(0, f);
                        fclose(f);
                }
                hyphen_cleanup();
                char *got = all_shown();
                g_assert_cmpstr(got, ==, first);
                g_free(got);
                g_assert_cmpint(hyphen_loaded_from("en"), ==, HYPHEN_FROM_PATTERNS);
        }
        g_free(clean);
        g_free(path);
        g_free(first);
}

/* The build's step writes a file the loader takes as is; a file compiled
 * from other patterns is refused by its identity, however intact. */
static void test_compiled(void)
{
        char *dir = g_dir_make_tmp("plakat-hyphen-XXXXXX", NULL);
        char *out = g_build_filename(dir, "en.bin", NULL);
        char *err = NULL;
        g_assert_true(hyphen_compile("/usr/share/hyphen/hyph_en_US.dic", out, &err));
        gchar *data;
        gsize len;
        g_assert_true(g_file_get_contents(out, &data, &len, NULL));
        /* The identity names the version, the structures and the patterns. */
        const char *id = data + 16 + 32 + 4;
        g_assert_true(g_str_has_prefix(id, "plakat " PLAKAT_VERSION "\nabi "));
        g_assert_nonnull(strstr(id, "\npatterns hyph_en_US.dic 106063 "));
        struct _HyphenDict *d = hyphen_read_compiled((const unsigned char *)data, len, id);
        g_assert_nonnull(d);
        hyphen_free_levels(d);
        char *other = g_strdup(id);
        other[strlen(other) - 2] ^= 1;
        g_assert_null(hyphen_read_compiled((const unsigned char *)data, len, other));
        g_free(other);
        g_assert_false(hyphen_compile("/nonexistent/x.dic", out, &err));
        g_assert_nonnull(strstr(err, "/nonexistent/x.dic"));
        g_free(err);
        g_free(data);
        g_unlink(out);
        g_rmdir(dir);
        g_free(out);
        g_free(dir);
}

int main(int argc, char **argv)
{
        /* A cache of our own, not the user's. */
        char *cache = g_dir_make_tmp("plakat-hyphen-XXXXXX", NULL);
        g_setenv("XDG_CACHE_HOME", cache, TRUE);
        test_init(&argc, &argv);
        g_test_add_func("/hyphen/cache_damage", test_cache_damage);
        g_test_add_func("/hyphen/compiled", test_compiled);
        g_test_add_func("/hyphen/german", test_german);
        g_test_add_func("/hyphen/long_compounds", test_long_compounds);
        g_test_add_func("/hyphen/joints", test_joints);
        g_test_add_func("/hyphen/english", test_english);
        g_test_add_func("/hyphen/left_alone", test_left_alone);
        g_test_add_func("/hyphen/pango_breaks", test_pango_breaks);
        g_test_add_func("/hyphen/dictionary_dir", test_dictionary_dir);
        int rc = g_test_run();
        hyphen_cleanup();
        char *argv_rm[] = { "rm", "-rf", cache, NULL };
        g_spawn_sync(NULL, argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
        g_free(cache);
        /* cairo keeps fonts cached; empty the cache for the leak checker. */
        cairo_debug_reset_static_data();
        return rc;
}
