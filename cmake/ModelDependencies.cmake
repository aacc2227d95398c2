# Third-party packages of the models layer (LibTorch, XGBoost, libsvm), all from Debian 12
# (packaging/install-deps.sh). Shared by the main build and the fuzzing build (fuzz/).
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
