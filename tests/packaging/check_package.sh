#!/usr/bin/env bash
# Builds the Debian package from a built tree and checks it: contents, declared dependencies,
# no lintian error, and the packaged engine finding its packaged plugin.
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
for f in usr/bin/soilscope usr/bin/soilscope-cli usr/lib/soilscope/plugins/swi.so \
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
echo "package $deb: contents, dependencies and lintian checked"
