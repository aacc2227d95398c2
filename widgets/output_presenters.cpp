#include "widgets/output_presenters.h"

#include "base/error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace soilscope::widgets {

void OutputPresenters::add(OutputKind kind, Presenter presenter) {
    m_presenters[kind] = std::move(presenter);
}

std::vector<OutputValue> OutputPresenters::outputsOf(const QJsonObject& result,
                                                     const std::string& source) {
    const QJsonValue list = result.value(QStringLiteral("outputs"));
    if (!list.isArray())
        throw Error("not a task result with declared outputs (no \"outputs\" list; results of "
                    "SoilScope before 0.3 "
                    "are not recognised: run the task again)",
                    source);
    std::vector<OutputValue> out;
    for (const QJsonValue& v : list.toArray()) {
        const QByteArray text = QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
        try {
            out.push_back(OutputValue::fromJson(nlohmann::json::parse(text.toStdString())));
        } catch (const nlohmann::json::exception& e) {
            throw Error(std::string("an output is not valid JSON: ") + e.what(), source);
        } catch (const Error& e) {
            throw Error("/outputs: " + e.message(), source);
        }
    }
    return out;
}

QJsonObject OutputPresenters::jsonOf(const OutputValue& output, const QJsonObject& result) {
    if (!output.data.is_null())
        return QJsonDocument::fromJson(QByteArray::fromStdString(output.data.dump())).object();
    if (output.path.empty())
        return result;
    QFile file(QString::fromStdString(output.path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error("cannot read the output " + output.name, output.path);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        throw Error("not valid JSON: " + error.errorString().toStdString(), output.path);
    return doc.object();
}

int OutputPresenters::present(const std::vector<OutputValue>& outputs, const QJsonObject& result,
                              const ErrorHandler& onError) const {
    int presented = 0;
    for (const OutputKind kind : outputKinds()) {
        std::vector<OutputValue> ofKind;
        for (const auto& o : outputs)
            if (o.kind == kind)
                ofKind.push_back(o);
        const auto it = m_presenters.find(kind);
        if (ofKind.empty() || it == m_presenters.end())
            continue;
        try {
            it->second(ofKind, result);
            ++presented;
        } catch (const std::exception& e) {
            onError(ofKind.front(), QString::fromUtf8(e.what()));
        }
    }
    return presented;
}

} // namespace soilscope::widgets
