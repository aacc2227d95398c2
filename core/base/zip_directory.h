#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace soilscope {

/// One member as the zip's central directory records it.
struct ZipMember {
    std::string name;
    std::uint16_t method = 0; ///< 0 stored, 8 deflate
    bool encrypted = false;
    std::uint32_t crc32 = 0;
    std::uint64_t compressedBytes = 0;
    std::uint64_t uncompressedBytes = 0;
    std::uint64_t localHeaderOffset = 0;
};

/// The central directory of a zip archive (zip64 included), checked against the file's size:
/// a truncated or corrupt archive, or a member lying past its end, is an Error naming the file
/// and the problem, before any member is decompressed.
class ZipDirectory {
  public:
    /// Reads the directory of the zip file at path (a plain file).
    static ZipDirectory read(const std::string& path);
    /// Parses the directory from the archive's bytes from file offset base on (the whole file
    /// when base is 0: tests and fuzzing); path names it in errors.
    static ZipDirectory parse(const std::string& bytes, const std::string& path,
                              std::uint64_t base = 0);

    const std::string& path() const { return m_path; }
    const std::vector<ZipMember>& members() const { return m_members; }
    /// The member of that name (as stored, '/' separated), or nullptr.
    const ZipMember* find(const std::string& name) const;
    /// Throws an Error when the member may not be unpacked under inputLimits(): encrypted, an
    /// unknown method, or a declared size beyond the caps (a zip bomb).
    void checkUnpackable(const ZipMember& member) const;
    /// Unpacks a member (stored or deflated) from the archive after checkUnpackable: the whole
    /// member, with its size and CRC-32 checked against the directory, or only its first
    /// maxBytes. `canceled` is asked between chunks (true: CanceledError).
    std::string readMember(const ZipMember& member, std::uint64_t maxBytes = UINT64_MAX,
                           const std::function<bool()>& canceled = {}) const;

  private:
    std::string m_path;
    std::vector<ZipMember> m_members;
    std::map<std::string, std::size_t> m_index; ///< name → position (the first of duplicates)
};

} // namespace soilscope
