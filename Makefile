# sitat - build the tool, generate the LaTeX, build the thesis, test.
#   make            build build/sitat, thesis/generated/*, build/thesis.pdf
#   make ENGINE=xelatex   the thesis with XeLaTeX (or lualatex) instead of sitat.json's engine
#   make test       the whole test suite (unit, golden, end to end, sanitizers)
#   make install PREFIX=/usr/local

BUILD    := build
SRC      := tools/src
GEN      := thesis/generated
PREFIX   ?= /usr/local
CC       ?= cc
OPT      ?= -O2 -g
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wformat=2 \
            -Wmissing-prototypes -Werror=format -Werror=missing-prototypes
CFLAGS_ALL = -std=c11 -pthread $(OPT) $(WARN) -I$(SRC) $(DEP_CFLAGS) $(CFLAGS)

-include $(BUILD)/config.mk

# The tool, layer by layer (tools/README.md draws them; includes go from a
# layer only to the layers before it).  Each layer is one archive, so a
# unit test or a fuzzer links only what it uses.
CORE_SRCS  := util.c walk.c infile.c outfile.c diag.c text.c json.c hmap.c \
              stripe.c storeio.c store.c store_codebook.c store_sources.c store_codings.c \
              project.c lock.c storewrite.c segment.c normalize.c wrap.c speaker.c find.c anchorfind.c \
              refiunit.c fls.c
AUDIT_SRCS := record.c audit.c leakcheck.c
PROV_SRCS  := repo.c inputs.c pdfstamp.c checkout.c private.c history.c pack.c texpkg.c treefiles.c
LATEX_SRCS := texout.c shared.c quotes.c tables.c bib.c audit_tex.c stamp_tex.c starter.c
IO_SRCS    := docx.c subtitle.c pdftext.c refi_read.c refi_xml.c refi_parse.c refi_write.c refi_zip.c \
              tarball.c dynload.c
CMD_SRCS   := opts.c gen.c sty.c cmd_init.c cmd_check.c cmd_quotes.c cmd_tables.c cmd_bib.c \
              cmd_generate.c cmd_stamp.c stampin.c cmd_verify.c cmd_reproduce.c \
              cmd_audit.c cmd_trace.c cmd_leakcheck.c \
              cmd_build.c build_latex.c build_state.c build_rc.c storeedit.c \
              cmd_add.c cmd_code.c cmd_codes.c cmd_reanchor.c uses.c coding.c \
              refiguid.c cmd_import.c import_map.c import_src.c import_text.c import_unit.c \
              import_seg.c import_side.c cmd_export.c rebuild.c texinputs.c texin_list.c pdfcompare.c \
              cmd_bundle.c bundle_read.c cmd_diff.c diff_store.c diff_tex.c main.c
LAYERS     := core audit prov latex io cmd

lib_of = $(BUILD)/lib/libsitat-$(1).a
CORE_LIB  := $(call lib_of,core)
AUDIT_LIB := $(call lib_of,audit)
PROV_LIB  := $(call lib_of,prov)
LATEX_LIB := $(call lib_of,latex)
IO_LIB    := $(call lib_of,io)
objs_of = $(patsubst %.c,$(BUILD)/obj/$(1)/%.o,$(2))
CORE_OBJS  := $(call objs_of,core,$(CORE_SRCS))
AUDIT_OBJS := $(call objs_of,audit,$(AUDIT_SRCS))
PROV_OBJS  := $(call objs_of,prov,$(PROV_SRCS))
LATEX_OBJS := $(call objs_of,latex,$(LATEX_SRCS))
IO_OBJS    := $(call objs_of,io,$(IO_SRCS))
CMD_OBJS   := $(call objs_of,cmd,$(CMD_SRCS))
ALL_OBJS   := $(CORE_OBJS) $(AUDIT_OBJS) $(PROV_OBJS) $(LATEX_OBJS) $(IO_OBJS) $(CMD_OBJS)
# Archives in link order (a layer before the layers it uses).
TOOL_LIBS  := $(LATEX_LIB) $(IO_LIB) $(PROV_LIB) $(AUDIT_LIB) $(CORE_LIB)
SITAT      := $(BUILD)/sitat
STY_OBJ    := $(BUILD)/obj/gen/sty_data.o

.PHONY: all deps release FORCE bench bench-smoke fuzz fuzz-build fuzz-cc test test-layers test-unit test-golden test-e2e test-sty test-audit test-leakcheck test-cli test-provenance test-fs test-project test-init test-install test-guards test-stamp test-tutorial test-lifecycle test-build test-sanitize test-unit-san test-storetext test-add test-code test-reanchor test-pages test-import test-export test-bundle test-reproduce test-diff \
        check install uninstall clean
.DELETE_ON_ERROR:

# The leak guard runs whenever a key exists (evidence/private/names.txt,
# not in git): sitat build runs it.
all: $(BUILD)/thesis.pdf

$(BUILD)/config.mk: tools/deps.sh
	@sh tools/deps.sh $@

deps: $(BUILD)/config.mk

$(BUILD)/obj/%.o: $(SRC)/%.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

-include $(ALL_OBJS:.o=.d)

$(CORE_LIB): $(CORE_OBJS)
$(AUDIT_LIB): $(AUDIT_OBJS)
$(PROV_LIB): $(PROV_OBJS)
$(LATEX_LIB): $(LATEX_OBJS)
$(IO_LIB): $(IO_OBJS)
$(BUILD)/lib/%.a:
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

$(SITAT): $(CMD_OBJS) $(STY_OBJ) $(TOOL_LIBS)
	$(CC) -pthread $(OPT) $(CFLAGS) -o $@ $(CMD_OBJS) $(STY_OBJ) $(TOOL_LIBS) $(GIT_LIBS) $(IO_LIBS) $(CORE_LIBS) $(LDFLAGS)

# The package that `sitat init` vendors (sitat.sty and its .def files) is
# compiled into sitat (cmd/sty.h).
STY_FILES  := thesis/sitat.sty $(sort $(wildcard thesis/sitat-*.def))
$(BUILD)/gen/sty_data.c: $(STY_FILES) tools/sty2c.sh
	@mkdir -p $(dir $@)
	sh tools/sty2c.sh $(STY_FILES) >$@.tmp && mv $@.tmp $@
$(STY_OBJ): $(BUILD)/gen/sty_data.c $(SRC)/cmd/sty.h $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The PDF: `sitat build` runs the whole pipeline (generate, stamp, LaTeX
# in the reproducible environment, audit, LaTeX again when the appendix
# changed, leakcheck when a key exists) under a lock on $(BUILD), and runs
# no TeX when nothing changed; so make always asks it (FORCE).  See
# docs/reproducible.md.  A draft build (the default) warns on audit errors;
# AUDIT_STRICT=1 fails on them.  ENGINE=xelatex (or lualatex, pdflatex)
# builds with that engine instead of sitat.json's.
AUDIT_STRICT ?= 0
ENGINE   ?=
ENGINE_OPT = $(if $(ENGINE),--engine $(ENGINE))

$(BUILD)/thesis.pdf: $(SITAT) FORCE
	@$(SITAT) build -q --output $(BUILD) $(ENGINE_OPT) $(if $(filter 1,$(AUDIT_STRICT)),,--draft) >/dev/null

FORCE:

# A release: refuses a dirty tree (naming it), strict audit, and writes
# thesis.pdf.sha256 and manifest.json.
release: $(SITAT)
	@$(SITAT) build -q --release --output $(BUILD) $(ENGINE_OPT) >/dev/null
	@cat $(BUILD)/thesis.pdf.sha256

check: $(SITAT)
	$(SITAT) check

# make install [PREFIX=/usr/local] [DESTDIR=]: the program, the man page,
# the docs it points to (PREFIX/share/doc/sitat, laid out as in the
# repository), the JSON Schemas (PREFIX/share/sitat/schema) and sitat.sty
# in a TDS tree (PREFIX/share/texmf), which mktexlsr indexes so kpathsea
# finds it: for /usr/local that tree is Debian's TEXMFLOCAL; for another
# prefix, add it to TEXMFHOME or TEXINPUTS (the note says how).
# make uninstall removes what install wrote.
TEXMF_DIR := $(PREFIX)/share/texmf
STY_DIR   := $(TEXMF_DIR)/tex/latex/sitat
DOC_DIR   := $(PREFIX)/share/doc/sitat
SCHEMAS   := $(wildcard evidence/schema/*.schema.json)
DOCS      := README.md evidence/README.md $(wildcard docs/*.md)
install: $(SITAT)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	           $(DESTDIR)$(STY_DIR) $(DESTDIR)$(PREFIX)/share/sitat/schema \
	           $(DESTDIR)$(DOC_DIR)/docs $(DESTDIR)$(DOC_DIR)/evidence
	install -m 755 $(SITAT) $(DESTDIR)$(PREFIX)/bin/sitat
	install -m 644 docs/sitat.1 $(DESTDIR)$(PREFIX)/share/man/man1/sitat.1
	install -m 644 $(STY_FILES) $(DESTDIR)$(STY_DIR)/
	install -m 644 $(SCHEMAS) $(DESTDIR)$(PREFIX)/share/sitat/schema/
	for f in $(DOCS); do install -m 644 $$f $(DESTDIR)$(DOC_DIR)/$$f || exit 1; done
	@if command -v mktexlsr >/dev/null 2>&1; then mktexlsr $(DESTDIR)$(TEXMF_DIR) >/dev/null 2>&1; \
	 else echo "install: no mktexlsr: run it on $(TEXMF_DIR) for TeX to find sitat.sty"; fi
	@case "$$(kpsewhich -var-value TEXMF 2>/dev/null)" in *"$(TEXMF_DIR)"*) ;; *) \
	 echo "install: TeX does not search $(TEXMF_DIR): for LaTeX to find sitat.sty, use"; \
	 echo "    export TEXMFHOME=$(TEXMF_DIR)    (or TEXINPUTS=$(STY_DIR)//:)" ;; esac

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/sitat $(DESTDIR)$(PREFIX)/share/man/man1/sitat.1 \
	      $(addprefix $(DESTDIR)$(STY_DIR)/,$(notdir $(STY_FILES)))
	rm -f $(patsubst evidence/schema/%,$(DESTDIR)$(PREFIX)/share/sitat/schema/%,$(SCHEMAS))
	rm -f $(addprefix $(DESTDIR)$(DOC_DIR)/,$(DOCS))
	-rmdir $(DESTDIR)$(STY_DIR) $(DESTDIR)$(PREFIX)/share/sitat/schema $(DESTDIR)$(PREFIX)/share/sitat \
	       $(DESTDIR)$(DOC_DIR)/docs $(DESTDIR)$(DOC_DIR)/evidence $(DESTDIR)$(DOC_DIR) 2>/dev/null
	@if [ -d $(DESTDIR)$(TEXMF_DIR) ] && command -v mktexlsr >/dev/null 2>&1; then \
	 mktexlsr $(DESTDIR)$(TEXMF_DIR) >/dev/null 2>&1; fi

# ---- tests ---------------------------------------------------------------
UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
# The layers each unit test links, lowest last; prov brings libgit2.
UNIT_LAYERS_test_hmap      := core
UNIT_LAYERS_test_text      := core
UNIT_LAYERS_test_store     := core
UNIT_LAYERS_test_storewrite := core
UNIT_LAYERS_test_record    := audit core
UNIT_LAYERS_test_texout    := latex core
UNIT_LAYERS_test_leakcheck := audit latex core
UNIT_LAYERS_test_writers   := latex audit core
UNIT_LAYERS_test_stamp     := latex prov core
UNIT_LAYERS_test_normalize := core
UNIT_LAYERS_test_find      := core
UNIT_LAYERS_test_uses      := core
UNIT_LAYERS_test_anchorfind := core
UNIT_LAYERS_test_refiunit  := core
UNIT_LAYERS_test_refi_read := io core
UNIT_LAYERS_test_texpkg    := prov core
UNIT_LAYERS_test_texinputs := prov core
UNIT_LAYERS_test_tarball   := io core
UNIT_LAYERS_test_pack      := prov core
UNIT_LAYERS_test_pdfcompare := io prov core
unit_libs = $(foreach l,$(or $(UNIT_LAYERS_$(1)),latex prov audit core),$(call lib_of,$(l)))
unit_git  = $(if $(filter prov,$(or $(UNIT_LAYERS_$(1)),prov)),$(GIT_LIBS))
unit_io   = $(if $(filter io,$(UNIT_LAYERS_$(1))),$(IO_LIBS))

.SECONDEXPANSION:
$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $$(call unit_libs,$$*)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -o $@ $< $(call unit_libs,$*) $(call unit_git,$*) $(call unit_io,$*) $(CORE_LIBS) $(CMOCKA_LIBS)

-include $(UNIT_TESTS:=.d)

test: all test-layers test-unit test-golden test-storetext test-sty test-e2e test-audit test-leakcheck test-cli test-provenance test-stamp test-tutorial test-lifecycle test-fs test-project test-init test-install test-guards test-build test-add test-code test-reanchor test-pages test-import test-export test-bundle test-reproduce test-diff test-sanitize
	@echo "make test: all suites passed"

test-layers:
	@sh tests/layers/run.sh

test-unit: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do $$t; done

test-golden: $(SITAT)
	@sh tests/golden/run.sh $(SITAT)

# Store text through the escaper and sitat-text.def under each engine,
# read back with pdftotext (tests/storetext/check.py)
$(BUILD)/tests/texesc: tests/storetext/texesc.c $(LATEX_LIB) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LATEX_LIB) $(CORE_LIB) $(CORE_LIBS)
test-storetext: $(BUILD)/tests/texesc
	@python3 tests/storetext/check.py $(BUILD)/tests/texesc $(BUILD)/storetext pdflatex xelatex lualatex

test-sty: $(BUILD)/config.mk
	@sh tests/sty/run.sh

test-e2e: $(SITAT)
	@sh tests/e2e/run.sh $(SITAT)

test-audit: $(SITAT)
	@sh tests/audit/run.sh $(SITAT)

test-leakcheck: $(SITAT)
	@sh tests/leakcheck/run.sh $(SITAT)

# Every command's options and help, and where outputs may go.
test-cli: $(SITAT)
	@sh tests/cli/run.sh $(SITAT)

# sitat code, uncode, recode, codes rename|merge|move: golden outputs, the
# store unchanged after every refusal (tests/code/run.sh).
test-code: $(SITAT)
	@sh tests/code/run.sh $(SITAT)

# The project file: found from subdirectories, its paths, its diagnostics.
test-project: $(SITAT)
	@sh tests/project/run.sh $(SITAT)

# sitat init: the starter in several classes, an existing thesis, nothing overwritten.
test-init: $(SITAT)
	@sh tests/init/run.sh $(SITAT)

# make install PREFIX=tmp, the installed sitat init, kpsewhich, uninstall.
test-install: $(SITAT)
	@sh tests/install/run.sh $(BUILD)

# sitat add: every input format, every normalisation, every refusal.
test-add: $(SITAT)
	@sh tests/add/run.sh $(SITAT)

# sitat reanchor on throwaway git repositories (a text edited, committed or
# not; the store rewritten, or byte for byte unchanged on refusal).
test-reanchor: $(SITAT)
	@sh tests/reanchor/run.sh $(SITAT)

# Pages that cannot drift: form feeds in a document's text (issue 11).
test-pages: $(SITAT)
	@sh tests/pages/run.sh $(SITAT)

# sitat import: REFI-QDA files of every vendor convention, the broken ones,
# re-import, and the real NVivo exports in ../shared/qdpx (issue 12).
test-import: $(SITAT)
	@sh tests/import/run.sh $(SITAT)

# sitat export: schema-valid QDPX, stable GUIDs, import(export(store))
# byte-identical (issue 12).
test-export: $(SITAT) $(BUILD)/tests/xsdcheck
	@sh tests/export/run.sh $(SITAT) $(BUILD)/tests/xsdcheck

# The examiner's side (issue 13): sitat bundle (deterministic, only what is
# committed, ids verifiable), sitat reproduce BUNDLE|COMMIT (identical,
# same text or different, and why), sitat diff between data versions.
test-bundle: $(SITAT)
	@sh tests/bundle/run.sh $(SITAT)

test-reproduce: $(SITAT)
	@sh tests/reproduce/run.sh $(SITAT)

test-diff: $(SITAT)
	@sh tests/diff/run.sh $(SITAT)

$(BUILD)/tests/xsdcheck: tests/export/xsdcheck.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(IO_LIBS)

# The guards: a key git would commit, an incomplete use record, --require-clean.
test-guards: $(SITAT)
	@sh tests/guards/run.sh $(SITAT)

# The store on an untrusted file system: links, FIFOs, devices, big files.
# sitat build: incremental, locked, killed, every route to the PDF.
test-build: $(SITAT)
	@sh tests/build/run.sh $(SITAT)

test-fs: $(SITAT)
	@sh tests/fs/run.sh $(SITAT)

# The stamp covers what the PDF was built from: the cases git's status misses.
test-stamp: $(SITAT)
	@sh tests/stamp/run.sh $(SITAT)

# docs/tutorial.md, every sh block as it is written (installs into a
# temporary prefix).
test-tutorial: $(SITAT)
	@sh tests/tutorial/run.sh $(SITAT)

# An existing thesis made a sitat project by init --main, through its life.
test-lifecycle: $(SITAT)
	@sh tests/lifecycle/run.sh $(SITAT)

# Fresh clones of HEAD: byte-identical builds, verify, reproduce, release.
# The clones build with their own defaults: no BUILD=... from this make.
test-provenance: $(SITAT)
	@MAKEFLAGS= sh tests/provenance/run.sh

# The unit and golden suites again, built with ASan + UBSan.
test-sanitize: $(BUILD)/config.mk $(BUILD)/tests/xsdcheck
	$(MAKE) BUILD=$(BUILD)/san OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    $(BUILD)/san/sitat test-unit-san
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    sh tests/golden/run.sh $(BUILD)/san/sitat
	@# the commands that write the store, under the sanitizers too
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    sh tests/add/run.sh $(BUILD)/san/sitat
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    sh tests/code/run.sh $(BUILD)/san/sitat
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    sh tests/reanchor/run.sh $(BUILD)/san/sitat
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    sh tests/import/run.sh $(BUILD)/san/sitat
	@# the export without the two thesis builds (LaTeX under ASan adds nothing)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 SITAT_EXPORT_NO_BUILD=1 \
	    sh tests/export/run.sh $(BUILD)/san/sitat $(BUILD)/tests/xsdcheck

test-unit-san: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do $$t; done

# ---- fuzzing (clang + libFuzzer; not part of make test) -------------------
# make fuzz [FUZZTIME=60] [FUZZ="escape json"]: build each target with clang,
# ASan and UBSan from the sources of the layers it tests (their own objects
# and archives under $(BUILD)/fuzz/), then run each FUZZTIME seconds on its
# seed corpus (tests/fuzz/run.sh; docs/testing.md).  make fuzz-build only
# builds them.  No target links libgit2.
FUZZTIME    ?= 60
FUZZ_ALL    := text source json escape record leakcheck store normalize docx subtitle find uses anchorfind \
               refi refiunit texin tarball
FUZZ        ?= $(FUZZ_ALL)
FUZZ_CC     ?= clang
FUZZ_DIR    := $(BUILD)/fuzz
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  = -std=c11 -pthread -g -O1 $(FUZZ_SAN) -I$(SRC) $(DEP_CFLAGS)
# The layers each target links, lowest last.
FUZZ_LAYERS_text      := core
FUZZ_LAYERS_source    := core
FUZZ_LAYERS_json      := core
FUZZ_LAYERS_escape    := latex core
FUZZ_LAYERS_record    := audit core
FUZZ_LAYERS_leakcheck := audit core
FUZZ_LAYERS_store     := audit core
FUZZ_LAYERS_normalize := core
FUZZ_LAYERS_docx      := io core
FUZZ_LAYERS_subtitle  := io core
FUZZ_LAYERS_find      := core
FUZZ_LAYERS_uses      := core
FUZZ_LAYERS_anchorfind := core
FUZZ_LAYERS_refi      := io core
FUZZ_LAYERS_refiunit  := core
FUZZ_LAYERS_texin     := prov core
FUZZ_LAYERS_tarball   := io core
fuzz_lib_of  = $(FUZZ_DIR)/lib/libsitat-$(1).a
fuzz_libs    = $(foreach l,$(FUZZ_LAYERS_$(1)),$(call fuzz_lib_of,$(l)))
fuzz_objs_of = $(patsubst %.c,$(FUZZ_DIR)/obj/$(1)/%.o,$(2))

$(FUZZ_DIR)/obj/%.o: $(SRC)/%.c $(BUILD)/config.mk | fuzz-cc
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(call fuzz_lib_of,core):  $(call fuzz_objs_of,core,$(CORE_SRCS))
$(call fuzz_lib_of,audit): $(call fuzz_objs_of,audit,$(AUDIT_SRCS))
$(call fuzz_lib_of,latex): $(call fuzz_objs_of,latex,$(LATEX_SRCS))
$(call fuzz_lib_of,io):    $(call fuzz_objs_of,io,$(IO_SRCS))
# (of prov only what needs no libgit2)
$(call fuzz_lib_of,prov):  $(call fuzz_objs_of,prov,texpkg.c)
$(FUZZ_DIR)/lib/%.a:
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $$(call fuzz_libs,$$*)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -o $@ $< \
	    $(call fuzz_libs,$*) $(if $(filter io,$(FUZZ_LAYERS_$*)),$(IO_LIBS)) $(CORE_LIBS)

-include $(wildcard $(FUZZ_DIR)/obj/*/*.d $(FUZZ_DIR)/*.d)

fuzz-cc:
	@command -v $(FUZZ_CC) >/dev/null || \
	    { echo "fuzz: $(FUZZ_CC) with libFuzzer is needed (apt-get install clang)" >&2; exit 2; }

fuzz-build: $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ))

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZTIME) $(FUZZ_DIR) $(FUZZ)

# ---- benchmarks (not tests: they exit 0 unless a step fails) ---------------
# make bench: demo, medium and large stores; make bench-smoke: the demo only.
# Results and targets: docs/performance.md.
$(BUILD)/gencorpus: tests/bench/gencorpus.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -std=c11 -o $@ $<

$(BUILD)/bench/floor: tests/bench/floor.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) -O2 -o $@ $< $(DEP_CFLAGS) $(DEP_LIBS)

bench: all $(BUILD)/gencorpus $(BUILD)/bench/floor
	@sh tests/bench/run.sh

bench-smoke: all $(BUILD)/gencorpus $(BUILD)/bench/floor
	@sh tests/bench/run.sh --smoke

clean:
	rm -rf $(BUILD) $(GEN)
