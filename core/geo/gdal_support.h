#pragma once
// Internal helpers of core/geo for calling GDAL safely; not part of the public API.
#include "geo/grid.h"

#include <cpl_progress.h>

#include <exception>
#include <string>

namespace soilscope::geo::detail {

/// Registers GDAL drivers once per process.
void ensureGdal();

/// While alive, GDAL messages on this thread are captured instead of printed (GDAL's error
/// handler stack is per thread). Callers check failed() and throw soilscope::Error themselves:
/// an exception must never be thrown through GDAL's C code.
class GdalErrorCapture {
  public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    /// True when a CE_Failure or CE_Fatal message arrived.
    bool failed() const { return m_failed; }
    /// The last failure message, else the last warning, else GDAL's CPLGetLastErrorMsg().
    std::string message() const;
    /// Adds a captured message (called from the C handler).
    void record(int level, const char* message);

  private:
    bool m_failed = false;
    std::string m_failure;
    std::string m_warning;
};

/// Bridges a Feedback (optional) to GDAL's progress function. A cancel is kept and GDAL is
/// told to stop (exceptions must not cross GDAL's C code); rethrow() raises it.
class GdalProgress {
  public:
    explicit GdalProgress(Feedback* feedback) : m_feedback(feedback) {}
    GDALProgressFunc function() const { return m_feedback ? &GdalProgress::trampoline : nullptr; }
    void* argument() { return this; }
    /// Rethrows the callback's exception, if any.
    void rethrow() const {
        if (m_error)
            std::rethrow_exception(m_error);
    }

  private:
    static int CPL_STDCALL trampoline(double complete, const char* message, void* self);
    Feedback* m_feedback;
    std::exception_ptr m_error;
};

/// Throws soilscope::Error("<what>: <GDAL message>", context) — GDAL's message if any.
[[noreturn]] void throwGdal(const std::string& what, const std::string& context,
                            const GdalErrorCapture& capture);

/// Throws when the capture recorded a failure.
void throwIfFailed(const std::string& what, const std::string& context,
                   const GdalErrorCapture& capture);

} // namespace soilscope::geo::detail
