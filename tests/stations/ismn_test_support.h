#pragma once
// Shared helpers of the stations tests: where the ISMN sample data lives, and an independent
// (regular-expression) count of the records of a file to cross-check the parsers with.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <string>

namespace ismn_test {

inline QString ismnDir() {
    return QStringLiteral(SOILSCOPE_SHARED_DATA) + "/ismn";
}

inline std::string path(const QString& rel) {
    return (ismnDir() + "/" + rel).toStdString();
}

inline bool haveData() {
    return QDir(ismnDir()).exists();
}

#define ISMN_REQUIRE_DATA()                                                                        \
    do {                                                                                           \
        if (!ismn_test::haveData())                                                                \
            QSKIP("ISMN sample data not found in " SOILSCOPE_SHARED_DATA "/ismn");                 \
    } while (0)

inline const QString kCosmosFolder = "Data_seperate_files_header_20170810_20180809";
inline const QString kCosmosZip =
    "zip_archives/header/Data_seperate_files_header_20170810_20180809.zip";
inline const QString kArm1 =
    kCosmosFolder +
    "/COSMOS/ARM-1/COSMOS_COSMOS_ARM-1_sm_0.000000_0.190000_Cosmic-ray-Probe_20170810_20180809.stm";
inline const QString kBarrow =
    kCosmosFolder +
    "/COSMOS/Barrow-ARM/"
    "COSMOS_COSMOS_Barrow-ARM_sm_0.000000_0.210000_Cosmic-ray-Probe_20170810_20180809.stm";
inline const QString kNarbonneHv =
    "format_header_values/SMOSMANIA/"
    "SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_ThetaProbe-ML2X_20070101_20070131.stm";
inline const QString kNarbonneCeopSep =
    "format_ceop_sep/SMOSMANIA/"
    "SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_ThetaProbe-ML2X_20070101_20070131.stm";
inline const QString kNarbonneCeop = "format_ceop/SMOSMANIA_SMOSMANIA_NBN_20100304_20130801.stm";
inline QString soilscapeFile(const QString& node) {
    return "multinetwork_header_values/SOILSCAPE/" + node + "/SOILSCAPE_SOILSCAPE_" + node +
           "_sm_0.050000_0.050000_EC5_20070101_20131231.stm";
}

/// What `tr '\r' '\n' < f | grep -E '^[0-9]{4}/'` tells about a file: the dated records.
struct GrepCount {
    int records = 0;
    QString firstStamp; ///< "2017/08/10 00:00"
    QString lastStamp;
    QStringList lines;
};

inline GrepCount grepRecords(const QString& rel) {
    QFile f(ismnDir() + "/" + rel);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromLatin1(f.readAll());
    GrepCount g;
    static const QRegularExpression dated("^(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2})");
    for (const QString& line : text.split(QRegularExpression("[\r\n]"), Qt::SkipEmptyParts)) {
        const auto m = dated.match(line);
        if (!m.hasMatch())
            continue;
        if (g.records == 0)
            g.firstStamp = m.captured(1);
        g.lastStamp = m.captured(1);
        g.lines << line;
        ++g.records;
    }
    return g;
}

/// "2017/08/10 00:00" → "2017-08-10T00:00:00Z" (formatIsoTime's form).
inline QString isoOf(const QString& stamp) {
    QString s = stamp;
    s.replace('/', '-').replace(' ', 'T');
    return s + ":00Z";
}

} // namespace ismn_test
