# The layers of core below the models: no LibTorch, no Qt. The main build and the fuzzing
# build (fuzz/) both declare them from here.
soilscope_add_layer(base LIBS nlohmann_json::nlohmann_json Threads::Threads soilscope_udunits ZLIB::ZLIB)
soilscope_add_layer(kernels)
soilscope_add_layer(geo LIBS GDAL::GDAL PROJ::proj PkgConfig::HDF5)
soilscope_add_layer(series)
soilscope_add_layer(products LIBS PkgConfig::NETCDF)
soilscope_add_layer(stations LIBS GDAL::GDAL)
soilscope_add_layer(analysis LIBS PkgConfig::FFTW3)
soilscope_add_layer(features)
soilscope_add_layer(project LIBS SQLite::SQLite3)
