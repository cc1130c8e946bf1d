# nginx-cookie-consent
#
#   make          build build/ngx_http_cookie_consent_module.so
#   make run      the demo site on 127.0.0.1:8080 (conf-examples/demo.conf)
#   make test     unit tests of the nginx-free core, then prove over t/,
#                 then the browser test
#   make browser  the banner in headless Chromium (t/15-browser.t), then
#                 the browser oracle (t/21-browser-oracle.t)
#   make unit     unit tests only
#   make fuzz     every libFuzzer target for FUZZ_TIME seconds (default 60)
#   make test-asan      t/ against nginx built with ASan, UBSan, LSan
#   make test-valgrind  t/ under valgrind memcheck (docs/hardening.md)
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

SRCS := $(wildcard src/*.c src/*.h) config
# every nginx-free source links into every unit test
CORE = $(wildcard src/cc_*.c)
UNIT_TESTS := $(patsubst t/unit/%.c,$(BUILD)/unit/%,$(wildcard t/unit/test_*.c))

PREFIX_MODULES ?= /usr/lib/nginx/modules
PREFIX_SHARE   ?= /usr/share/nginx-cookie-consent

FUZZ_TIME ?= 60
FUZZERS := $(patsubst fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard fuzz/fuzz_*.c))

.PHONY: all deps run test unit prove clean install fuzz fuzz-smoke \
        assets-check bench browser deb test-deb

all: $(MODULE)

deps:
	@sh tools/deps.sh

# nginx's configure runs in a copy of Debian's nginx-dev tree, with the
# flags Debian built its nginx with, so the module is binary-compatible
$(BUILD)/nginx/objs/Makefile: config | deps
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

unit: deps $(UNIT_TESTS)
	@rc=0; for t in $(UNIT_TESTS); do $$t t/unit || rc=1; done; exit $$rc

# every t/*.t but the browser tests, which "make browser" runs
BROWSER_T := t/15-browser.t t/21-browser-oracle.t

prove: $(MODULE)
	NGINX_BIN=$(NGINX_BIN) CC_MODULE=$(CURDIR)/$(MODULE) \
	    $(PROVE) -I t/lib $(filter-out $(BROWSER_T),$(wildcard t/*.t))

# the banner in a real headless Chromium, then the browser oracle (a
# corpus of tracker tags and Set-Cookie lines, module on and off); installs
# Debian's chromium and t/browser/node_modules (npm ci) on first use
browser: $(MODULE)
	@sh tools/deps.sh browser
	@sh tools/browser-deps.sh
	NGINX_BIN=$(NGINX_BIN) CC_MODULE=$(CURDIR)/$(MODULE) \
	    $(PROVE) -I t/lib $(BROWSER_T)

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

.PHONY: test-asan test-valgrind

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
	NGINX_BIN=$(CURDIR)/$(ASAN_NGINX) CC_STATIC=1 CC_TIMEOUT=$(ASAN_TIMEOUT) \
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

test-valgrind: $(MODULE)
	@sh tools/deps.sh valgrind
	@rm -rf $(VG_LOGS); mkdir -p $(VG_LOGS)
	@rc=0; \
	VG_LOGS=$(VG_LOGS) VG_NGINX=$(NGINX_BIN) \
	NGINX_BIN=$(CURDIR)/tools/valgrind-nginx.sh \
	CC_MODULE=$(CURDIR)/$(MODULE) CC_TIMEOUT=$(VG_TIMEOUT) \
	    $(PROVE) -I t/lib t/ || rc=1; \
	bad=$$(grep -l VGERR-BEGIN $(VG_LOGS)/* 2>/dev/null || true); \
	for f in $$bad; do rc=1; echo "=== $$f"; cat "$$f"; done; \
	echo "test-valgrind: $$(ls $(VG_LOGS) | wc -l) processes traced," \
	    "$$(cat $(VG_LOGS)/* 2>/dev/null | grep -c VGERR-BEGIN) memcheck error(s)"; \
	exit $$rc

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

test: assets-check unit fuzz-smoke prove browser

run: $(MODULE)
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
