#!/usr/bin/env bash
# Builds the Debian package from a built tree and checks it: contents, declared dependencies,
# no lintian error, the packaged engine finding its packaged plugins, and — as root, when no
# soilscope package is installed already — a real `apt-get install ./soilscope_*.deb` (offline:
# install-deps.sh put every dependency there), the installed programs run, then its removal.
set -euo pipefail
build=$1
cd "$build"
rm -rf soilscope_*.deb package-check
if ! cpack -G DEB > cpack.log 2>&1; then
  cat cpack.log
  exit 1
fi
deb=$(ls soilscope_*.deb)
contents=$(dpkg-deb -c "$deb")
for f in usr/bin/soilscope usr/bin/soilscope-cli usr/bin/soilscope-cli-full \
         usr/lib/soilscope/plugins/swi.so usr/lib/soilscope/plugins/linear_models.so \
         usr/share/applications/org.soilscope.SoilScope.desktop \
         usr/share/metainfo/org.soilscope.SoilScope.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/org.soilscope.SoilScope.svg \
         usr/share/qgis/python/plugins/soilscope/metadata.txt \
         usr/share/soilscope/translations/soilscope_de.qm \
         usr/share/doc/soilscope/copyright usr/share/doc/soilscope/changelog.Debian.gz; do
  if ! grep -q "\./$f\$" <<<"$contents"; then
    echo "the package lacks $f"
    exit 1
  fi
done
depends=$(dpkg-deb -f "$deb" Depends)
for d in libgdal32 libqt6widgets6 libtorch libnetcdf proj-data; do
  if ! grep -q "$d" <<<"$depends"; then
    echo "Depends lacks $d: $depends"
    exit 1
  fi
done
if command -v lintian > /dev/null; then
  report=$(lintian "$deb" 2>&1 || true)
  echo "$report"
  if grep -q "^E:" <<<"$report"; then
    echo "lintian reports errors"
    exit 1
  fi
else
  echo "lintian is not installed: not run"
fi
dpkg-deb -x "$deb" package-check
if ! package-check/usr/bin/soilscope-cli help | grep -q swi-series; then
  echo "the packaged soilscope-cli does not find the packaged plugin"
  exit 1
fi
rm -rf package-check

installed=""
if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null &&
   ! dpkg-query -W -f='${Status}' soilscope 2>/dev/null | grep -q "install ok installed"; then
  trap 'apt-get remove -y -qq soilscope > /dev/null 2>&1 || true' EXIT
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
       "$PWD/$deb" > apt-install.log 2>&1; then
    cat apt-install.log
    echo "apt-get install ./$deb failed"
    exit 1
  fi
  /usr/bin/soilscope-cli --version
  help=$(/usr/bin/soilscope-cli help)
  grep -q swi-series <<<"$help" || { echo "installed: no swi-series"; exit 1; }
  described=$(/usr/bin/soilscope-cli help --json)
  grep -q '"ridge"' <<<"$described" || { echo "installed: no ridge model family"; exit 1; }
  /usr/bin/soilscope-cli help stations > /dev/null # soilscope-cli's own Tasks
  /usr/bin/soilscope-cli help train > /dev/null    # and soilscope-cli-full's
  QT_QPA_PLATFORM=offscreen /usr/bin/soilscope --version
  for f in /usr/share/applications/org.soilscope.SoilScope.desktop \
           /usr/share/qgis/python/plugins/soilscope/metadata.txt; do
    [ -f "$f" ] || { echo "installed: $f missing"; exit 1; }
  done
  apt-get remove -y -qq soilscope > /dev/null
  trap - EXIT
  [ ! -e /usr/bin/soilscope-cli ] || { echo "apt-get remove left /usr/bin/soilscope-cli"; exit 1; }
  installed=", installed with apt-get, run and removed"
else
  echo "not root or a soilscope package is installed already: apt-get install not tried"
fi
echo "package $deb: contents, dependencies and lintian checked$installed"
