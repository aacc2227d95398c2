#pragma once
#include <cstddef>
#include <cstdint>

namespace soilscope {

/// CRC-32 as zip, gzip and PNG define it (reflected polynomial 0xEDB88320). Start with 0 and
/// feed the bytes in any number of pieces: crc = crc32Update(crc, piece, size).
std::uint32_t crc32Update(std::uint32_t crc, const void* data, std::size_t size);

} // namespace soilscope
