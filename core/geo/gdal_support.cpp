#include "geo/gdal_support.h"

#include "base/error.h"
#include "geo/hdf5_quiet.h"

#include <algorithm>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <mutex>

namespace soilscope::geo::detail {

namespace {
void CPL_STDCALL captureHandler(CPLErr level, CPLErrorNum /*code*/, const char* message) {
    if (auto* capture = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData()))
        capture->record(static_cast<int>(level), message);
}
} // namespace

int CPL_STDCALL GdalProgress::trampoline(double complete, const char* /*message*/, void* self) {
    auto* progress = static_cast<GdalProgress*>(self);
    if (progress->m_error)
        return FALSE;
    try {
        reportFraction(progress->m_feedback,
                       std::clamp(complete, 0.0, 1.0)); // GDAL may overshoot 1 slightly
        return TRUE;
    } catch (...) {
        progress->m_error = std::current_exception();
        return FALSE;
    }
}

void ensureGdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        // GDAL would label GRIB temperatures "[C]" while GRIB 1 values stay in kelvin (ERA5
        // t2m read 280 "°C"): keep the file's own units, and convert them where needed.
        CPLSetConfigOption("GRIB_NORMALIZE_UNITS", "NO");
        GDALAllRegister();
    });
}

GdalErrorCapture::GdalErrorCapture() {
    ensureGdal();
    quietHdf5ForThisThread(); // GDAL's netCDF and HDF5 drivers read through HDF5
    CPLErrorReset();
    CPLPushErrorHandlerEx(captureHandler, this);
}

GdalErrorCapture::~GdalErrorCapture() {
    CPLPopErrorHandler();
}

void GdalErrorCapture::record(int level, const char* message) {
    const std::string text = message ? message : "";
    if (level >= static_cast<int>(CE_Failure)) {
        m_failed = true;
        m_failure = text;
    } else if (level == static_cast<int>(CE_Warning)) {
        m_warning = text;
    }
}

std::string GdalErrorCapture::message() const {
    if (!m_failure.empty())
        return m_failure;
    if (!m_warning.empty())
        return m_warning;
    const char* last = CPLGetLastErrorMsg();
    return last ? last : "";
}

void throwGdal(const std::string& what, const std::string& context,
               const GdalErrorCapture& capture) {
    const std::string detail = capture.message();
    throw Error(detail.empty() ? what : what + ": " + detail, context);
}

void throwIfFailed(const std::string& what, const std::string& context,
                   const GdalErrorCapture& capture) {
    if (capture.failed())
        throwGdal(what, context, capture);
}

} // namespace soilscope::geo::detail
