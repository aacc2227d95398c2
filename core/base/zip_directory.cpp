#include "base/zip_directory.h"

#include "base/crc32.h"
#include "base/error.h"
#include "base/input_limits.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

namespace soilscope {

namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::size_t kEndRecordBytes = 22;

/// Little-endian fields of a byte range; reading past its end is a truncation error.
class Fields {
  public:
    /// bytes hold the file from offset base on; at is a file offset.
    Fields(const std::string& bytes, std::uint64_t base, std::uint64_t at, const std::string& path)
        : m_bytes(bytes), m_base(base), m_at(at), m_path(path) {}
    std::uint64_t take(int width) {
        const std::size_t i = index(static_cast<std::uint64_t>(width));
        std::uint64_t v = 0;
        for (int k = width - 1; k >= 0; --k)
            v = (v << 8) | static_cast<unsigned char>(m_bytes[i + k]);
        m_at += width;
        return v;
    }
    std::string text(std::uint64_t size) {
        std::string s = m_bytes.substr(index(size), size);
        m_at += size;
        return s;
    }
    void skip(std::uint64_t size) { text(size); }
    std::uint64_t at() const { return m_at; }

  private:
    std::size_t index(std::uint64_t size) const {
        if (m_at < m_base)
            throw Error("zip archive with a central directory too large or misplaced to read",
                        m_path);
        const std::uint64_t i = m_at - m_base;
        if (i > m_bytes.size() || m_bytes.size() - i < size)
            throw Error("corrupt or truncated zip archive: its directory runs past the end",
                        m_path);
        return static_cast<std::size_t>(i);
    }

  private:
    const std::string& m_bytes;
    std::uint64_t m_base;
    std::uint64_t m_at;
    const std::string& m_path;
};

std::uint64_t findEndRecord(const std::string& bytes, std::uint64_t base, const std::string& path) {
    if (bytes.size() >= kEndRecordBytes) {
        const std::uint64_t lowest =
            bytes.size() > kEndRecordBytes + 0xFFFF ? bytes.size() - kEndRecordBytes - 0xFFFF : 0;
        for (std::uint64_t at = bytes.size() - kEndRecordBytes + 1; at-- > lowest;)
            if (Fields(bytes, 0, at, path).take(4) == kEndOfDirectory)
                return base + at;
    }
    throw Error(bytes.empty() ? "empty file, not a zip archive"
                              : "not a zip archive, or a truncated one: it has no "
                                "end-of-central-directory record",
                path);
}

/// The zip64 extra field replaces the 32-bit fields that hold 0xFFFFFFFF, in a fixed order.
void applyZip64Extra(const std::string& extra, ZipMember& m, const std::string& path) {
    Fields f(extra, 0, 0, path);
    while (f.at() + 4 <= extra.size()) {
        const auto id = f.take(2);
        const auto size = f.take(2);
        if (id != 0x0001) {
            f.skip(size);
            continue;
        }
        const std::string field = f.text(size);
        Fields z(field, 0, 0, path);
        if (m.uncompressedBytes == 0xFFFFFFFFu)
            m.uncompressedBytes = z.take(8);
        if (m.compressedBytes == 0xFFFFFFFFu)
            m.compressedBytes = z.take(8);
        if (m.localHeaderOffset == 0xFFFFFFFFu)
            m.localHeaderOffset = z.take(8);
        return;
    }
}

} // namespace

ZipDirectory ZipDirectory::read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open the zip archive for reading", path);
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::uint64_t>(in.tellg());
    // The directory and the end records sit at the end: only the tail is read.
    const std::uint64_t tail = std::min<std::uint64_t>(size, 64ull << 20);
    in.seekg(static_cast<std::streamoff>(size - tail));
    std::string bytes(tail, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(tail));
    if (!in)
        throw Error("cannot read the zip archive", path);
    return parse(bytes, path, size - tail);
}

ZipDirectory ZipDirectory::parse(const std::string& bytes, const std::string& path,
                                 std::uint64_t base) {
    ZipDirectory dir;
    dir.m_path = path;
    const std::uint64_t endAt = findEndRecord(bytes, base, path);
    Fields end(bytes, base, endAt + 4, path);
    end.skip(6);
    std::uint64_t count = end.take(2);
    std::uint64_t directoryBytes = end.take(4);
    std::uint64_t directoryAt = end.take(4);
    if ((count == 0xFFFF || directoryBytes == 0xFFFFFFFFu || directoryAt == 0xFFFFFFFFu) &&
        endAt >= base + 20 && Fields(bytes, base, endAt - 20, path).take(4) == kZip64Locator) {
        Fields locator(bytes, base, endAt - 20 + 8, path);
        Fields end64(bytes, base, locator.take(8), path);
        if (end64.take(4) != kZip64EndOfDirectory)
            throw Error("corrupt zip64 archive: the zip64 end record is not where the locator "
                        "points",
                        path);
        end64.skip(8 + 2 + 2 + 4 + 4 + 8);
        count = end64.take(8);
        directoryBytes = end64.take(8);
        directoryAt = end64.take(8);
    }
    if (directoryAt > endAt || directoryBytes > endAt - directoryAt)
        throw Error("corrupt or truncated zip archive: the central directory (" +
                        std::to_string(directoryBytes) + " bytes at offset " +
                        std::to_string(directoryAt) + ") does not end before its end record at " +
                        std::to_string(endAt),
                    path);
    // Each entry takes at least 46 bytes: a count beyond that is a lie, not an allocation size.
    if (count > directoryBytes / 46)
        throw Error("corrupt zip archive: " + std::to_string(count) + " members cannot fit in a " +
                        std::to_string(directoryBytes) + "-byte central directory",
                    path);
    Fields f(bytes, base, directoryAt, path);
    dir.m_members.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        if (f.take(4) != kDirectoryEntry)
            throw Error("corrupt zip archive: entry " + std::to_string(i + 1) +
                            " of the central directory has no entry signature",
                        path);
        ZipMember m;
        f.skip(4);
        const auto flags = f.take(2);
        m.encrypted = (flags & 1u) != 0;
        m.method = static_cast<std::uint16_t>(f.take(2));
        f.skip(4);
        m.crc32 = static_cast<std::uint32_t>(f.take(4));
        m.compressedBytes = f.take(4);
        m.uncompressedBytes = f.take(4);
        const auto nameBytes = f.take(2);
        const auto extraBytes = f.take(2);
        const auto commentBytes = f.take(2);
        f.skip(8);
        m.localHeaderOffset = f.take(4);
        m.name = f.text(nameBytes);
        applyZip64Extra(f.text(extraBytes), m, path);
        f.skip(commentBytes);
        if (m.localHeaderOffset > directoryAt ||
            m.compressedBytes > directoryAt - m.localHeaderOffset)
            throw Error("corrupt or truncated zip archive: member '" + m.name +
                            "' would end past the start of the central directory",
                        path);
        dir.m_index.emplace(m.name, dir.m_members.size());
        dir.m_members.push_back(std::move(m));
    }
    return dir;
}

const ZipMember* ZipDirectory::find(const std::string& name) const {
    const auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_members[it->second];
}

void ZipDirectory::checkUnpackable(const ZipMember& m) const {
    const std::string member = "member '" + m.name + "'";
    if (m.encrypted)
        throw Error(member + " is encrypted; SoilScope reads only unencrypted archives", m_path);
    if (m.method != 0 && m.method != 8)
        throw Error(member + " uses compression method " + std::to_string(m.method) +
                        "; SoilScope reads stored and deflated members",
                    m_path);
    const InputLimits& limits = inputLimits();
    const std::string sizes = " declares " + formatByteSize(m.uncompressedBytes) + " from " +
                              formatByteSize(m.compressedBytes) + " compressed";
    const std::string raise = " (a possible zip bomb; raise the cap with --max-unpacked SIZE)";
    if (m.uncompressedBytes > limits.maxUnpackedBytes)
        throw Error(member + sizes + ", above the cap of " +
                        formatByteSize(limits.maxUnpackedBytes) + raise,
                    m_path);
    const double ratio = static_cast<double>(m.uncompressedBytes) /
                         static_cast<double>(std::max<std::uint64_t>(m.compressedBytes, 1));
    if (!limits.raisedByUser && m.uncompressedBytes > limits.ratioFloorBytes &&
        ratio > limits.maxExpansionRatio) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.0f:1", ratio);
        throw Error(member + sizes + " (ratio " + buf + ", above " +
                        std::to_string(static_cast<int>(limits.maxExpansionRatio)) + ":1)" + raise,
                    m_path);
    }
}

namespace {
std::string hex8(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08X", v);
    return buf;
}

/// Inflates raw deflate data (zip method 8) chunk by chunk.
class Inflater {
  public:
    explicit Inflater(const std::string& context) : m_context(context) {
        if (inflateInit2(&m_z, -MAX_WBITS) != Z_OK)
            throw Error("cannot start the deflate decoder", context);
    }
    ~Inflater() { inflateEnd(&m_z); }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;
    /// Appends the output of `in` to out, at most up to `limit` bytes; true at the stream end.
    bool feed(const char* in, std::size_t size, std::string& out, std::uint64_t limit,
              const std::function<bool()>& canceled) {
        m_z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
        m_z.avail_in = static_cast<uInt>(size);
        char buf[1 << 16];
        while (out.size() < limit) {
            if (canceled && canceled()) // one compressed chunk may unpack to gigabytes
                throw CanceledError();
            m_z.next_out = reinterpret_cast<Bytef*>(buf);
            m_z.avail_out = sizeof buf;
            const int rc = inflate(&m_z, Z_NO_FLUSH);
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
                throw Error("corrupt deflate data" +
                                std::string(m_z.msg ? std::string(": ") + m_z.msg : ""),
                            m_context);
            const std::size_t produced = sizeof buf - m_z.avail_out;
            out.append(buf, std::min<std::uint64_t>(produced, limit - out.size()));
            if (rc == Z_STREAM_END)
                return true;
            if (produced == 0 && m_z.avail_in == 0)
                return false;
            if (rc == Z_BUF_ERROR && produced == 0)
                return false;
        }
        return false;
    }

  private:
    z_stream m_z{};
    std::string m_context;
};
} // namespace

std::string ZipDirectory::readMember(const ZipMember& m, std::uint64_t maxBytes,
                                     const std::function<bool()>& canceled) const {
    checkUnpackable(m);
    const std::string context = m_path + " (member '" + m.name + "')";
    std::ifstream in(m_path, std::ios::binary);
    if (!in)
        throw Error("cannot open the zip archive for reading", m_path);
    in.seekg(0, std::ios::end);
    const auto fileSize = static_cast<std::uint64_t>(in.tellg());
    std::string header(30, '\0');
    in.seekg(static_cast<std::streamoff>(m.localHeaderOffset));
    if (!in.read(header.data(), 30))
        throw Error("truncated zip archive: the member's local header is cut", context);
    Fields local(header, 0, 0, m_path);
    if (local.take(4) != 0x04034b50)
        throw Error("corrupt zip archive: no local header where the directory points", context);
    local.skip(22);
    const std::uint64_t dataAt = m.localHeaderOffset + 30 + local.take(2) + local.take(2);
    if (dataAt > fileSize || m.compressedBytes > fileSize - dataAt)
        throw Error("truncated zip archive: the member's data runs past the end", context);
    in.seekg(static_cast<std::streamoff>(dataAt));

    const bool whole = maxBytes >= m.uncompressedBytes;
    // One byte beyond the declared size shows a stream longer than its header says.
    const std::uint64_t limit = whole ? m.uncompressedBytes + 1 : maxBytes;
    std::string out;
    out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(limit, 64ull << 20)));
    std::optional<Inflater> inflater;
    if (m.method == 8)
        inflater.emplace(context);
    std::string chunk(std::size_t{1} << 20, '\0');
    std::uint64_t left = m.compressedBytes;
    bool ended = false;
    while (left > 0 && out.size() < limit && !ended) {
        if (canceled && canceled())
            throw CanceledError();
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
        if (!in.read(chunk.data(), static_cast<std::streamsize>(n)))
            throw Error("cannot read the member's data", context);
        left -= n;
        if (inflater)
            ended = inflater->feed(chunk.data(), n, out, limit, canceled);
        else
            out.append(chunk.data(), std::min<std::uint64_t>(n, limit - out.size()));
    }
    if (!whole)
        return out;
    if (out.size() != m.uncompressedBytes)
        throw Error("member '" + m.name + "' unpacks to " + std::to_string(out.size()) +
                        " bytes where the archive declares " + std::to_string(m.uncompressedBytes) +
                        " (a corrupt archive)",
                    m_path);
    const std::uint32_t crc = crc32Update(0, out.data(), out.size());
    if (crc != m.crc32)
        throw Error("member '" + m.name + "' is corrupt: its CRC-32 is " + hex8(crc) +
                        " where the archive records " + hex8(m.crc32),
                    m_path);
    return out;
}

} // namespace soilscope
