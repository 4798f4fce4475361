# Haechi: `make run` opens the application, `make test` runs every check. Nothing else is needed.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Debian packages: the command each one provides, so a present tool is not reinstalled.
SYSTEM_TOOLS := file:libmagic1 fls:sleuthkit ewfacquire:ewf-tools mke2fs:e2fsprogs \
	mkfs.vfat:dosfstools mcopy:mtools mkntfs:ntfs-3g mkfs.exfat:exfatprogs \
	genisoimage:genisoimage sfdisk:fdisk makefs:makefs Xvfb:xvfb xauth:xauth pdftoppm:poppler-utils \
	img2simg:android-sdk-libsparse-utils mksquashfs:squashfs-tools lrelease:qt6-l10n-tools \
	libxcb-cursor:libxcb-cursor0 libxcb-icccm:libxcb-icccm4 libxcb-keysyms:libxcb-keysyms1 \
	mkfs.f2fs:f2fs-tools mkfs.erofs:erofs-utils hashdeep:hashdeep mount.exfat-fuse:exfat-fuse photorec:testdisk ffmpeg:ffmpeg

.PHONY: run test test-all lint system-deps venv clean fixtures translations

system-deps:
	@missing=""; for pair in $(SYSTEM_TOOLS); do tool=$${pair%%:*}; pkg=$${pair##*:}; \
	  if [ "$$tool" = lrelease ]; then test -x /usr/lib/qt6/bin/lrelease || missing="$$missing $$pkg"; \
	  elif [ "$$tool" = file ]; then ldconfig -p | grep -q libmagic.so.1 || missing="$$missing $$pkg"; \
	  elif [ "$${tool#lib}" != "$$tool" ]; then ldconfig -p | grep -q "$$tool.so" || missing="$$missing $$pkg"; \
	  else PATH="$$PATH:/usr/sbin:/sbin" command -v $$tool >/dev/null || missing="$$missing $$pkg"; fi; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; fi; fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: system-deps $(STAMP)

# Qt translations: resources/translations/*.ts -> .qm (loaded by the desktop app at start)
TS_FILES := $(wildcard resources/translations/*.ts)
translations: system-deps $(TS_FILES:.ts=.qm)

%.qm: %.ts
	/usr/lib/qt6/bin/lrelease -silent $< -qm $@

run: venv translations
	$(BIN)/haechi

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint translations
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

# Everything, with the mutation run at full size (tests/test_fuzz_mutants.py; `make test` runs 10).
FUZZ_MUTANTS ?= 300
test-all: lint translations
	QT_QPA_PLATFORM=offscreen HAECHI_FUZZ_MUTANTS=$(FUZZ_MUTANTS) $(BIN)/pytest -q -m "fuzz or not fuzz"

# Test images built by real tools into tests/.cache/, with a SHA-256 manifest (tests build them anyway).
fixtures: venv
	$(BIN)/python tests/imaging.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
