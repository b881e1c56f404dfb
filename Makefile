# Workplan: a thin wrapper over meson for the two commands in the README.
#
#   make run     installs what is missing, builds, opens the demo plan
#   make check   installs what is missing, builds, runs the tests
#
# Debian packages are installed (with apt-get, via sudo unless root) only
# when some are missing.

BUILD      ?= _build
PREFIX     := $(CURDIR)/_install
DEMO_DB    := $(CURDIR)/_demo/demo.db
DEMO_JSON  := $(CURDIR)/data/samples/xiamen-2025.json

BUILD_PACKAGES := meson ninja-build gcc pkg-config gettext libglib2.0-dev \
                  libglib2.0-dev-bin libglib2.0-bin libgtk-4-dev libadwaita-1-dev \
                  libsqlite3-dev libjson-glib-dev desktop-file-utils appstream \
                  libxlsxwriter-dev libzip-dev libxml2-dev libfreexl-dev libuchardet-dev \
                  libpoppler-glib-dev
RUN_PACKAGES   := fonts-noto-cjk adwaita-icon-theme
TEST_PACKAGES  := xvfb xauth xdotool dbus-daemon locales fonts-noto-cjk python3 \
                  at-spi2-core python3-gi gir1.2-atspi-2.0 poppler-utils \
                  python3-openpyxl libreoffice-calc-nogui \
                  python3-docx

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

define install_missing
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" \
	    || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

.PHONY: all build run check deps-build deps-run deps-test demo-reset clean

all: build

deps-build:
	$(call install_missing,$(BUILD_PACKAGES))

deps-run:
	$(call install_missing,$(RUN_PACKAGES))

deps-test:
	$(call install_missing,$(TEST_PACKAGES))
	@if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$$'; then \
	  echo "Enabling the zh_CN.UTF-8 locale"; \
	  $(SUDO) sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen; \
	  grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | $(SUDO) tee -a /etc/locale.gen >/dev/null; \
	  $(SUDO) locale-gen >/dev/null; \
	fi

# Optimised, with debug information: the app as people use it, and what
# the benchmarks in bench/ measure.
$(BUILD)/build.ninja:
	meson setup $(BUILD) --prefix=$(PREFIX) --buildtype=debugoptimized

build: deps-build $(BUILD)/build.ninja
	meson compile -C $(BUILD)

check: deps-build deps-test build
	meson test -C $(BUILD) --print-errorlogs

# The demo runs from a private prefix on its own database file, so nothing of
# the user's own plans is touched. The demo is a 2025 plan: it is shown as it
# stood on 15 July 2025 so that its status lights mean something.
run: deps-build deps-run build
	@# (a build directory set up by hand may install elsewhere)
	meson configure $(BUILD) -Dprefix=$(PREFIX) >/dev/null
	meson install -C $(BUILD) --quiet
	@if [ ! -f $(DEMO_DB) ]; then \
	  mkdir -p $(dir $(DEMO_DB)); \
	  $(PREFIX)/bin/workplan import $(DEMO_JSON) --db $(DEMO_DB); \
	fi
	XDG_DATA_DIRS=$(PREFIX)/share:$${XDG_DATA_DIRS:-/usr/local/share:/usr/share} \
	GSETTINGS_SCHEMA_DIR=$(PREFIX)/share/glib-2.0/schemas \
	WORKPLAN_TODAY=$${WORKPLAN_TODAY:-2025-07-15} \
	$(PREFIX)/bin/workplan --db $(DEMO_DB)

demo-reset:
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

clean:
	rm -rf $(BUILD) $(PREFIX)
