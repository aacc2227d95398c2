#!/usr/bin/env bash
# Installs every Debian 12 package SoilScope needs to build, test, run and benchmark.
# Idempotent: packages already present are skipped. Works as root or through sudo.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang-format
  # core
  libgdal-dev gdal-bin libproj-dev proj-data libboost-dev libsqlite3-dev
  nlohmann-json3-dev libfftw3-dev libnetcdf-dev libhdf5-dev libudunits2-dev zlib1g-dev libtorch-dev libxgboost-dev libsvm-dev
  # GUI
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6 libgl-dev
  # MP4 export of map animations (FFmpeg's libraries: H.264 through libx264)
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev
  # QGIS: the Processing provider (plugins/qgis) and its tests; qgis-common also carries the
  # Natural Earth world map drawn under SoilScope's maps
  qgis python3-qgis qgis-providers qgis-common
  # tests, screenshots and benchmarks
  xvfb xauth imagemagick python3-torch python3-numpy
  # fuzzing (make fuzz: libFuzzer with ASan and UBSan; ncgen writes the netCDF seeds)
  clang libclang-rt-14-dev netcdf-bin
  # MPI: soilscope-cli under mpirun (sweep, search, predict, ... spread over ranks)
  libopenmpi-dev openmpi-bin
  # the Debian package's checks
  lintian
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: not root and no sudo; install these packages: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
