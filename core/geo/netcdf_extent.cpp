#include "geo/netcdf_extent.h"

#include "base/error.h"

#include <array>
#include <fstream>
#include <string>
#include <vector>

namespace soilscope::geo {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kDimensionTag = 0x0A;
constexpr std::uint32_t kVariableTag = 0x0B;
constexpr std::uint32_t kAttributeTag = 0x0C;
constexpr std::uint64_t kStreaming = 0xFFFFFFFFull;

/// Reads the big-endian header fields of one file (format of the netCDF classic specification).
class HeaderReader {
  public:
    HeaderReader(const fs::path& path, int version)
        : m_in(path, std::ios::binary), m_path(path.string()), m_version(version) {
        std::error_code ec;
        m_size = fs::file_size(path, ec);
    }

    std::uint64_t integer(int bytes) {
        std::array<unsigned char, 8> b{};
        m_in.read(reinterpret_cast<char*>(b.data()), bytes);
        if (!m_in)
            throw Error("the netCDF header is cut off (the file ends inside it)", m_path);
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i)
            v = (v << 8) | b[static_cast<std::size_t>(i)];
        return v;
    }
    std::uint64_t count() { return integer(m_version == 5 ? 8 : 4); }
    void skip(std::uint64_t bytes) {
        const auto at = static_cast<std::uint64_t>(m_in.tellg());
        if (!m_in || at > m_size || bytes > m_size - at)
            throw Error("the netCDF header is cut off (the file ends inside it)", m_path);
        m_in.seekg(static_cast<std::streamoff>(bytes), std::ios::cur);
    }
    /// A list's element count: each element takes at least 4 bytes of the file.
    std::uint64_t listCount(const char* what) {
        const std::uint64_t n = count();
        if (n > m_size / 4)
            malformed(std::string(what) + " of " + std::to_string(n) + " entries in a " +
                      std::to_string(m_size) + "-byte file");
        return n;
    }
    void skipName() { skip(padded(count())); }
    static std::uint64_t padded(std::uint64_t n) {
        return n > UINT64_MAX - 3 ? UINT64_MAX : (n + 3) / 4 * 4;
    }
    void skipAttributes() {
        const std::uint64_t tag = integer(4);
        const std::uint64_t n = listCount("attribute list");
        if (tag == 0)
            return;
        if (tag != kAttributeTag)
            malformed("attribute list");
        for (std::uint64_t i = 0; i < n; ++i) {
            skipName();
            const int size = typeSize(integer(4));
            const std::uint64_t values = count();
            if (values > m_size)
                throw Error("the netCDF header is cut off (the file ends inside it)", m_path);
            skip(padded(values * static_cast<std::uint64_t>(size)));
        }
    }
    int typeSize(std::uint64_t type) const {
        switch (type) {
        case 1:
        case 2:
        case 7:
            return 1;
        case 3:
        case 8:
            return 2;
        case 4:
        case 5:
        case 9:
            return 4;
        case 6:
        case 10:
        case 11:
            return 8;
        default:
            malformed("data type " + std::to_string(type));
        }
        return 0;
    }
    [[noreturn]] void malformed(const std::string& what) const {
        throw Error("the netCDF header is malformed (" + what + ")", m_path);
    }
    int version() const { return m_version; }

  private:
    std::ifstream m_in;
    std::string m_path;
    int m_version;
    std::uint64_t m_size = 0;
};

/// a * b + c, saturating at UINT64_MAX (sizes from a hostile header must not wrap around).
std::uint64_t saturated(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0) {
    std::uint64_t product = 0, sum = 0;
    if (__builtin_mul_overflow(a, b, &product) || __builtin_add_overflow(product, c, &sum))
        return UINT64_MAX;
    return sum;
}

} // namespace

std::optional<std::uint64_t> classicNetcdfExtent(const fs::path& path) {
    std::array<char, 4> magic{};
    {
        std::ifstream in(path, std::ios::binary);
        if (!in.read(magic.data(), 4) || magic[0] != 'C' || magic[1] != 'D' || magic[2] != 'F')
            return std::nullopt;
    }
    const int version = magic[3];
    if (version != 1 && version != 2 && version != 5)
        return std::nullopt;
    HeaderReader h(path, version);
    h.skip(4);
    const std::uint64_t numrecs = h.count();
    std::vector<std::uint64_t> dims;
    if (const auto tag = h.integer(4), n = h.listCount("dimension list"); tag == kDimensionTag) {
        for (std::uint64_t i = 0; i < n; ++i) {
            h.skipName();
            dims.push_back(h.count());
        }
    } else if (tag != 0) {
        h.malformed("dimension list");
    }
    h.skipAttributes();
    struct Var {
        std::uint64_t begin = 0, bytes = 0;
        bool record = false;
    };
    std::vector<Var> vars;
    std::uint64_t recordSize = 0;
    if (const auto tag = h.integer(4), n = h.listCount("variable list"); tag == kVariableTag) {
        for (std::uint64_t i = 0; i < n; ++i) {
            h.skipName();
            const std::uint64_t rank = h.listCount("dimension ids");
            Var v;
            std::uint64_t elements = 1;
            for (std::uint64_t d = 0; d < rank; ++d) {
                const std::uint64_t id = h.count();
                if (id >= dims.size())
                    h.malformed("dimension id " + std::to_string(id));
                if (dims[id] == 0 && d == 0)
                    v.record = true;
                else
                    elements = saturated(elements, dims[id]);
            }
            h.skipAttributes();
            const int size = h.typeSize(h.integer(4));
            const std::uint64_t vsize = h.integer(version == 5 ? 8 : 4);
            v.begin = h.integer(version == 1 ? 4 : 8);
            v.bytes = saturated(elements, static_cast<std::uint64_t>(size));
            if (v.record)
                recordSize = saturated(1, recordSize, vsize);
            vars.push_back(v);
        }
    } else if (tag != 0) {
        h.malformed("variable list");
    }
    if (numrecs == kStreaming)
        return std::nullopt;
    std::uint64_t extent = 0;
    for (const auto& v : vars) {
        if (v.record && numrecs == 0)
            continue;
        const std::uint64_t end =
            v.record ? saturated(numrecs - 1, recordSize, saturated(1, v.begin, v.bytes))
                     : saturated(1, v.begin, v.bytes);
        extent = std::max(extent, end);
    }
    return extent;
}

void checkNetcdfComplete(const fs::path& path) {
    const auto extent = classicNetcdfExtent(path);
    if (!extent)
        return;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec && size < *extent)
        throw Error("the file is truncated: its netCDF header describes " +
                        std::to_string(*extent) + " bytes of data but the file has " +
                        std::to_string(size),
                    path.string());
}

} // namespace soilscope::geo
