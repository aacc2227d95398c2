#include "products/raw_chunks.h"

#include "base/error.h"
#include "geo/hdf5_quiet.h"
#include "geo/netcdf_lock.h"

#include <hdf5.h>
#include <zlib.h>

#include <cstring>
#include <mutex>

namespace soilscope::products {

namespace {
std::unique_lock<std::recursive_mutex> libraryLock() {
    geo::quietHdf5ForThisThread();
    return std::unique_lock(geo::netcdfLibraryMutex());
}
} // namespace

struct RawChunkVariable::Handles {
    hid_t file = H5I_INVALID_HID;
    hid_t dataset = H5I_INVALID_HID;
    ~Handles() {
        const auto lock = libraryLock();
        if (dataset >= 0)
            H5Dclose(dataset);
        if (file >= 0)
            H5Fclose(file);
    }
};

std::optional<RawChunkVariable> RawChunkVariable::open(const std::string& file,
                                                       const std::string& variable) {
    const auto lock = libraryLock();
    RawChunkVariable v;
    v.m_where = file + ": " + variable;
    v.m_handles = std::make_shared<Handles>();
    if (H5Fis_hdf5(file.c_str()) <= 0)
        return std::nullopt;
    v.m_handles->file = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (v.m_handles->file < 0)
        return std::nullopt;
    v.m_handles->dataset = H5Dopen2(v.m_handles->file, variable.c_str(), H5P_DEFAULT);
    if (v.m_handles->dataset < 0)
        return std::nullopt;
    const hid_t d = v.m_handles->dataset;
    const hid_t type = H5Dget_type(d);
    const bool floating = H5Tget_class(type) == H5T_FLOAT && H5Tget_order(type) == H5T_ORDER_LE;
    v.m_elementSize = H5Tget_size(type);
    H5Tclose(type);
    if (!floating || (v.m_elementSize != 4 && v.m_elementSize != 8))
        return std::nullopt;
    const hid_t space = H5Dget_space(d);
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(std::size_t(std::max(rank, 0)));
    if (rank > 0)
        H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    H5Sclose(space);
    const hid_t plist = H5Dget_create_plist(d);
    bool usable = rank > 0 && H5Pget_layout(plist) == H5D_CHUNKED;
    std::vector<hsize_t> chunk(dims.size());
    if (usable)
        usable = H5Pget_chunk(plist, rank, chunk.data()) == rank;
    const int filters = usable ? H5Pget_nfilters(plist) : 0;
    for (int i = 0; i < filters && usable; ++i) {
        unsigned flags = 0, config = 0;
        std::size_t values = 0;
        const H5Z_filter_t id =
            H5Pget_filter2(plist, unsigned(i), &flags, &values, nullptr, 0, nullptr, &config);
        usable = id == H5Z_FILTER_SHUFFLE || id == H5Z_FILTER_DEFLATE;
        v.m_filters.push_back(int(id));
    }
    H5Pclose(plist);
    if (!usable)
        return std::nullopt;
    v.m_shape.assign(dims.begin(), dims.end());
    v.m_chunk.assign(chunk.begin(), chunk.end());
    return v;
}

RawChunkVariable::Stored RawChunkVariable::read(const std::vector<std::uint64_t>& index) const {
    if (index.size() != m_shape.size())
        throw Error("an index of " + std::to_string(index.size()) + " dimensions", m_where);
    Stored s;
    std::vector<hsize_t> origin(index.size());
    for (std::size_t k = 0; k < index.size(); ++k) {
        if (index[k] >= m_shape[k])
            throw Error("index " + std::to_string(index[k]) + " beyond the dimension's " +
                            std::to_string(m_shape[k]),
                        m_where);
        origin[k] = index[k] / m_chunk[k] * m_chunk[k];
        s.origin.push_back(origin[k]);
    }
    const auto lock = libraryLock();
    hsize_t bytes = 0;
    if (H5Dget_chunk_storage_size(m_handles->dataset, origin.data(), &bytes) < 0 || bytes == 0)
        throw Error("cannot find the stored chunk", m_where);
    s.bytes.resize(bytes);
    if (H5Dread_chunk(m_handles->dataset, H5P_DEFAULT, origin.data(), &s.skippedFilters,
                      s.bytes.data()) < 0)
        throw Error("cannot read the stored chunk", m_where);
    return s;
}

std::vector<double> RawChunkVariable::decode(const Stored& chunk) const {
    std::size_t elements = 1;
    for (const auto c : m_chunk)
        elements *= std::size_t(c);
    const std::size_t size = elements * m_elementSize;
    std::vector<unsigned char> data = chunk.bytes;
    // Undo the pipeline from its last filter to its first.
    for (std::size_t i = m_filters.size(); i-- > 0;) {
        if (chunk.skippedFilters & (1u << i))
            continue;
        std::vector<unsigned char> out(size);
        if (m_filters[i] == H5Z_FILTER_DEFLATE) {
            uLongf length = uLongf(size);
            if (uncompress(out.data(), &length, data.data(), uLong(data.size())) != Z_OK ||
                length != size)
                throw Error("a corrupt deflate chunk", m_where);
        } else { // shuffle: byte b of every element was stored together
            if (data.size() != size)
                throw Error("a chunk of " + std::to_string(data.size()) + " bytes, expected " +
                                std::to_string(size),
                            m_where);
            for (std::size_t b = 0; b < m_elementSize; ++b)
                for (std::size_t e = 0; e < elements; ++e)
                    out[e * m_elementSize + b] = data[b * elements + e];
        }
        data.swap(out);
    }
    if (data.size() != size)
        throw Error("a chunk of " + std::to_string(data.size()) + " bytes, expected " +
                        std::to_string(size),
                    m_where);
    std::vector<double> values(elements);
    for (std::size_t e = 0; e < elements; ++e) {
        if (m_elementSize == 4) {
            float f;
            std::memcpy(&f, data.data() + e * 4, 4);
            values[e] = f;
        } else {
            std::memcpy(&values[e], data.data() + e * 8, 8);
        }
    }
    return values;
}

} // namespace soilscope::products
