cmake_policy(VERSION 3.25)
# Run with: cmake -DSOURCE_DIR=<repo> -DCLANG_FORMAT=<clang-format> -P CheckFormat.cmake
# Fails when a C++ file of the project differs from the checked-in style (.clang-format).
# widgets/task_strings_generated.cpp is written by a generator and left as it writes it.
if(NOT CLANG_FORMAT)
  message(FATAL_ERROR "clang-format was not found: run packaging/install-deps.sh")
endif()
file(GLOB_RECURSE files ${SOURCE_DIR}/core/*.h ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/widgets/*.h
     ${SOURCE_DIR}/widgets/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/tests/*.h
     ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/bench/*.h ${SOURCE_DIR}/bench/*.cpp)
list(FILTER files EXCLUDE REGEX "/widgets/task_strings_generated\\.cpp$")
list(LENGTH files count)
set(unformatted "")
# In chunks: one clang-format process per 50 files.
set(chunk "")
foreach(f ${files})
  list(APPEND chunk ${f})
  list(LENGTH chunk n)
  if(n EQUAL 50)
    execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror --style=file ${chunk}
                    RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
    if(NOT rc EQUAL 0)
      string(APPEND unformatted "${err}")
    endif()
    set(chunk "")
  endif()
endforeach()
if(chunk)
  execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror --style=file ${chunk}
                  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    string(APPEND unformatted "${err}")
  endif()
endif()
if(unformatted)
  string(REGEX MATCHALL "[^\n]*: error: code should be clang-formatted" lines "${unformatted}")
  list(REMOVE_DUPLICATES lines)
  list(JOIN lines "\n  " msg)
  message(FATAL_ERROR "Not in the checked-in style (run clang-format -i on them):\n  ${msg}")
endif()
message(STATUS "${count} files in the checked-in style")
