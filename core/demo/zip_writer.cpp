#include "demo/zip_writer.h"

#include "base/atomic_file.h"
#include "base/error.h"

#include <cpl_conv.h>

#include <array>
#include <fstream>

namespace soilscope::demo {

namespace {

std::uint32_t crc32(const std::string& data) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : data)
        c = table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

void put16(std::string& out, std::uint32_t v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

// 2001-01-01 00:00 in MS-DOS format: the archive does not depend on when it was written.
constexpr std::uint32_t kDosTime = 0;
constexpr std::uint32_t kDosDate = ((2001 - 1980) << 9) | (1 << 5) | 1;

} // namespace

void ZipWriter::addFolder(const std::string& name) {
    Entry e;
    e.name = name.back() == '/' ? name : name + "/";
    e.stored = true;
    m_entries.push_back(e);
}

void ZipWriter::addFile(const std::string& name, const std::string& content) {
    Entry e;
    e.name = name;
    e.crc = crc32(content);
    e.size = static_cast<std::uint32_t>(content.size());
    if (content.size() >= 0xFFFFFFFFull)
        throw Error("zip entry too large (no ZIP64 support)", name);
    if (content.empty()) {
        e.stored = true;
    } else {
        std::string out(content.size() + content.size() / 10 + 1024, '\0');
        std::size_t outBytes = 0;
        if (!CPLZLibDeflate(content.data(), content.size(), 6, out.data(), out.size(), &outBytes) ||
            outBytes < 6)
            throw Error("cannot compress zip entry", name);
        // CPLZLibDeflate writes a zlib stream: drop its 2-byte header and 4-byte Adler-32 trailer.
        e.compressed = out.substr(2, outBytes - 6);
    }
    m_entries.push_back(std::move(e));
}

void ZipWriter::write(const std::filesystem::path& path) const {
    std::string out;
    std::vector<Entry> entries = m_entries;
    for (Entry& e : entries) {
        e.offset = static_cast<std::uint32_t>(out.size());
        put32(out, 0x04034b50);
        put16(out, 20);
        put16(out, 0x0800); // UTF-8 names
        put16(out, e.stored ? 0 : 8);
        put16(out, kDosTime);
        put16(out, kDosDate);
        put32(out, e.crc);
        put32(out, static_cast<std::uint32_t>(e.stored ? e.size : e.compressed.size()));
        put32(out, e.size);
        put16(out, static_cast<std::uint32_t>(e.name.size()));
        put16(out, 0);
        out += e.name;
        out += e.compressed;
    }
    const auto centralStart = static_cast<std::uint32_t>(out.size());
    for (const Entry& e : entries) {
        put32(out, 0x02014b50);
        put16(out, (3 << 8) | 20); // made by Unix, version 2.0
        put16(out, 20);
        put16(out, 0x0800);
        put16(out, e.stored ? 0 : 8);
        put16(out, kDosTime);
        put16(out, kDosDate);
        put32(out, e.crc);
        put32(out, static_cast<std::uint32_t>(e.stored ? e.size : e.compressed.size()));
        put32(out, e.size);
        put16(out, static_cast<std::uint32_t>(e.name.size()));
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        const bool folder = !e.name.empty() && e.name.back() == '/';
        put32(out, folder ? ((040755u << 16) | 0x10) : (0100644u << 16));
        put32(out, e.offset);
        out += e.name;
    }
    const auto centralSize = static_cast<std::uint32_t>(out.size()) - centralStart;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put32(out, centralSize);
    put32(out, centralStart);
    put16(out, 0);
    if (out.size() >= 0xFFFFFFFFull)
        throw Error("zip archive too large (no ZIP64 support)", path.string());
    writeAtomically(path, [&](const std::filesystem::path& tmp) {
        std::ofstream f(tmp, std::ios::binary);
        f.write(out.data(), static_cast<std::streamsize>(out.size()));
        if (!f)
            throw Error("cannot write the zip archive", tmp.string());
    });
}

} // namespace soilscope::demo
