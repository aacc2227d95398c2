#include "series/quality_flags.h"
#include "stations/ismn_archive.h"

#include "cli_test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace soilscope;

namespace {

using Run = soilscope::test::CliRun;

Run cli(const QStringList& args) {
    return soilscope::test::runCli(QStringList{"validate"} + args);
}

void writeFile(const QString& path, const QByteArray& content) {
    soilscope::test::writeTestFile(path, content);
}

QString iso(const QDateTime& t) {
    return t.toString(Qt::ISODate);
}

} // namespace

class TestValidateCli : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir m_dir;
    QString m_ref, m_cand, m_late;

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QStringList baseArgs() const {
        return {"--reference",
                m_ref,
                "--reference-column",
                "sm",
                "--reference-flag-column",
                "flag",
                "--candidate",
                m_cand,
                "--candidate-column",
                "sm",
                "--window",
                "1h"};
    }

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // Reference: 200 twice-daily values, every 10th flagged D01. Candidate: hourly at
        // +20 min, equal to 0.9·reference + 0.05 at the reference times, with one gap.
        QByteArray ref = "time,sm,flag\n", cand = "time,sm\n";
        const QDateTime t0(QDate(2021, 4, 1), QTime(0, 0), Qt::UTC);
        auto truth = [](int hour) { return 0.2 + 0.1 * std::sin(hour / 40.0); };
        for (int i = 0; i < 200; ++i) {
            const QString flag = i % 10 == 0 ? "\"D01\"" : "G";
            ref += QString("%1,%2,%3\n")
                       .arg(iso(t0.addSecs(i * 12 * 3600)))
                       .arg(truth(12 * i), 0, 'f', 6)
                       .arg(flag)
                       .toUtf8();
        }
        for (int h = 0; h < 200 * 12; ++h) {
            const QString value =
                h == 24 ? QString() : QString::number(0.9 * truth(h) + 0.05, 'f', 6);
            cand += QString("%1,%2\n").arg(iso(t0.addSecs(h * 3600 + 1200))).arg(value).toUtf8();
        }
        m_ref = path("ref.csv");
        m_cand = path("cand.csv");
        m_late = path("late.csv");
        writeFile(m_ref, ref);
        writeFile(m_cand, cand);
        writeFile(m_late, "time,sm\n2030-01-01T00:00:00Z,0.2\n2030-01-02T00:00:00Z,0.3\n");
    }

    void jsonHasEveryKey() {
        const Run r = cli(baseArgs() + QStringList{"--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        for (const char* key :
             {"n", "R", "p_R", "rho", "p_rho", "tau", "p_tau", "bias", "RMSD", "ubRMSD", "MAE",
              "MSE", "MSE_corr", "MSE_var", "MSE_bias", "NSE", "KGE", "ci"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["n"].toInt(), 200);
        const QJsonObject ci = j["ci"].toObject();
        for (const char* key : {"bias", "ubRMSD", "R"})
            QCOMPARE(ci[key].toArray().size(), 2);
        QVERIFY(ci["bias"].toArray()[0].toDouble() <= j["bias"].toDouble());
        QVERIFY(ci["bias"].toArray()[1].toDouble() >= j["bias"].toDouble());
        QVERIFY(j["R"].toDouble() > 0.999);
    }

    void flagsAndPairsOut() {
        const QString pairs = path("pairs.csv");
        const Run r = cli(baseArgs() + QStringList{"--flags", "G", "--pairs-out", pairs, "--json"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json()["n"].toInt(), 180); // 20 D01 reference values removed
        QFile f(pairs);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 181);
        QCOMPARE(lines[0], QByteArray("time,reference,candidate,candidate_time"));
        QVERIFY(lines[1].endsWith("T12:20:00Z"));
    }

    void scalingRecoversTheLinearRelation() {
        const Run raw = cli(baseArgs() + QStringList{"--json"});
        const Run lin = cli(baseArgs() + QStringList{"--json", "--scaling", "linreg"});
        QCOMPARE(lin.exitCode, 0);
        QVERIFY(std::fabs(raw.json()["bias"].toDouble()) > 0.01);
        QVERIFY(std::fabs(lin.json()["bias"].toDouble()) < 1e-4);
        QVERIFY(lin.json()["RMSD"].toDouble() < raw.json()["RMSD"].toDouble());
        const Run cdf =
            cli(baseArgs() + QStringList{"--json", "--scaling", "cdf", "--anomalies", "moving"});
        QCOMPARE(cdf.exitCode, 0);
        QVERIFY(cdf.json()["n"].toInt() > 150);
    }

    void pytesmoMatchingDropsMissingWinner() {
        // The missing candidate at hour 24 (+20 min) is nearest to the reference at hour 24;
        // "nearest" skips it for hour 23 (+20 min, 40 min away), "pytesmo" drops the pair.
        const Run nearest = cli(baseArgs() + QStringList{"--json"});
        const Run pytesmo = cli(baseArgs() + QStringList{"--json", "--matching", "pytesmo"});
        QCOMPARE(pytesmo.exitCode, 0);
        QCOMPARE(nearest.json()["n"].toInt(), 200);
        QCOMPARE(pytesmo.json()["n"].toInt(), 199);
    }

    void bootstrapIntervals() {
        const Run r = cli(baseArgs() + QStringList{"--json", "--bootstrap", "100", "--seed", "3"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject b = r.json()["ci_bootstrap"].toObject();
        QVERIFY(b.contains("RMSD") && b.contains("KGE"));
        QVERIFY(b["RMSD"].toArray()[0].toDouble() <= b["RMSD"].toArray()[1].toDouble());
    }

    void readableSummary() {
        const Run r = cli(baseArgs());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("ubRMSD"));
        QVERIFY(r.out.contains("n        200"));
    }

    void noOverlapIsAnError() {
        const Run r = cli({"--reference", m_ref, "--reference-column", "sm", "--candidate", m_late,
                           "--candidate-column", "sm"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no overlapping"));
        QVERIFY(r.err.contains("ref.csv"));
        QVERIFY(r.err.contains("late.csv"));
    }

    void badUsage() {
        QCOMPARE(cli({"--reference", m_ref, "--reference-column", "sm"}).exitCode, 2);
        QCOMPARE(cli(baseArgs() + QStringList{"--scaling", "zscore"}).exitCode, 2);
        QStringList args = baseArgs();
        args[args.indexOf("1h")] = "soon";
        QCOMPARE(cli(args).exitCode, 2);
        QCOMPARE(
            cli({"--reference", m_ref, "--candidate", m_cand, "--candidate-column", "sm"}).exitCode,
            2);
        QCOMPARE(cli(baseArgs() + QStringList{"--flags", "X99"}).exitCode, 2);
        const Run missingColumn = cli({"--reference", m_ref, "--reference-column", "nope",
                                       "--candidate", m_cand, "--candidate-column", "sm"});
        QCOMPARE(missingColumn.exitCode, 1);
        QVERIFY(missingColumn.err.contains("nope"));
    }

    void ismnStationAsReference() {
        const QString stm = QStringLiteral(SOILSCOPE_SHARED_DATA) +
                            "/ismn/format_header_values/SMOSMANIA/"
                            "SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_ThetaProbe-ML2X_"
                            "20070101_20070131.stm";
        if (!QFile::exists(stm))
            QSKIP("ISMN sample data not found in " SOILSCOPE_SHARED_DATA "/ismn");
        auto archive = stations::IsmnArchive::open(stm.toStdString());
        const auto refs = archive.sensors();
        QCOMPARE(refs.size(), std::size_t(1));
        const auto& s = archive.load(refs[0]).series;
        QByteArray csv = "time,sm\n";
        int expected = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (!std::isfinite(s.values[i]))
                continue;
            if (s.flags[i] == series::flag::U)
                ++expected;
            const QDateTime t =
                QDateTime::fromSecsSinceEpoch(s.times[i].time_since_epoch().count() + 600, Qt::UTC);
            csv += QString("%1,%2\n").arg(iso(t)).arg(s.values[i] + 0.01, 0, 'f', 6).toUtf8();
        }
        writeFile(path("narbonne_plus.csv"), csv);
        const Run r =
            cli({"--reference", stm, "--reference-station", "Narbonne", "--reference-depth-max",
                 "0.05", "--candidate", path("narbonne_plus.csv"), "--candidate-column", "sm",
                 "--flags", "U", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        QCOMPARE(j["n"].toInt(), expected);
        QVERIFY(expected > 600);
        QVERIFY(std::fabs(j["bias"].toDouble() - 0.01) < 1e-6);
        QVERIFY(j["ubRMSD"].toDouble() < 1e-6);
        QVERIFY(j["reference"].toObject()["series"].toString().contains("Narbonne"));
        const Run wrong = cli({"--reference", stm, "--station", "Nowhere", "--candidate",
                               path("narbonne_plus.csv"), "--candidate-column", "sm"});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY(wrong.err.contains("Nowhere"));
        const Run alias =
            cli({"--reference", stm, "--station", "Narbonne", "--depth-max", "0.05", "--candidate",
                 path("narbonne_plus.csv"), "--candidate-column", "sm", "--flags", "U", "--json"});
        QCOMPARE(alias.exitCode, 0);
        QCOMPARE(alias.json()["n"].toInt(), expected);
    }
};

QTEST_APPLESS_MAIN(TestValidateCli)
#include "test_validate_cli.moc"
