# Build, test and install the 党员活动室 kiosk.
#
#   make run      install what is missing, build, make a demo database, start the kiosk in a window
#   make check    install what is missing, build, run every test (plain and under ASan+UBSan)
#   make bench    measure speed and memory against baselines taken in the same run
#   make fuzz     run each libFuzzer target for a bounded time
#   make install  PREFIX=/usr DESTDIR=... for packagers
#   make deb      build/kiosk_VERSION_ARCH.deb with dpkg-buildpackage (ARCH=arm64 cross-builds)
#
# SANITIZE=address,undefined turns the sanitizers on for one build; BUILD names its folder.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/kiosk
LIBEXECDIR ?= $(PREFIX)/libexec/kiosk
# systemd and udev look in /usr/lib and /etc; a /usr/local install puts its units there too.
SYSTEMDDIR ?= $(if $(filter /usr,$(PREFIX)),/usr/lib/systemd/system,/etc/systemd/system)
UDEVDIR ?= $(if $(filter /usr,$(PREFIX)),/usr/lib/udev/rules.d,/etc/udev/rules.d)
SYSUSERSDIR ?= $(if $(filter /usr,$(PREFIX)),/usr/lib/sysusers.d,/etc/sysusers.d)
TMPFILESDIR ?= $(if $(filter /usr,$(PREFIX)),/usr/lib/tmpfiles.d,/etc/tmpfiles.d)
BUILD   ?= build
SANITIZE ?=
WERROR  ?=
FUZZ_SECONDS ?= 60
RUN_SIZE ?= 1280x800

CC ?= cc
CFLAGS ?= -O2 -g

PKG_CORE := sqlite3 libsodium jansson xlsxwriter minizip expat poppler-glib cairo libjpeg libexif
PKG_UI   := sdl2 SDL2_ttf SDL2_image fontconfig libqrencode libmicrohttpd libsystemd libdrm espeak-ng
PKG_TEST := cmocka

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
        -Wwrite-strings -Wno-missing-field-initializers -Wno-format-truncation
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(if $(WERROR),-Werror) -MMD -MP \
               -Ikiosk -I$(BUILD)/gen -DKIOSK_DATADIR='"$(DATADIR)"'
BASE_LDFLAGS :=
ifneq ($(SANITIZE),)
BASE_CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=undefined
BASE_LDFLAGS += -fsanitize=$(SANITIZE)
endif

PKG_CONFIG ?= pkg-config
pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pc_libs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

CORE_CFLAGS := $(BASE_CFLAGS) $(call pc_cflags,$(PKG_CORE)) $(CFLAGS)
UI_CFLAGS   := $(BASE_CFLAGS) $(call pc_cflags,$(PKG_CORE) $(PKG_UI)) $(CFLAGS)
TEST_CFLAGS := $(BASE_CFLAGS) $(call pc_cflags,$(PKG_CORE) $(PKG_TEST)) $(CFLAGS)
CORE_LIBS   := $(call pc_libs,$(PKG_CORE)) -lm
UI_LIBS     := $(call pc_libs,$(PKG_UI)) $(CORE_LIBS)

# Generated sources: migrations embedded from db/*.sql, the Han->pinyin table from Unihan.
MIGRATIONS := $(sort $(wildcard db/[0-9]*.sql))
UNIHAN     := /usr/share/unicode/Unihan_Readings.txt.bz2
GEN_SRC    := $(BUILD)/gen/migrations.c $(BUILD)/gen/pinyin_table.c $(BUILD)/gen/ime_table.c \
              $(BUILD)/gen/reading_table.c
# The demo's study materials (assets/demo/materials/), embedded for `kioskctl init --demo`.
DEMO_MATERIALS := $(sort $(wildcard assets/demo/materials/*/*))
GEN_SRC    += $(BUILD)/gen/demo_files.c

# The core, by subject (kiosk/core/*/), and the web server's helpers that need neither SDL nor
# libmicrohttpd (so the unit tests reach them without a server) form one library.
WEB_HELPER_SRC := $(addprefix kiosk/web/,form.c limiter.c phone.c devices.c guesses.c)
CORE_SRC := $(sort $(wildcard kiosk/core/*/*.c)) $(WEB_HELPER_SRC)
UI_SRC   := $(sort $(wildcard kiosk/ui/*.c kiosk/screens/*.c) $(filter-out $(WEB_HELPER_SRC),$(wildcard kiosk/web/*.c))) \
	kiosk/app.c kiosk/replay.c kiosk/watchdog.c
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_SRC:$(BUILD)/%.c=$(BUILD)/%.o)
UI_OBJ   := $(UI_SRC:%.c=$(BUILD)/obj/%.o)
# The phone sign-in page (assets/phone/), built into the kiosk by the web server's side.
PHONE_ASSETS := $(sort $(wildcard assets/phone/*))
UI_OBJ   += $(BUILD)/gen/phone_assets.o
CORE_LIB := $(BUILD)/libkioskcore.a

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
UITEST_SRC := $(sort $(wildcard tests/unit/uitest_*.c))
UITEST_BIN := $(UITEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

# The screen program joins once kiosk/main.c exists.
PROGS := $(BUILD)/kioskctl $(if $(wildcard kiosk/main.c),$(BUILD)/kiosk)

.PHONY: all tests run check check-system check-arm64 unit-tests bench fuzz install uninstall deb deb-arm64 deps deps-build clean demo
all: $(PROGS)
tests: all $(UNIT_BIN) $(UITEST_BIN) $(BUILD)/tools/mkdoc $(BUILD)/tools/imgdiff

$(BUILD)/gen/migrations.c: $(MIGRATIONS) kiosk/tools/embed_migrations.sh
	@mkdir -p $(@D)
	sh kiosk/tools/embed_migrations.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/demo_files.c: $(DEMO_MATERIALS) kiosk/tools/embed.sh
	@mkdir -p $(@D)
	sh kiosk/tools/embed.sh assets/demo/materials core/party/demo_materials.h demo_files $(DEMO_MATERIALS) > $@.tmp && mv $@.tmp $@

# Test documents for the tests and benchmarks (PDFs of any length, broken files); not a unit
# test, so it lives outside $(BUILD)/tests, where every program is run as one.
$(BUILD)/tools/mkdoc: tests/tools/mkdoc.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) $(BASE_LDFLAGS) $(LDFLAGS) $< $(CORE_LIB) $(CORE_LIBS) -o $@

# Compares the VM's screen with a replay snapshot (tests/system).
$(BUILD)/tools/imgdiff: tests/tools/imgdiff.c
	@mkdir -p $(@D)
	$(CC) $(UI_CFLAGS) $(BASE_LDFLAGS) $(LDFLAGS) $< $(call pc_libs,sdl2 SDL2_image) -o $@

$(BUILD)/gen/pinyin_table.c: kiosk/tools/gen_pinyin.sh kiosk/tools/pinyin_overrides.txt $(UNIHAN)
	@mkdir -p $(@D)
	sh kiosk/tools/gen_pinyin.sh $(UNIHAN) kiosk/tools/pinyin_overrides.txt > $@.tmp && mv $@.tmp $@

# Full readings of the rare characters the speech synthesiser cannot read (core/text/speech.c).
$(BUILD)/gen/reading_table.c: kiosk/tools/gen_readings.sh $(UNIHAN)
	@mkdir -p $(@D)
	sh kiosk/tools/gen_readings.sh $(UNIHAN) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/ime_table.c: kiosk/tools/gen_ime.sh $(UNIHAN)
	@mkdir -p $(@D)
	sh kiosk/tools/gen_ime.sh $(UNIHAN) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/phone_assets.c: $(PHONE_ASSETS) kiosk/tools/embed.sh
	@mkdir -p $(@D)
	sh kiosk/tools/embed.sh assets/phone web/assets.h phone_assets $(PHONE_ASSETS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CORE_CFLAGS) -c $< -o $@

$(BUILD)/obj/kiosk/core/%.o: kiosk/core/%.c
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) -c $< -o $@

$(WEB_HELPER_SRC:%.c=$(BUILD)/obj/%.o): $(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) -c $< -o $@

$(BUILD)/obj/kiosk/%.o: kiosk/%.c
	@mkdir -p $(@D)
	$(CC) $(UI_CFLAGS) -c $< -o $@

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

# kioskctl: the dispatcher and its commands, one file per subject in kiosk/cli/.
CLI_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(sort $(wildcard kiosk/cli/*.c)))
$(BUILD)/kioskctl: $(BUILD)/obj/kiosk/kioskctl.o $(CLI_OBJ) $(CORE_LIB)
	$(CC) $(BASE_LDFLAGS) $(LDFLAGS) $^ $(CORE_LIBS) -o $@

$(BUILD)/kiosk: $(BUILD)/obj/kiosk/main.o $(UI_OBJ) $(CORE_LIB)
	$(CC) $(BASE_LDFLAGS) $(LDFLAGS) $^ $(UI_LIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) $(BASE_LDFLAGS) $(LDFLAGS) $< $(CORE_LIB) $(call pc_libs,$(PKG_TEST)) $(CORE_LIBS) -o $@

# Unit tests of the drawing layer link the UI objects (not main.o) and run under SDL's dummy driver.
$(BUILD)/tests/uitest_%: tests/unit/uitest_%.c $(UI_OBJ) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(UI_CFLAGS) $(call pc_cflags,$(PKG_TEST)) $(BASE_LDFLAGS) $(LDFLAGS) $< $(UI_OBJ) $(CORE_LIB) $(call pc_libs,$(PKG_TEST)) $(UI_LIBS) -o $@

# The generated headers must exist before anything that includes them compiles.
$(CORE_OBJ) $(UI_OBJ) $(CLI_OBJ) $(BUILD)/obj/kiosk/kioskctl.o $(BUILD)/obj/kiosk/main.o: | $(GEN_SRC)

deps:
	@sh kiosk/tools/deps.sh all

# Only what building and running needs (a board being set up), not the test tools.
deps-build:
	@sh kiosk/tools/deps.sh build

DEMO_DB := $(BUILD)/demo.db
# The demo staff PIN, as in kiosk/core/party/demo.h: for trying staff mode only.
DEMO_PIN := 246810
demo: all
	@test -f $(DEMO_DB) || $(BUILD)/kioskctl --db $(DEMO_DB) init --demo >/dev/null
	@echo "演示数据库: $(DEMO_DB)"
	@$(BUILD)/kioskctl --db $(DEMO_DB) staff list --csv | grep -q '^演示管理员,' || \
	  echo $(DEMO_PIN) | $(BUILD)/kioskctl --db $(DEMO_DB) staff add 演示管理员 >/dev/null
	@echo "工作人员管理模式（仅供演示）：在首页连点社区名称 5 次，密码 $(DEMO_PIN)"

run: deps-build
	@$(MAKE) -s demo
	@if [ -x $(BUILD)/kiosk ]; then $(BUILD)/kiosk --db $(DEMO_DB) --window $(RUN_SIZE); \
	else $(BUILD)/kioskctl --db $(DEMO_DB) meetings list --today; fi

check: deps
	@sh tests/check.sh

# The packaged kiosk booted in qemu: screen, touch, USB, watchdog, power cut (tests/system).
check-system: deps
	@$(MAKE) -s WERROR=1 all $(BUILD)/tools/imgdiff
	@BUILD=$(BUILD) sh tests/system/run.sh

# The boards are arm64: cross-build the core and its unit tests with Debian's multiarch
# packages and run them under qemu-user (kiosk/tools/check-arm64.sh installs what it needs).
check-arm64:
	@sh kiosk/tools/check-arm64.sh

# The core's unit tests alone (what check-arm64 builds for the other architecture).
unit-tests: $(UNIT_BIN)

bench: deps
	@$(MAKE) -s all
	@sh tests/bench/run.sh $(BUILD)
	@for b in tests/bench/*.sh; do [ $$b = tests/bench/run.sh ] || sh $$b $(BUILD) || exit 1; done

fuzz: deps
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# Units and scripts name the installed paths; they are filled in here.
SUBST = sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@DATADIR@|$(DATADIR)|g' -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g'
UNITS_IN := kiosk.service kiosk-backup.service kiosk-usb@.service

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(LIBEXECDIR) \
		$(DESTDIR)$(SYSTEMDDIR) $(DESTDIR)$(UDEVDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR)
	install -m 755 $(BUILD)/kiosk $(BUILD)/kioskctl $(DESTDIR)$(BINDIR)/
	cp -R assets/. $(DESTDIR)$(DATADIR)/
	install -m 644 README.md $(DESTDIR)$(DATADIR)/
	$(SUBST) systemd/kiosk-usb.in > $(DESTDIR)$(LIBEXECDIR)/kiosk-usb
	chmod 755 $(DESTDIR)$(LIBEXECDIR)/kiosk-usb
	for u in $(UNITS_IN); do $(SUBST) systemd/$$u.in > $(DESTDIR)$(SYSTEMDDIR)/$$u; done
	install -m 644 systemd/kiosk-backup.timer $(DESTDIR)$(SYSTEMDDIR)/
	$(SUBST) systemd/90-kiosk-usb.rules.in > $(DESTDIR)$(UDEVDIR)/90-kiosk-usb.rules
	install -m 644 systemd/kiosk.sysusers $(DESTDIR)$(SYSUSERSDIR)/kiosk.conf
	install -m 644 systemd/kiosk.tmpfiles $(DESTDIR)$(TMPFILESDIR)/kiosk.conf

# The Debian package, from debian/ (version: debian/changelog) and this Makefile's install;
# built in a copy under build/deb so the tree stays clean. ARCH=arm64 cross-builds it
# against an arm64 sysroot; kiosk/tools/deb.sh installs what it needs. Only the command line
# sets ARCH (some environments export ARCH=x86_64, which is no Debian architecture).
ARCH :=
deb:
	@sh kiosk/tools/deb.sh $(ARCH)
deb-arm64:
	@sh kiosk/tools/deb.sh arm64

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kiosk $(DESTDIR)$(BINDIR)/kioskctl
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(LIBEXECDIR)
	for u in $(UNITS_IN) kiosk-backup.timer; do rm -f $(DESTDIR)$(SYSTEMDDIR)/$$u; done
	rm -f $(DESTDIR)$(UDEVDIR)/90-kiosk-usb.rules $(DESTDIR)$(SYSUSERSDIR)/kiosk.conf \
		$(DESTDIR)$(TMPFILESDIR)/kiosk.conf

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj $(BUILD)/tests $(BUILD)/tools $(BUILD)/gen -type f -name '*.d' 2>/dev/null)
