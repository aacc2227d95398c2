#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace soilscope::demo {

/// A minimal, deterministic ZIP writer: deflated entries with a fixed time stamp, folder
/// entries, and no extra fields, so the same content always gives the same bytes.
class ZipWriter {
  public:
    /// Adds a folder entry ("Network/Station/"); parents are not added implicitly.
    void addFolder(const std::string& name);
    /// Adds a file entry with its content (deflated).
    void addFile(const std::string& name, const std::string& content);
    /// Writes the archive atomically; throws soilscope::Error.
    void write(const std::filesystem::path& path) const;

  private:
    struct Entry {
        std::string name;
        std::uint32_t crc = 0;
        std::uint32_t size = 0;
        std::string compressed;
        bool stored = false;
        std::uint32_t offset = 0;
    };
    std::vector<Entry> m_entries;
};

} // namespace soilscope::demo
