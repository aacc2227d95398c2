#pragma once
// A chunked netCDF-4 (HDF5) variable read chunk by chunk as stored, and decoded here: the HDF5
// calls (the library is not thread-safe) run under the netCDF library lock, the costly inflate
// and unshuffle run on any thread. Daily CCI images keep each variable in one deflate-9 chunk of
// the whole globe, so decoding dominates reading them; this lets it run on every core.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::products {

class RawChunkVariable {
  public:
    /// nullopt when the variable is not a chunked little-endian float or double variable whose
    /// filters are only shuffle and deflate (read it through the netCDF library instead).
    static std::optional<RawChunkVariable> open(const std::string& file,
                                                const std::string& variable);

    const std::vector<std::uint64_t>& shape() const { return m_shape; }
    const std::vector<std::uint64_t>& chunkShape() const { return m_chunk; }

    /// A chunk as stored: its first element's index and its (filtered) bytes.
    struct Stored {
        std::vector<std::uint64_t> origin;
        std::vector<unsigned char> bytes;
        std::uint32_t skippedFilters = 0; ///< bit i: pipeline filter i was not applied
    };
    /// The stored chunk holding element `index`. Throws soilscope::Error naming the file.
    Stored read(const std::vector<std::uint64_t>& index) const;
    /// The chunk's values (as stored, converted to double), row-major over chunkShape(). Safe
    /// on any thread. Throws soilscope::Error naming the file for a corrupt chunk.
    std::vector<double> decode(const Stored& chunk) const;

  private:
    struct Handles;
    std::shared_ptr<Handles> m_handles;
    std::string m_where;
    std::vector<std::uint64_t> m_shape, m_chunk;
    std::size_t m_elementSize = 0;
    std::vector<int> m_filters; ///< pipeline order (as written): 2 shuffle, 1 deflate
};

} // namespace soilscope::products
