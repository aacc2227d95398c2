#pragma once
#include <limits>
#include <string>
#include <vector>

namespace soilscope {

enum class ParameterType { Path, Int, Double, Bool, Choice, String, StringList };

/// "path", "int", ... as shown in help and parameter JSON.
const char* parameterTypeName(ParameterType type);
/// A number as help texts and messages show it ("4096", "0.3", "1e-05").
std::string numberText(double v);

/// One declared parameter; drives the CLI options, the help text and the GUI forms.
/// Dotted names ("model.lstm.hidden") form sub-trees; `enabledWhen` ties a parameter to the
/// value of a choice ("model=lstm") so front-ends show it only then.
struct ParameterSpec {
    std::string name;
    ParameterType type = ParameterType::String;
    std::string description;
    bool required = false;
    std::string defaultValue; ///< as text, empty = none
    double minimum = -std::numeric_limits<double>::infinity();
    double maximum = std::numeric_limits<double>::infinity();
    std::vector<std::string> choices;
    bool isOutput = false;   ///< a path the task writes
    bool isFolder = false;   ///< a path that is a folder
    bool isPathList = false; ///< a list whose items are input paths (files or folders)
    std::string fileFilter;  ///< e.g. "Rasters (*.tif *.nc)"
    std::string enabledWhen; ///< "other=value"; empty = always
    bool advanced = false;
    std::string searchRange; ///< what a random search without a space draws ("8 .. 128, …")
};

/// Builders that keep task declarations short and readable.
ParameterSpec pathParam(std::string name, std::string description, bool required = true);
ParameterSpec outputParam(std::string name, std::string description, bool required = true);
/// An output that is a folder the task writes into.
ParameterSpec folderOutputParam(std::string name, std::string description, bool required = true);
ParameterSpec intParam(std::string name, std::string description, long long defaultValue,
                       double minimum = -std::numeric_limits<double>::infinity(),
                       double maximum = std::numeric_limits<double>::infinity());
ParameterSpec doubleParam(std::string name, std::string description, double defaultValue,
                          double minimum = -std::numeric_limits<double>::infinity(),
                          double maximum = std::numeric_limits<double>::infinity());
ParameterSpec optionalDoubleParam(std::string name, std::string description);
ParameterSpec boolParam(std::string name, std::string description, bool defaultValue = false);
ParameterSpec choiceParam(std::string name, std::string description,
                          std::vector<std::string> choices, std::string defaultValue);
ParameterSpec stringParam(std::string name, std::string description, std::string defaultValue = {},
                          bool required = false);
/// The compute device: auto (CUDA when there is one), cpu or cuda. With no default the
/// project's /training/device decides (auto when it says nothing).
ParameterSpec deviceParam(std::string description, std::string defaultValue = {});
/// The device names deviceParam offers.
const std::vector<std::string>& deviceChoices();
ParameterSpec listParam(std::string name, std::string description, std::string defaultValue = {});
/// A comma-separated list of input paths (files or folders).
ParameterSpec pathListParam(std::string name, std::string description);

} // namespace soilscope
