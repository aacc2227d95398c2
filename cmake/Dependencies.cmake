# Third-party packages of core, all from Debian 12 (packaging/install-deps.sh).
include(${CMAKE_CURRENT_LIST_DIR}/CoreDependencies.cmake)
find_package(Torch REQUIRED)
# Debian's xgboost CMake config references a missing /usr/bin/xgboost; use the C API directly.
find_library(XGBOOST_LIBRARY NAMES xgboost REQUIRED)
find_path(XGBOOST_INCLUDE_DIR NAMES xgboost/c_api.h REQUIRED)
add_library(soilscope_xgboost INTERFACE)
target_link_libraries(soilscope_xgboost INTERFACE ${XGBOOST_LIBRARY})
target_include_directories(soilscope_xgboost SYSTEM INTERFACE ${XGBOOST_INCLUDE_DIR})
find_library(LIBSVM_LIBRARY NAMES svm REQUIRED)
find_path(LIBSVM_INCLUDE_DIR NAMES libsvm/svm.h REQUIRED)
add_library(soilscope_libsvm INTERFACE)
target_link_libraries(soilscope_libsvm INTERFACE ${LIBSVM_LIBRARY})
target_include_directories(soilscope_libsvm SYSTEM INTERFACE ${LIBSVM_INCLUDE_DIR})

# LibTorch as a target, with its headers treated as system headers (no warnings from them).
add_library(soilscope_torch INTERFACE)
target_link_libraries(soilscope_torch INTERFACE ${TORCH_LIBRARIES})
target_include_directories(soilscope_torch SYSTEM INTERFACE ${TORCH_INCLUDE_DIRS})


# Open MPI (libopenmpi-dev): soilscope-cli under mpirun spreads a run's units over the ranks.
# The C API through the CXX component (the project enables C++ only); no MPI C++ bindings.
set(MPI_CXX_SKIP_MPICXX ON)
find_package(MPI COMPONENTS CXX QUIET)
option(SOILSCOPE_MPI "Build soilscope-cli with MPI (runs under mpirun share their units)"
       ${MPI_CXX_FOUND})
if(SOILSCOPE_MPI AND NOT MPI_CXX_FOUND)
  message(FATAL_ERROR "SOILSCOPE_MPI is ON but no MPI was found (install libopenmpi-dev)")
endif()
# What the tests and benchmarks start soilscope-cli under ("" without MPI).
if(SOILSCOPE_MPI)
  set(SOILSCOPE_MPIEXEC "${MPIEXEC_EXECUTABLE}")
else()
  set(SOILSCOPE_MPIEXEC "")
endif()
