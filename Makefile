# plakat: community file -> posters, flyers and social-media images.
#
#   make demo    install missing Debian packages, build, render samples/ into demo/
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
LOCALEDIR ?= $(PREFIX)/share/locale
# bash-completion's own folder under our PREFIX (its .pc names /usr), or the
# conventional one when bash-completion is not installed.
BASHCOMPDIR ?= $(or $(shell pkg-config --define-variable=prefix=$(PREFIX) --variable=completionsdir bash-completion 2>/dev/null),$(PREFIX)/share/bash-completion/completions)
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
VERSION := 0.1.0

CC      ?= cc
BUILD   ?= build
PKGS    := cairo pangocairo pangoft2 libqrencode libconfig glib-2.0 gio-2.0 gmodule-no-export-2.0 fontconfig zlib nettle
# Opened on first use (src/lazy.c): headers at build time, the library by
# its soname at run time.  libhyphen has no pkg-config file.
LAZY    := librsvg-2.0 libqpdf gdk-pixbuf-2.0
soname_of = $(shell objdump -p $(1) 2>/dev/null | awk '/SONAME/ { print $$2 }')
soname   = $(call soname_of,$$(pkg-config --variable=libdir $(1))/$(2).so)
RSVG_SONAME   := $(call soname,librsvg-2.0,librsvg-2)
QPDF_SONAME   := $(call soname,libqpdf,libqpdf)
PIXBUF_SONAME := $(call soname,gdk-pixbuf-2.0,libgdk_pixbuf-2.0)
HYPHEN_SONAME := $(call soname_of,$$($(CC) -print-file-name=libhyphen.so))
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS_ALL := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -MMD -MP \
               -DPLAKAT_VERSION='"$(VERSION)"' -DPLAKAT_DATADIR='"$(DATADIR)"' \
               -DPLAKAT_LOCALEDIR='"$(LOCALEDIR)"' \
               $(shell pkg-config --cflags $(PKGS) $(LAZY) 2>/dev/null) \
               -DRSVG_SONAME='"$(RSVG_SONAME)"' -DQPDF_SONAME='"$(QPDF_SONAME)"' \
               -DPIXBUF_SONAME='"$(PIXBUF_SONAME)"' -DHYPHEN_SONAME='"$(HYPHEN_SONAME)"'
LDLIBS_ALL  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread
# Tests make their own pictures with gdk-pixbuf.
TEST_LDLIBS := $(shell pkg-config --libs gdk-pixbuf-2.0 2>/dev/null)

SRC     := $(wildcard src/*.c)
LIBSRC  := $(filter-out src/main.c,$(SRC))
TESTSRC := $(wildcard tests/test_*.c)

OBJ      = $(LIBSRC:src/%.c=$(BUILD)/obj/%.o)
# src/numfmt.c's __snprintf_chk is what cairo's calls bind to, and
# src/fcmatch.c's g_thread_new what Pango's do.  Nothing in plakat calls
# them, and a sanitizer's runtime, linked first, defines __snprintf_chk
# too, so they are linked as objects, never picked from the archive.
NUMFMT_O = $(BUILD)/obj/numfmt.o $(BUILD)/obj/fcmatch.o
TESTBIN  = $(TESTSRC:tests/%.c=$(BUILD)/tests/%)

# Message catalogues: po/LANG.po is the source, the .mo is built beside
# the binary (src/i18n.c finds it there) and installed into LOCALEDIR.
PO       := $(wildcard po/*.po)
MO        = $(PO:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/plakat.mo)
# diag_error & co. translate their format argument themselves.
XGETTEXT_KEYWORDS := --keyword=_ --keyword=N_ --keyword=P_:1c,2 --keyword=ngettext:1,2 \
	--keyword=diag_error:5 --flag=diag_error:5:c-format \
	--keyword=diag_warn:5 --flag=diag_warn:5:c-format \
	--keyword=diag_fail:3 --flag=diag_fail:3:c-format \
	--keyword=cli_usage_error:2 --flag=cli_usage_error:2:c-format \
	--keyword=cfg_error:3 --flag=cfg_error:3:c-format --keyword=scan_error:2

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all pot update-po deps deps-test demo test test-valgrind bench gallery refresh-refs install uninstall clean \
	fuzz fuzz-build fuzz-coverage print-cppflags print-ldlibs

# Compiled hyphenation patterns (src/hyphen.c): 3 s of libhyphen's load
# paid once at build time, not on every German render.  Found next to the
# binary (build tree) and installed into the data folder.
HYPHEN_PATTERNS ?= /usr/share/hyphen
HYPHEN_DICS := $(wildcard $(HYPHEN_PATTERNS)/hyph_de_DE.dic $(HYPHEN_PATTERNS)/hyph_en_US.dic)
HYPHEN_BIN   = $(HYPHEN_DICS:$(HYPHEN_PATTERNS)/%=$(BUILD)/hyphen/%.bin)

all: $(BUILD)/plakat $(MO) $(HYPHEN_BIN)

$(BUILD)/hyphen-compile: src/tools/hyphen-compile.c $(BUILD)/libplakat.a
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS_ALL) -Isrc $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libplakat.a $(LDLIBS_ALL)

$(BUILD)/hyphen/%.bin: $(HYPHEN_PATTERNS)/% $(BUILD)/hyphen-compile
	@mkdir -p $(@D)
	@echo "  HYPHEN  $@"
	@# A sanitizer build's compiler sees libhyphen's own known leaks.
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp $(BUILD)/hyphen-compile $< $@

# Objects remember the flags they were built with: a build with other flags
# into the same folder (EXTRA_CFLAGS=-Werror after a plain make) compiles
# everything again instead of finding it "up to date".
FLAGS_NOW := $(strip $(CC) $(CPPFLAGS_ALL) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS))
ifneq ($(FLAGS_NOW),$(strip $(file < $(BUILD)/flags)))
$(shell mkdir -p $(BUILD))
$(file > $(BUILD)/flags,$(FLAGS_NOW))
endif

$(BUILD)/obj/%.o: src/%.c $(BUILD)/flags
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(CC) $(CPPFLAGS_ALL) $(CFLAGS) $(EXTRA_CFLAGS) -c -o $@ $<

$(BUILD)/libplakat.a: $(OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/plakat: $(BUILD)/obj/main.o $(NUMFMT_O) $(BUILD)/libplakat.a
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/%.c tests/testlib.h $(NUMFMT_O) $(BUILD)/libplakat.a $(BUILD)/flags
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS_ALL) -Isrc $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $< $(NUMFMT_O) $(BUILD)/libplakat.a $(LDLIBS_ALL) \
		$(TEST_LDLIBS)

tests: $(TESTBIN)

-include $(OBJ:.o=.d) $(BUILD)/obj/main.d

# ---- messages -----------------------------------------------------------------

$(BUILD)/locale/%/LC_MESSAGES/plakat.mo: po/%.po
	@mkdir -p $(@D)
	@echo "  MSGFMT  $@"
	@msgfmt --check -o $@ $<

# The template is generated, never committed: `make pot`, then
# `make update-po` merges new messages into every po/*.po.
POT     ?= po/plakat.pot
pot: $(POT)
$(POT): $(SRC) src/i18n.h
	xgettext --from-code=UTF-8 --language=C $(XGETTEXT_KEYWORDS) --add-comments=TRANSLATORS \
		--package-name=plakat --package-version=$(VERSION) --no-location --sort-output \
		-o $@ $(SRC)

update-po: $(POT)
	for p in $(PO); do msgmerge --quiet --update --backup=none --no-fuzzy-matching $$p $(POT); done

# ---- set-up -----------------------------------------------------------------

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

# The demo writes into demo/ only, and only into the design folders it
# renders: out/ is where `plakat render` writes by default, and a lead's
# files there are theirs.
demo: deps
	$(MAKE) all
	$(BUILD)/plakat check samples/*.cfg
	@# Every design for every sample (-q: a design that has no place for a
	@# sample's logo or photo would say so, which is the point of -l, not of a demo).
	@for l in $$($(BUILD)/plakat layouts | awk '/^[a-z]/ { print $$1 }'); do \
		echo "  RENDER  layout $$l -> demo/$$l/"; \
		$(BUILD)/plakat render -q -l $$l -f all -o demo/$$l samples/*.cfg >/dev/null || exit 1; \
	done
	@echo "demo: outputs are in demo/"

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

# Also plakat against the floor program (../shared/bench/compare.sh), when
# the shared folder is there.  compare.sh renders into one folder run after
# run, so its plakat gets --force (else every run after the first finds
# everything unchanged); its batch runs on every processor, so issue 9's
# one-worker case is its "files" line again with -j 1.  Last, the A3
# poster against the floor drawn in plakat's own six faces: the least a
# renderer of this design could need (tests/bench/design-floor.c).
bench: all
	tests/bench.sh $(BUILD)/plakat
	@printf '#!/bin/sh\nexec "%s/plakat" "$$@" --force\n' "$(abspath $(BUILD))" >$(BUILD)/plakat-force
	@printf '#!/bin/sh\nexec "%s/plakat" "$$@" --force -j 1\n' "$(abspath $(BUILD))" >$(BUILD)/plakat-one
	@chmod +x $(BUILD)/plakat-force $(BUILD)/plakat-one
	@if [ -x ../shared/bench/compare.sh ]; then ../shared/bench/compare.sh $(BUILD)/plakat-force; \
	../shared/bench/compare.sh $(BUILD)/plakat-one | sed -n 's/^100 A6 flyers, files    /100 A6 flyers, -j 1     /p'; \
	else echo "bench: no ../shared/bench/compare.sh; plakat/floor ratios skipped"; fi
	tests/bench-design-floor.sh $(BUILD)/plakat

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

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_BUILD)/obj/numfmt.o $(FUZZ_BUILD)/obj/fcmatch.o $(FUZZ_BUILD)/libplakat.a
	@echo "  LINK    $@"
	@clang $(CPPFLAGS_ALL) -Isrc -DFUZZ_SRCDIR='"$(CURDIR)"' $(FUZZ_CFLAGS) -fsanitize=fuzzer \
		-o $@ $< $(FUZZ_BUILD)/obj/numfmt.o $(FUZZ_BUILD)/obj/fcmatch.o $(FUZZ_BUILD)/libplakat.a $(LDLIBS_ALL)

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
# The man page names the folders of this PREFIX (it is written with the
# default, /usr/local).
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR) \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BUILD)/plakat $(DESTDIR)$(BINDIR)/plakat
	cp -R layouts formats themes lang fonts $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(DATADIR)/hyphen
	$(if $(HYPHEN_BIN),install -m 644 $(HYPHEN_BIN) $(DESTDIR)$(DATADIR)/hyphen/)
	sed -e 's|/usr/local/share/plakat|$(DATADIR)|g' -e 's|/usr/local/share/doc/plakat|$(DOCDIR)|g' \
		docs/plakat.1 >$(DESTDIR)$(MANDIR)/man1/plakat.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/plakat.1
	for m in $(MO); do \
		l=$${m#$(BUILD)/locale/}; l=$${l%%/*}; \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/plakat.mo; \
	done
	install -m 644 completion/plakat.bash $(DESTDIR)$(BASHCOMPDIR)/plakat
	install -m 644 completion/_plakat $(DESTDIR)$(ZSHCOMPDIR)/_plakat
	install -m 644 docs/community-file.md docs/community-file.de.md docs/layouts.md $(DESTDIR)$(DOCDIR)/
	rm -rf $(DESTDIR)$(DOCDIR)/samples
	cp -R samples $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/plakat $(DESTDIR)$(MANDIR)/man1/plakat.1 \
		$(DESTDIR)$(BASHCOMPDIR)/plakat $(DESTDIR)$(ZSHCOMPDIR)/_plakat \
		$(PO:po/%.po=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/plakat.mo)
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build demo po/plakat.pot
