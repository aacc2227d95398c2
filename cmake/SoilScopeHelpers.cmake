include(${CMAKE_CURRENT_LIST_DIR}/Layers.cmake)
get_filename_component(SOILSCOPE_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

set(SOILSCOPE_WARNINGS -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
# GCC 12 at -O3 reports known false positives from inlined standard-library code
# (restrict/stringop/array-bounds/maybe-uninitialized); they must not fail the build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND SOILSCOPE_WARNINGS -Wno-restrict -Wno-stringop-overflow -Wno-stringop-overread
       -Wno-array-bounds -Wno-maybe-uninitialized)
endif()
if(SOILSCOPE_WERROR)
  list(APPEND SOILSCOPE_WARNINGS -Werror)
endif()

# soilscope_add_layer(NAME [LIBS targets...])
# Builds core/<NAME>/*.cpp into soilscope_<NAME>, linked to the layers of Layers.cmake.
function(soilscope_add_layer name)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  # A layer may keep parts in sub-folders (core/workloads/<id>/).
  file(GLOB sources CONFIGURE_DEPENDS ${SOILSCOPE_ROOT}/core/${name}/*.cpp
       ${SOILSCOPE_ROOT}/core/${name}/*/*.cpp)
  set(target soilscope_${name})
  set(deps "")
  foreach(dep ${SOILSCOPE_LAYER_DEPS_${name}})
    if(dep STREQUAL "tasks") # Tasks register from static initialisers: linked whole everywhere
      list(APPEND deps "$<LINK_LIBRARY:WHOLE_ARCHIVE,soilscope_tasks>")
    else()
      list(APPEND deps soilscope_${dep})
    endif()
  endforeach()
  if(sources)
    add_library(${target} STATIC ${sources})
    target_include_directories(${target} PUBLIC ${SOILSCOPE_ROOT}/core)
    target_compile_options(${target} PRIVATE ${SOILSCOPE_WARNINGS})
    target_link_libraries(${target} PUBLIC ${deps} ${ARG_LIBS})
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${SOILSCOPE_ROOT}/core)
    target_link_libraries(${target} INTERFACE ${deps} ${ARG_LIBS})
  endif()
endfunction()

# soilscope_add_qtest(SOURCE LIBS ...) : one Qt Test executable per source file, run by CTest.
function(soilscope_add_qtest source)
  cmake_parse_arguments(ARG "" "LABEL" "LIBS" ${ARGN})
  get_filename_component(name ${source} NAME_WE)
  add_executable(${name} ${source})
  set_target_properties(${name} PROPERTIES AUTOMOC ON)
  target_compile_options(${name} PRIVATE ${SOILSCOPE_WARNINGS})
  target_compile_definitions(${name} PRIVATE
    SOILSCOPE_SHARED_DATA="${SOILSCOPE_SHARED_DATA}"
    SOILSCOPE_TEST_DATA="${SOILSCOPE_TEST_DATA}"
    SOILSCOPE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SOILSCOPE_CLI="$<TARGET_FILE:soilscope-cli>"
    SOILSCOPE_MPIEXEC="${SOILSCOPE_MPIEXEC}"
    QT_NO_KEYWORDS)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen" TIMEOUT 600)
  if(ARG_LABEL)
    set_tests_properties(${name} PROPERTIES LABELS ${ARG_LABEL})
  endif()
endfunction()
