# nginx-cookie-consent
#
#   make          build build/ngx_http_cookie_consent_module.so (installs
#                 nothing: "make deps" does, as run and test do first)
#   make deps     the Debian packages the build and the tests need
#   make run      the demo site on 127.0.0.1:8080 (conf-examples/demo.conf)
#   make test     the fuzz smoke run, then one prove over the unit tests
#                 of the nginx-free core, t/ and the browser tests
#   make browser  the banner in headless Chromium (t/15-browser.t), then
#                 the browser oracle (t/21-browser-oracle.t)
#   make unit     unit tests only
#   make lint     the nginx code style of src/ and clang's warnings
#                 (tools/lint.pl)
#   make fuzz     every libFuzzer target for FUZZ_TIME seconds (default 60)
#   make test-asan      t/ against nginx built with ASan, UBSan, LSan
#   make test-valgrind  t/ under valgrind memcheck (docs/hardening.md)
#   make test-nginx-suite  nginx's own test suite with and without the
#                 module, differences against t/nginx-suite.expected
#                 (docs/nginx-suite.md)
#   make bench    wrk, memory and tokenizer benchmarks (docs/benchmarks.md)
#   make install  the module and the default catalog (DESTDIR=, PREFIX_*=)
#   make deb      the Debian package libnginx-mod-http-cookie-consent
#                 (debian/) in build/deb/
#   make test-deb builds, installs, runs, removes and purges the package
#                 (t/deb-test.sh; root, Debian's nginx installed)
#   make clean

NGX_SRC   ?= /usr/share/nginx/src
NGINX_BIN ?= /usr/sbin/nginx
BUILD     := build
MODULE    := $(BUILD)/ngx_http_cookie_consent_module.so
CC        ?= cc
CFLAGS    ?= -O2 -g
UNIT_CFLAGS := -std=c99 -Wall -Wextra -Werror -g -O1 \
               -fsanitize=address,undefined -fno-omit-frame-pointer \
               -Isrc -It/unit
PROVE     ?= prove

SRCS := $(wildcard src/*.c src/*.h src/*.map) config
# every nginx-free source links into every unit test
CORE = $(wildcard src/cc_*.c)
UNIT_TESTS := $(patsubst t/unit/%.c,$(BUILD)/unit/%,$(wildcard t/unit/test_*.c))

PREFIX_MODULES ?= /usr/lib/nginx/modules
PREFIX_SHARE   ?= /usr/share/nginx-cookie-consent

FUZZ_TIME ?= 60
FUZZERS := $(patsubst fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard fuzz/fuzz_*.c))

.PHONY: all deps run test unit prove clean install fuzz fuzz-smoke \
        assets-check bench browser deb test-deb lint

all: $(MODULE)

deps:
	@sh tools/deps.sh

# nginx's configure runs in a copy of Debian's nginx-dev tree, with the
# flags Debian built its nginx with, so the module is binary-compatible.
# Plain "make" installs nothing: without the tree, it says so.
$(BUILD)/nginx/objs/Makefile: config
	@[ -d $(NGX_SRC) ] || { echo "$(NGX_SRC) is missing:" \
	    "run make deps (Debian's nginx-dev and the libraries)"; exit 1; }
	rm -rf $(BUILD)/nginx
	mkdir -p $(BUILD)
	cp -r $(NGX_SRC) $(BUILD)/nginx
	cd $(BUILD)/nginx && bash -c '. ./conf_flags && \
	    ./configure "$${NGX_CONF_FLAGS[@]}" \
	    --with-cc-opt="$(CFLAGS)" \
	    --add-dynamic-module=$(CURDIR)' > ../configure.log 2>&1 \
	    || { tail -20 ../configure.log; exit 1; }

$(MODULE): $(BUILD)/nginx/objs/Makefile $(SRCS)
	$(MAKE) -C $(BUILD)/nginx -f objs/Makefile modules >/dev/null
	cp $(BUILD)/nginx/objs/ngx_http_cookie_consent_module.so $@.tmp
	mv $@.tmp $@

$(BUILD)/unit/%: t/unit/%.c $(CORE) $(wildcard src/cc_*.h) t/unit/cc_test.h
	@mkdir -p $(BUILD)/unit
	$(CC) $(UNIT_CFLAGS) $< $(CORE) -o $@ -ljansson -lcrypto

# the unit tests print TAP: prove runs them
unit: deps $(UNIT_TESTS)
	$(PROVE) $(UNIT_TESTS)

# 80 columns, no tabs or //, static prototypes, aligned declarations at
# the top of blocks, NULL checks after allocations, then clang -Wextra
# -Wshadow -Wmissing-prototypes -Werror with the configured nginx tree
lint: $(BUILD)/nginx/objs/Makefile
	perl tools/lint.pl --nginx $(BUILD)/nginx

# every t/*.t but the browser tests, which "make browser" runs
BROWSER_T := t/15-browser.t t/21-browser-oracle.t

# the harness's environment (t/README.md): TEST_NGINX_BINARY, ...
T_ENV = TEST_NGINX_BINARY=$(NGINX_BIN) TEST_NGINX_MODULE=$(CURDIR)/$(MODULE)

prove: $(MODULE)
	$(T_ENV) $(PROVE) -I t/lib $(filter-out $(BROWSER_T),$(wildcard t/*.t))

# the banner in a real headless Chromium, then the browser oracle (a
# corpus of tracker tags and Set-Cookie lines, module on and off); installs
# Debian's chromium and t/browser/node_modules (npm ci) on first use
browser: $(MODULE)
	@sh tools/deps.sh browser
	@sh tools/browser-deps.sh
	$(T_ENV) $(PROVE) -I t/lib $(BROWSER_T)

# libFuzzer targets over the nginx-free parsers; each runs FUZZ_TIME
# seconds from its seed corpus (fuzz/corpus/NAME, copied: the repository
# is not written to); crashes land in build/fuzz/
$(BUILD)/fuzz/%: fuzz/%.c $(CORE) $(wildcard src/cc_*.h)
	@mkdir -p $(BUILD)/fuzz
	clang -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -Isrc $< $(CORE) -o $@ \
	    -ljansson -lcrypto

fuzz: deps $(FUZZERS)
	@rc=0; for f in $(FUZZERS); do \
	    n=$$(basename $$f); c=$(BUILD)/fuzz/corpus-$$n; mkdir -p $$c; \
	    [ -d fuzz/corpus/$$n ] && cp -r fuzz/corpus/$$n/. $$c/; \
	    $$f -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	        -artifact_prefix=$(BUILD)/fuzz/$$n- $$c 2>$(BUILD)/fuzz/$$n.log \
	        || { rc=1; tail -30 $(BUILD)/fuzz/$$n.log; }; \
	    printf '%s: %s runs, %s per second\n' $$n \
	        "$$(sed -n 's/^stat::number_of_executed_units: *//p' $(BUILD)/fuzz/$$n.log)" \
	        "$$(sed -n 's/^stat::average_exec_per_sec: *//p' $(BUILD)/fuzz/$$n.log)"; \
	done; exit $$rc

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_TIME=3

# The t/ suite against nginx 1.22.1 built from Debian's source package
# with the module compiled in, AddressSanitizer, UBSan and LeakSanitizer
# (tools/asan-build.sh, docs/hardening.md).  Every sanitizer report is a
# file in build/asan/reports/: any one fails the run, and is printed.
ASAN_DIR     := $(BUILD)/asan
ASAN_NGINX   := $(ASAN_DIR)/sbin/nginx
ASAN_REPORTS := $(CURDIR)/$(ASAN_DIR)/reports
ASAN_TIMEOUT ?= 20
# clang's runtimes name functions with it (t/lsan.supp, t/ubsan.supp match
# function names)
ASAN_SYMBOLIZER ?= /usr/lib/llvm-14/bin/llvm-symbolizer

.PHONY: test-asan test-valgrind test-nginx-suite

$(ASAN_NGINX): $(SRCS) tools/asan-build.sh
	@sh tools/deps.sh asan
	@sh tools/asan-build.sh $(ASAN_DIR)

test-asan: $(ASAN_NGINX)
	@rm -rf $(ASAN_REPORTS); mkdir -p $(ASAN_REPORTS)
	@rc=0; \
	ASAN_OPTIONS=log_path=$(ASAN_REPORTS)/report:halt_on_error=1:detect_leaks=1:fast_unwind_on_malloc=0:detect_stack_use_after_return=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/t/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=log_path=$(ASAN_REPORTS)/report:print_stacktrace=1:suppressions=$(CURDIR)/t/ubsan.supp \
	ASAN_SYMBOLIZER_PATH=$(ASAN_SYMBOLIZER) \
	TEST_NGINX_BINARY=$(CURDIR)/$(ASAN_NGINX) TEST_NGINX_STATIC=1 \
	TEST_NGINX_TIMEOUT=$(ASAN_TIMEOUT) \
	    $(PROVE) -I t/lib t/ || rc=1; \
	for f in $(ASAN_REPORTS)/*; do \
	    [ -f "$$f" ] || continue; rc=1; echo "=== $$f"; cat "$$f"; \
	done; \
	echo "test-asan: $$(ls $(ASAN_REPORTS) | wc -l) sanitizer report(s)"; \
	exit $$rc

# The t/ suite under valgrind memcheck: Debian's nginx with the dynamic
# module, every nginx process traced (tools/valgrind-nginx.sh, one log per
# process in build/valgrind/); any memcheck error fails the run.
VG_LOGS    := $(CURDIR)/$(BUILD)/valgrind
VG_TIMEOUT ?= 60
# the browser oracle's thousands of page loads would take most of an hour
# under memcheck; it runs under ASan (test-asan) and in make test
VG_TESTS   := $(filter-out t/21-browser-oracle.t,$(wildcard t/*.t))

test-valgrind: $(MODULE)
	@sh tools/deps.sh valgrind
	@rm -rf $(VG_LOGS); mkdir -p $(VG_LOGS)
	@rc=0; \
	VG_LOGS=$(VG_LOGS) VG_NGINX=$(NGINX_BIN) \
	TEST_NGINX_BINARY=$(CURDIR)/tools/valgrind-nginx.sh \
	TEST_NGINX_MODULE=$(CURDIR)/$(MODULE) TEST_NGINX_TIMEOUT=$(VG_TIMEOUT) \
	    $(PROVE) -I t/lib $(VG_TESTS) || rc=1; \
	bad=$$(grep -l VGERR-BEGIN $(VG_LOGS)/* 2>/dev/null || true); \
	for f in $$bad; do rc=1; echo "=== $$f"; cat "$$f"; done; \
	echo "test-valgrind: $$(ls $(VG_LOGS) | wc -l) processes traced," \
	    "$$(cat $(VG_LOGS)/* 2>/dev/null | grep -c VGERR-BEGIN) memcheck error(s)"; \
	exit $$rc

# nginx's own test suite (../shared/nginx-tests, NGINX_TESTS=) twice with
# the same nginx: plain, then with the module loaded and enabled at http
# level; any difference per file, per assertion or in the error logs that
# t/nginx-suite.expected does not list fails (tools/nginx-suite.sh,
# docs/nginx-suite.md).  NGINX_SUITE_UPDATE=1 prints the differences in the
# file's format.
test-nginx-suite: $(MODULE)
	@sh tools/deps.sh suite
	@NGINX_BIN=$(NGINX_BIN) CC_MODULE=$(CURDIR)/$(MODULE) \
	    sh tools/nginx-suite.sh

# benchmarks, never part of make test (tools/bench.sh: BENCH_DURATION,
# BENCH_ROUNDS, ... shorten it); results in build/bench/results.md
$(BUILD)/bench/tokenizer_bench: bench/tokenizer_bench.c $(CORE) $(wildcard src/cc_*.h)
	@mkdir -p $(BUILD)/bench
	$(CC) -std=c99 -O2 -g -Isrc $< $(CORE) -o $@ -ljansson -lcrypto

bench: deps $(MODULE) $(BUILD)/bench/tokenizer_bench
	NGINX_BIN=$(NGINX_BIN) CC_MODULE=$(CURDIR)/$(MODULE) bash tools/bench.sh

# the embedded banner assets (src/cc_assets.c) match assets/
assets-check:
	perl tools/embed.pl --check

# deps first: run and test install what they need on first use.  One
# prove runs the unit tests, t/ and the browser test: one summary at the
# end
test: deps assets-check fuzz-smoke $(UNIT_TESTS) $(MODULE)
	@sh tools/deps.sh browser
	@sh tools/browser-deps.sh
	$(T_ENV) $(PROVE) -I t/lib $(UNIT_TESTS) t/

run: deps
	@$(MAKE) --no-print-directory $(MODULE)
	@sh conf-examples/run-demo.sh $(NGINX_BIN) $(CURDIR)/$(MODULE)

# the module next to Debian's, the catalog where conf-examples/ expect it
install: $(MODULE)
	install -D -m 644 $(MODULE) $(DESTDIR)$(PREFIX_MODULES)/ngx_http_cookie_consent_module.so
	install -D -m 644 catalog/default.json $(DESTDIR)$(PREFIX_SHARE)/catalog/default.json

# The Debian package, with Debian's tooling: dpkg-buildpackage, debhelper
# and nginx-dev's dh-sequence-nginx (debian/rules).  It builds in a copy of
# the tree, build/deb/src, because dpkg-buildpackage writes the packages to
# the parent directory and its products to debian/: the packages land in
# build/deb/ (libnginx-mod-http-cookie-consent_VERSION_ARCH.deb and its
# -dbgsym), with build.log; the copy is removed after a successful build.
DEB_DIR := $(BUILD)/deb
DEB_PKG := libnginx-mod-http-cookie-consent

deb:
	@sh tools/deps.sh deb
	rm -rf $(DEB_DIR)
	mkdir -p $(DEB_DIR)/src
	tar -cf - --exclude=./$(BUILD) --exclude=./.git --exclude=node_modules \
	    --exclude='./obj-*' . | tar -C $(DEB_DIR)/src -xf -
	cd $(DEB_DIR)/src && dpkg-buildpackage -us -uc -b >../build.log 2>&1 \
	    || { tail -40 ../build.log; exit 1; }
	rm -rf $(DEB_DIR)/src
	@ls $(DEB_DIR)/$(DEB_PKG)_*.deb

test-deb:
	bash t/deb-test.sh

clean:
	rm -rf $(BUILD)
