#pragma once
#include <cstdint>
#include <string>

namespace soilscope {

/// Caps on what a file's own header may make SoilScope allocate, so that a hostile or broken
/// file (a zip bomb, a raster header claiming 100 000² pixels) is refused with a message
/// instead of exhausting memory. Process-wide; front-ends raise them on request
/// (soilscope-cli --max-unpacked SIZE).
struct InputLimits {
    /// A zip member expands at most to this many bytes.
    std::uint64_t maxUnpackedBytes = std::uint64_t{1} << 30;
    /// Members larger than ratioFloorBytes may expand at most this many times their compressed
    /// size (text compresses ~5-30:1; bombs 1000:1). Off when the user raised maxUnpackedBytes.
    double maxExpansionRatio = 100.0;
    std::uint64_t ratioFloorBytes = std::uint64_t{64} << 20;
    bool raisedByUser = false;
};

const InputLimits& inputLimits();
/// Raises (or lowers) the unpacked-size cap and lifts the expansion-ratio check.
void setMaxUnpackedBytes(std::uint64_t bytes);

/// Parses a size such as "512M", "8G", "1.5GiB" or "1000000" (bytes). Throws UsageError.
std::uint64_t parseByteSize(const std::string& text);
/// "2.9 kB", "16.0 GiB": a size for messages.
std::string formatByteSize(std::uint64_t bytes);

/// Memory the system can still give this process (Linux MemAvailable), in bytes.
std::uint64_t availableMemoryBytes();
/// Throws an Error naming context when `bytes` (for `what`, e.g. "band 1 (100000 x 100000
/// values)") exceed the memory available: refused before allocating, not a bare bad_alloc.
void checkMemoryFor(std::uint64_t bytes, const std::string& what, const std::string& context);

/// Set from a signal handler (async-signal-safe); read by loops over input bytes that have no
/// Feedback of their own, so that Ctrl-C stops a long read.
void requestInterrupt();
bool interruptRequested();

} // namespace soilscope
