#pragma once
#include "base/feedback.h"
#include "base/zip_directory.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soilscope::stations {

/// Reads a whole file through GDAL's VSI layer (plain paths, /vsizip/..., /vsimem/...).
/// Throws soilscope::Error naming the file when it cannot be read. A zip member is checked
/// against the archive's directory first (encryption, size caps of base/input_limits.h) and
/// its CRC-32 and size after unpacking. Throws CanceledError when feedback is canceled or
/// an interrupt was requested (Ctrl-C) while reading.
std::string readVsiFile(const std::string& path, Feedback* feedback = nullptr);

/// The bytes a plain file is read in by readVsiFileChunks.
inline constexpr std::size_t kVsiChunkBytes = std::size_t{4} << 20;

/// Reads a file as readVsiFile does, handing its content to `consume` in order: a plain file
/// in chunks of kVsiChunkBytes (memory stays bounded), a zip member whole (after its checks).
/// Reading stops early when `consume` returns false.
void readVsiFileChunks(const std::string& path, Feedback* feedback,
                       const std::function<bool(std::string_view)>& consume);

/// Reads at most maxBytes from the start of a file through GDAL VSI.
std::string readVsiFileStart(const std::string& path, std::size_t maxBytes);

/// Size in bytes, or nullopt when the path does not exist; isFolder tells folders apart.
std::optional<std::uint64_t> vsiFileSize(const std::string& path, bool* isFolder = nullptr);

/// The central directory of a zip archive (a plain path), read once and kept while the file's
/// size and time stay the same. Throws soilscope::Error for a corrupt or truncated archive.
std::shared_ptr<const ZipDirectory> zipDirectoryOf(const std::string& archive);

/// Relative paths of the files (not folders) below a folder or zip root, sorted.
std::vector<std::string> listVsiFilesRecursive(const std::string& root);

} // namespace soilscope::stations
