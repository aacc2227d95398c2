# `make package`: a Debian package of the desktop application, the engine, the example plugin and
# the QGIS provider, whose dependencies dpkg-shlibdeps derives from the binaries.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME soilscope)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "SoilScope developers <soilscope@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "soil moisture from satellites and in situ stations")
# Debian: the synopsis is the summary above; the extended lines at most 80 characters.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "SoilScope estimates surface soil moisture from satellite data with machine
learning, validates it against in situ stations (ISMN) and gridded
references, and explores it: maps, time series, scatter plots, spectra and
intraday amplitudes. It reads ASCAT, ESA CCI, ERA5, SMAP and Sentinel-1
products as they are distributed. The package holds the Qt desktop
application, the soilscope-cli engine, an example plugin and a QGIS
Processing provider.")
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/soilscope")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Data the binaries read at run time, and what the QGIS provider needs.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "proj-data")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qgis, python3-qgis, qgis-common")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
include(CPack)

install(FILES ${PROJECT_SOURCE_DIR}/packaging/debian/copyright DESTINATION share/doc/soilscope)
# Debian wants the changelog compressed with maximum compression and no time stamp.
set(SOILSCOPE_CHANGELOG_GZ ${CMAKE_BINARY_DIR}/changelog.Debian.gz)
add_custom_command(OUTPUT ${SOILSCOPE_CHANGELOG_GZ}
  COMMAND gzip -9 -n -c ${PROJECT_SOURCE_DIR}/packaging/debian/changelog > ${SOILSCOPE_CHANGELOG_GZ}
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/debian/changelog)
add_custom_target(debian_changelog ALL DEPENDS ${SOILSCOPE_CHANGELOG_GZ})
install(FILES ${SOILSCOPE_CHANGELOG_GZ} DESTINATION share/doc/soilscope)
