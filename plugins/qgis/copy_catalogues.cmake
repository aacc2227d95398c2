# cmake -DSRC=<build>/translations -DDST=<plugin>/i18n -P copy_catalogues.cmake: SoilScope's
# compiled catalogues into the plugin (none when the GUI, and with it lrelease, is not built).
file(GLOB catalogues "${SRC}/soilscope_*.qm")
if(catalogues)
  file(COPY ${catalogues} DESTINATION "${DST}")
endif()
