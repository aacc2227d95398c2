#pragma once
#include "base/output_spec.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <map>
#include <vector>

namespace soilscope::widgets {

/// Shows the declared outputs of a task result in the views that fit them: one presenter per
/// output kind, never a switch on task names. A presenter receives every output of its kind in
/// the result at once (several maps, a means raster per product) and the whole result JSON.
class OutputPresenters {
  public:
    using Presenter =
        std::function<void(const std::vector<OutputValue>& outputs, const QJsonObject& result)>;
    using ErrorHandler = std::function<void(const OutputValue& output, const QString& message)>;

    void add(OutputKind kind, Presenter presenter);
    bool has(OutputKind kind) const { return m_presenters.count(kind) > 0; }

    /// The outputs a result declares (its "outputs" array); throws soilscope::Error naming
    /// `source` when the array is missing or malformed.
    static std::vector<OutputValue> outputsOf(const QJsonObject& result, const std::string& source);
    /// Reads an output's JSON: its inline data, else the JSON file at its path, else the result.
    static QJsonObject jsonOf(const OutputValue& output, const QJsonObject& result);

    /// Presents every output of `outputs` by kind, in the order of the kinds' declaration; an
    /// error of one presenter goes to `onError` and does not stop the others. Returns the number
    /// of kinds presented.
    int present(const std::vector<OutputValue>& outputs, const QJsonObject& result,
                const ErrorHandler& onError) const;

  private:
    std::map<OutputKind, Presenter> m_presenters;
};

} // namespace soilscope::widgets
