#pragma once
// GDAL's block cache held small while a map is written block by block.
#include <cstdint>

namespace soilscope::geo {

/// While alive, GDAL's block cache (process-wide) is at most `bytes`, unless the user chose its
/// size (GDAL_CACHEMAX in the environment or GDAL's configuration): GDAL's default, 5 % of the
/// machine's memory, fills with blocks a tile-by-tile writer never reads again, on every process
/// of an mpirun job. Nested or concurrent limits share the smallest; the size GDAL had comes back
/// when the last one ends.
class BlockCacheLimit {
  public:
    explicit BlockCacheLimit(std::int64_t bytes);
    ~BlockCacheLimit();
    BlockCacheLimit(const BlockCacheLimit&) = delete;
    BlockCacheLimit& operator=(const BlockCacheLimit&) = delete;

  private:
    bool m_active = false;
};

} // namespace soilscope::geo
