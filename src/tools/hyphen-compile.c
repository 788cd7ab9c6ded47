/* hyphen-compile.c: the build's step that compiles hyphenation patterns
 * (hyphen.c, "compiled patterns"): hyphen-compile PATTERNS.dic OUT.bin */
#include <glib.h>
#include <stdio.h>

#include "hyphen.h"

int main(int argc, char **argv)
{
        if (argc != 3) {
                fprintf(stderr, "usage: hyphen-compile PATTERNS.dic OUT.bin\n");
                return 2;
        }
        char *err = NULL;
        if (!hyphen_compile(argv[1], argv[2], &err)) {
                fprintf(stderr, "hyphen-compile: %s: %s\n", argv[2], err);
                g_free(err);
                return 1;
        }
        return 0;
}
