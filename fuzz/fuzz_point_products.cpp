// Real-product readers on arbitrary netCDF bytes: CF point time series (contiguous and indexed
// ragged arrays, as ASCAT WARP cells) and Level 2 swaths. The bytes go to a file first (the
// netCDF library reads files).
#include "base/error.h"
#include "products/point_series_file.h"
#include "products/swath_file.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace soilscope::products;
    static const std::filesystem::path file =
        std::filesystem::temp_directory_path() /
        ("soilscope-fuzz-" + std::to_string(::getpid()) + ".nc");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        const PointSeriesFile points(file);
        const std::string sm = points.soilMoistureVariable();
        if (!sm.empty() && !points.locations().empty()) {
            points.series(0, sm);
            points.nearest(16.0, 48.0);
        }
    } catch (const soilscope::Error&) {
    }
    try {
        const SwathFile swath(file);
        const std::string sm = swath.soilMoistureVariable();
        if (!sm.empty())
            swath.values(sm);
        for (std::size_t i = 0; i < swath.nodeCount() && i < 16; ++i)
            swath.timeOf(i);
    } catch (const soilscope::Error&) {
    }
    return 0;
}
