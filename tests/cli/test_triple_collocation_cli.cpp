// soilscope-cli triple_collocation on three CSV series with known, independent errors: the error
// standard deviations, scaling factors and SNR ordering it recovers, the triplets file, and clear
// errors for bad input.
#include "cli_test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>

namespace {

using Run = soilscope::test::CliRun;

Run cli(const QStringList& args) {
    return soilscope::test::runCli(QStringList{"triple_collocation"} + args);
}

void writeFile(const QString& path, const QByteArray& content) {
    soilscope::test::writeTestFile(path, content);
}

constexpr int kDays = 900;

} // namespace

class TestTripleCollocationCli : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QStringList args(const QString& third = "third.csv") const {
        return {"--reference",
                path("ref.csv"),
                "--reference-column",
                "sm",
                "--candidate",
                path("cand.csv"),
                "--candidate-column",
                "sm",
                "--third",
                path(third),
                "--third-column",
                "sm",
                "--window",
                "6h"};
    }

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // Truth: a seasonal cycle plus a wet/dry memory. Reference = truth + N(0, 0.02) at 06:00;
        // candidate = 0.8·truth + 0.05 + N(0, 0.03) at 08:00; third = 1.2·truth − 0.02 +
        // N(0, 0.012) at 03:00. In the reference's units the errors are 0.02, 0.0375 and 0.01.
        std::mt19937 rng(11);
        std::normal_distribution<double> n(0.0, 1.0);
        QByteArray ref = "time,sm\n", cand = "time,sm\n", third = "time,sm\n", late = "time,sm\n";
        const QDateTime t0(QDate(2018, 1, 1), QTime(0, 0), Qt::UTC);
        double memory = 0.0;
        for (int d = 0; d < kDays; ++d) {
            memory = 0.9 * memory + 0.02 * n(rng);
            const double truth = 0.25 + 0.08 * std::sin(2.0 * M_PI * d / 365.25) + memory;
            const QDateTime day = t0.addDays(d);
            auto row = [](const QDateTime& t, double v) {
                return QString("%1,%2\n").arg(t.toString(Qt::ISODate)).arg(v, 0, 'f', 6).toUtf8();
            };
            ref += row(day.addSecs(6 * 3600), truth + 0.02 * n(rng));
            cand += row(day.addSecs(8 * 3600), 0.8 * truth + 0.05 + 0.03 * n(rng));
            third += row(day.addSecs(3 * 3600), 1.2 * truth - 0.02 + 0.012 * n(rng));
            if (d < 40)
                late += row(day.addSecs(3 * 3600), 1.2 * truth - 0.02 + 0.012 * n(rng));
        }
        writeFile(path("ref.csv"), ref);
        writeFile(path("cand.csv"), cand);
        writeFile(path("third.csv"), third);
        writeFile(path("short.csv"), late);
        writeFile(path("elsewhere.csv"),
                  "time,sm\n2030-01-01T00:00:00Z,0.2\n2030-01-02T00:00:00Z,0.3\n");
    }

    void recoversKnownErrors() {
        const Run r = cli(args() + QStringList{"--triplets-out", path("triplets.csv"), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        QCOMPARE(j["n"].toInt(), kDays);
        const QJsonArray sets = j["data_sets"].toArray();
        QCOMPARE(sets.size(), 3);
        const double expectedError[3] = {0.02, 0.0375, 0.01};
        const double expectedBeta[3] = {1.0, 1.25, 1.0 / 1.2};
        for (int k = 0; k < 3; ++k) {
            const QJsonObject s = sets[k].toObject();
            const double err = s["error_std"].toDouble(), beta = s["beta"].toDouble();
            QVERIFY2(std::abs(err - expectedError[k]) < 0.15 * expectedError[k],
                     qPrintable(QString("data set %1: error %2").arg(k).arg(err)));
            QVERIFY2(std::abs(beta - expectedBeta[k]) < 0.05 * expectedBeta[k],
                     qPrintable(QString("data set %1: beta %2").arg(k).arg(beta)));
        }
        // The third data set is the least noisy relative to its signal, the candidate the most.
        const double snr[3] = {sets[0].toObject()["snr_db"].toDouble(),
                               sets[1].toObject()["snr_db"].toDouble(),
                               sets[2].toObject()["snr_db"].toDouble()};
        QVERIFY(snr[2] > snr[0] && snr[0] > snr[1]);
        QFile triplets(path("triplets.csv"));
        QVERIFY(triplets.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = triplets.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), kDays + 1);
        QCOMPARE(lines.front(), QByteArray("time,reference,candidate,third"));
    }

    void windowDecidesTheCollocation() {
        // The candidate is 2 h and the third 3 h from the reference: within ±2h only the
        // candidate matches, so nothing is collocated.
        QStringList narrow = args();
        narrow[narrow.indexOf("6h")] = "2h";
        const Run r = cli(narrow);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("0 collocated triplets"));
    }

    void fewTripletsWarn() {
        const Run r = cli(args("short.csv"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Triple collocation of 40 triplets"));
        QVERIFY(r.err.contains("only 40 collocated triplets"));
    }

    void badInputIsNamed() {
        const Run none = cli(args("elsewhere.csv"));
        QCOMPARE(none.exitCode, 1);
        QVERIFY(none.err.contains("elsewhere.csv"));
        QStringList noColumn = args();
        noColumn.removeAt(noColumn.indexOf("--third-column") + 1);
        noColumn.removeAll("--third-column");
        const Run usage = cli(noColumn);
        QCOMPARE(usage.exitCode, 2);
        QVERIFY(usage.err.contains("--third-column is required"));
        const Run missing = cli(args("absent.csv"));
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("absent.csv"));
    }
};

QTEST_APPLESS_MAIN(TestTripleCollocationCli)
#include "test_triple_collocation_cli.moc"
