# SoilScope: `make run` and `make test` each work alone on a fresh Debian 12 machine.
BUILD_DIR := build
PRESET    := release
JOBS      ?= $(shell nproc)
DEMO_DIR  ?= $(HOME)/.local/share/SoilScope/twin-small
# ccache hits across clones in different folders (CI builds a fresh clone).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps configure build run test bench fuzz clean install-qgis-plugin qgis-plugin-zip package

all: build

deps:
	@bash packaging/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake --preset $(PRESET)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "make run: no display found; starting under xvfb-run (nothing will be visible)"; \
	  xvfb-run -a $(BUILD_DIR)/bin/soilscope --demo "$(DEMO_DIR)"; \
	else \
	  $(BUILD_DIR)/bin/soilscope --demo "$(DEMO_DIR)"; \
	fi

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS)

bench: build
	cmake --build $(BUILD_DIR) --target benchmarks
	@mkdir -p $(BUILD_DIR)/bench
	@rm -f $(BUILD_DIR)/bench/results.json
	@for b in $(BUILD_DIR)/bin/bench_*; do echo "== $$b"; \
	  SOILSCOPE_BENCH_OUT=$(BUILD_DIR)/bench/results.json $$b || exit 1; done
	@echo "results: $(BUILD_DIR)/bench/results.json"

# libFuzzer harnesses (clang, ASan + UBSan) of the readers of hostile input, each run for
# FUZZ_SECONDS (default 60): `make fuzz FUZZ_SECONDS=600`. Findings: build-fuzz/findings/.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash fuzz/run_fuzzers.sh

# The QGIS Processing provider, into the user's QGIS profile (enable it in the plugin manager)
# or as a zip for the plugin manager's "Install from ZIP".
install-qgis-plugin: build
	cmake --build $(BUILD_DIR) --target install_qgis_plugin

qgis-plugin-zip: configure
	cmake --build $(BUILD_DIR) --target qgis_plugin_zip

# A Debian package (build/soilscope_VERSION_ARCH.deb): apt install ./build/soilscope_*.deb
package: build
	cmake --build $(BUILD_DIR) --target package

clean:
	rm -rf $(BUILD_DIR) build-debug build-asan build-fuzz
