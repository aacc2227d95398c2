#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::products {

/// A netCDF dimension of a variable.
struct NetcdfDimension {
    std::string name;
    std::size_t length = 0;
};

/// A read-only netCDF file (classic, 64-bit offset, CDF-5, netCDF-4/HDF5) through the netCDF C
/// library. Every error is a soilscope::Error naming the file (and the variable). Calls are
/// serialised: the netCDF C library is not thread-safe.
class NetcdfFile {
  public:
    /// Opens the file (and, when given, one of its groups, whose variables it then reads); a
    /// truncated classic file is refused (it would read as fill values).
    explicit NetcdfFile(const std::filesystem::path& path, const std::string& group = {});
    NetcdfFile(const NetcdfFile&) = delete;
    NetcdfFile& operator=(const NetcdfFile&) = delete;
    ~NetcdfFile();

    /// True when the file has a top-level group of this name (netCDF-4/HDF5).
    bool hasGroup(const std::string& name) const;
    /// True when the netCDF library opens the file (no error is thrown).
    static bool opens(const std::filesystem::path& path);

    const std::string& path() const { return m_path; }
    std::vector<std::string> variables() const;
    bool hasVariable(const std::string& name) const;
    std::vector<NetcdfDimension> dimensions(const std::string& variable) const;
    /// Length of a dimension, nullopt when the file has none of that name.
    std::optional<std::size_t> dimensionLength(const std::string& name) const;
    /// A text attribute ("" when absent); `variable` empty reads a global attribute.
    std::string text(const std::string& variable, const std::string& attribute) const;
    /// A numeric attribute's values (empty when absent).
    std::vector<double> numbers(const std::string& variable, const std::string& attribute) const;
    /// The first variable whose attribute `attribute` equals `value` (case-insensitive), or "".
    std::string variableWith(const std::string& attribute, const std::string& value) const;

    /// Physical values of a variable or of a hyperslab along its first dimension (start, count;
    /// count 0 = to the end): raw values equal to _FillValue or missing_value, or outside
    /// valid_range/valid_min/valid_max, become NaN; then scale_factor and add_offset apply;
    /// _Unsigned and char variables (character codes) are read as such.
    std::vector<double> read(const std::string& variable, std::size_t start = 0,
                             std::size_t count = 0) const;
    /// Physical values of a hyperslab (one start and count per dimension), row-major.
    std::vector<double> readSlab(const std::string& variable, const std::vector<std::size_t>& start,
                                 const std::vector<std::size_t>& count) const;
    /// One value at an index of every dimension.
    double readAt(const std::string& variable, const std::vector<std::size_t>& index) const;
    /// Raw integer values (counts and indices such as row_size), without packing.
    std::vector<long long> readIntegers(const std::string& variable) const;
    /// Stored values of `variable` read elsewhere (products/raw_chunks) as physical values:
    /// fill and missing values and values outside the valid range become NaN, then scale and
    /// offset apply — what every read above does.
    std::vector<double> unpack(const std::string& variable, std::vector<double> raw) const;

  private:
    int id(const std::string& variable) const;
    void check(int status, const std::string& what) const;
    std::string m_path;
    int m_root = -1; ///< the file
    int m_ncid = -1; ///< the group read (the file itself unless a group was given)
};

} // namespace soilscope::products
