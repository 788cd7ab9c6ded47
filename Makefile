# plakat: community file -> posters, flyers and social-media images.
#
#   make demo    install missing Debian packages, build, render samples/ into out/
#   make test    the same set-up, then every test (also under ASan/UBSan and clang)
#   make bench   time renders of the samples
#   make install PREFIX=/usr/local DESTDIR=
#   make fuzz    build the libFuzzer harnesses (clang) and run each FUZZ_SECONDS
#   make fuzz-coverage   line coverage of the loaders reached by the corpora

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/plakat
MANDIR  ?= $(PREFIX)/share/man
DOCDIR  ?= $(PREFIX)/share/doc/plakat
VERSION := 0.1.0

CC      ?= cc
BUILD   ?= build
PKGS    := cairo pangocairo pangoft2 libqrencode libconfig glib-2.0 gio-2.0 gmodule-no-export-2.0 fontconfig gdk-pixbuf-2.0 libpng
# Opened on first use (src/lazy.c): headers at build time, the library by
# its soname at run time.
LAZY    := librsvg-2.0 libqpdf
soname   = $(shell objdump -p $$(pkg-config --variable=libdir $(1))/$(2).so 2>/dev/null | awk '/SONAME/ { print $$2 }')
RSVG_SONAME := $(call soname,librsvg-2.0,librsvg-2)
QPDF_SONAME := $(call soname,libqpdf,libqpdf)
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS_ALL := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -MMD -MP \
               -DPLAKAT_VERSION='"$(VERSION)"' -DPLAKAT_DATADIR='"$(DATADIR)"' \
               $(shell pkg-config --cflags $(PKGS) $(LAZY) 2>/dev/null) \
               -DRSVG_SONAME='"$(RSVG_SONAME)"' -DQPDF_SONAME='"$(QPDF_SONAME)"'
LDLIBS_ALL  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhyphen -lm

SRC     := $(wildcard src/*.c)
LIBSRC  := $(filter-out src/main.c,$(SRC))
TESTSRC := $(wildcard tests/test_*.c)

OBJ      = $(LIBSRC:src/%.c=$(BUILD)/obj/%.o)
TESTBIN  = $(TESTSRC:tests/%.c=$(BUILD)/tests/%)

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps deps-test demo test test-valgrind bench gallery refresh-refs install uninstall clean \
	fuzz fuzz-build fuzz-coverage print-cppflags print-ldlibs

# Compiled hyphenation patterns (src/hyphen.c): 3 s of libhyphen's load
# paid once at build time, not on every German render.  Found next to the
# binary (build tree) and installed into the data folder.
HYPHEN_PATTERNS ?= /usr/share/hyphen
HYPHEN_DICS := $(wildcard $(HYPHEN_PATTERNS)/hyph_de_DE.dic $(HYPHEN_PATTERNS)/hyph_en_US.dic)
HYPHEN_BIN   = $(HYPHEN_DICS:$(HYPHEN_PATTERNS)/%=$(BUILD)/hyphen/%.bin)

all: $(BUILD)/plakat $(HYPHEN_BIN)

$(BUILD)/hyphen-compile: src/tools/hyphen-compile.c $(BUILD)/libplakat.a
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS_ALL) -Isrc $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libplakat.a $(LDLIBS_ALL)

$(BUILD)/hyphen/%.bin: $(HYPHEN_PATTERNS)/% $(BUILD)/hyphen-compile
	@mkdir -p $(@D)
	@echo "  HYPHEN  $@"
	@# A sanitizer build's compiler sees libhyphen's own known leaks.
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp $(BUILD)/hyphen-compile $< $@

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(CC) $(CPPFLAGS_ALL) $(CFLAGS) $(EXTRA_CFLAGS) -c -o $@ $<

$(BUILD)/libplakat.a: $(OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/plakat: $(BUILD)/obj/main.o $(BUILD)/libplakat.a
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/%.c tests/testlib.h $(BUILD)/libplakat.a
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS_ALL) -Isrc $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libplakat.a $(LDLIBS_ALL)

tests: $(TESTBIN)

-include $(OBJ:.o=.d) $(BUILD)/obj/main.d

# ---- set-up -----------------------------------------------------------------

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

demo: deps
	$(MAKE) all
	@rm -rf out && mkdir -p out
	$(BUILD)/plakat check samples/*.cfg
	@# Every design for every sample (-q: a design that has no place for a
	@# sample's logo or photo would say so, which is the point of -l, not of a demo).
	@for l in $$($(BUILD)/plakat layouts | awk '/^[a-z]/ { print $$1 }'); do \
		echo "  RENDER  layout $$l -> out/$$l/"; \
		$(BUILD)/plakat render -q -l $$l -f all -o out/$$l samples/*.cfg >/dev/null || exit 1; \
	done
	@echo "demo: outputs are in out/"

# ---- tests --------------------------------------------------------------------
# The suite runs three times: the normal build, the sanitizer build (which
# also finds leaks) and a clang build with -Werror to keep both compilers
# free of warnings.  prove prints the summary.

test: deps-test
	$(MAKE) EXTRA_CFLAGS=-Werror all tests
	$(MAKE) BUILD=build/asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" EXTRA_CFLAGS=-Werror all tests
	$(MAKE) BUILD=build/clang CC=clang EXTRA_CFLAGS=-Werror all
	tests/run build build/asan

test-valgrind: all tests
	VALGRIND=1 tests/run build

bench: all
	tests/bench.sh $(BUILD)/plakat

# The README's thumbnails of every design (commit them after a design change).
gallery: all
	scripts/gallery.sh $(BUILD)/plakat

# After a deliberate design change: redraw tests/ref/*.png, look, commit.
refresh-refs: all
	PLAKAT=$(BUILD)/plakat tests/refresh-refs.sh

# ---- fuzzing -------------------------------------------------------------------
# libFuzzer harnesses (tests/fuzz/fuzz_*.c) against the library built with
# clang, ASan and UBSan.  make fuzz runs each for FUZZ_SECONDS on its seed
# corpus (tests/fuzz/corpus/<harness>/, read only; what the run finds goes
# to build/fuzz/corpus/<harness>/) and fails on the first finding, whose
# input is left in build/fuzz/findings/.  make fuzz FUZZ_SECONDS=3600 is
# the long run (README "Fuzzing").

FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build/fuzz
FUZZ_CFLAGS  := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
FUZZ_HARNESS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN      = $(FUZZ_HARNESS:%=$(FUZZ_BUILD)/fuzz_%)

fuzz-build:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CFLAGS="$(FUZZ_CFLAGS)" $(FUZZ_BUILD)/libplakat.a \
		$(HYPHEN_DICS:$(HYPHEN_PATTERNS)/%=$(FUZZ_BUILD)/hyphen/%.bin)
	@$(MAKE) --no-print-directory $(FUZZ_BIN)

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_BUILD)/libplakat.a
	@echo "  LINK    $@"
	@clang $(CPPFLAGS_ALL) -Isrc -DFUZZ_SRCDIR='"$(CURDIR)"' $(FUZZ_CFLAGS) -fsanitize=fuzzer \
		-o $@ $< $(FUZZ_BUILD)/libplakat.a $(LDLIBS_ALL)

fuzz: fuzz-build
	tests/fuzz/run $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_HARNESS)

# Line coverage of what the corpora reach (seeds plus what make fuzz
# found), per loader file: llvm-profdata and llvm-cov (Debian: llvm).
fuzz-coverage: fuzz-build
	tests/fuzz/coverage $(FUZZ_BUILD) $(FUZZ_HARNESS)

# For scripts that compile against the library (tests/fuzz/coverage).
print-cppflags:
	@echo $(CPPFLAGS_ALL)
print-ldlibs:
	@echo $(LDLIBS_ALL)

# ---- install ------------------------------------------------------------------

# The documentation for leads and designers and the samples go to DOCDIR
# (the man page points there).
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)
	install -m 755 $(BUILD)/plakat $(DESTDIR)$(BINDIR)/plakat
	cp -R layouts formats themes lang fonts $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(DATADIR)/hyphen
	$(if $(HYPHEN_BIN),install -m 644 $(HYPHEN_BIN) $(DESTDIR)$(DATADIR)/hyphen/)
	install -m 644 docs/plakat.1 $(DESTDIR)$(MANDIR)/man1/plakat.1
	install -m 644 docs/community-file.md docs/layouts.md $(DESTDIR)$(DOCDIR)/
	rm -rf $(DESTDIR)$(DOCDIR)/samples
	cp -R samples $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/plakat $(DESTDIR)$(MANDIR)/man1/plakat.1
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build out
