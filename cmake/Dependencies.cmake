# Third-party packages of core, all from Debian 12 (packaging/install-deps.sh).
include(${CMAKE_CURRENT_LIST_DIR}/CoreDependencies.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/ModelDependencies.cmake)


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
