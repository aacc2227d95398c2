#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::stations {

/// Reads a whole file through GDAL's VSI layer (plain paths, /vsizip/..., /vsimem/...).
/// Throws soilscope::Error naming the file when it cannot be read.
std::string readVsiFile(const std::string& path);

/// Reads at most maxBytes from the start of a file through GDAL VSI.
std::string readVsiFileStart(const std::string& path, std::size_t maxBytes);

/// Size in bytes, or nullopt when the path does not exist; isFolder tells folders apart.
std::optional<std::uint64_t> vsiFileSize(const std::string& path, bool* isFolder = nullptr);

/// Relative paths of the files (not folders) below a folder or zip root, sorted.
std::vector<std::string> listVsiFilesRecursive(const std::string& root);

} // namespace soilscope::stations
