#include "geo/block_cache_limit.h"

#include "geo/gdal_support.h"

#include <cpl_conv.h>
#include <gdal.h>

#include <algorithm>
#include <mutex>

namespace soilscope::geo {

namespace {
std::mutex g_mutex;
int g_holders = 0;
std::int64_t g_before = 0; ///< GDAL's size when the first limit began
} // namespace

BlockCacheLimit::BlockCacheLimit(std::int64_t bytes) {
    detail::ensureGdal();
    if (CPLGetConfigOption("GDAL_CACHEMAX", nullptr) != nullptr)
        return; // the user's choice
    const std::lock_guard lock(g_mutex);
    if (g_holders++ == 0)
        g_before = GDALGetCacheMax64();
    GDALSetCacheMax64(std::min<std::int64_t>(GDALGetCacheMax64(), bytes));
    m_active = true;
}

BlockCacheLimit::~BlockCacheLimit() {
    if (!m_active)
        return;
    const std::lock_guard lock(g_mutex);
    if (--g_holders == 0)
        GDALSetCacheMax64(g_before);
}

} // namespace soilscope::geo
