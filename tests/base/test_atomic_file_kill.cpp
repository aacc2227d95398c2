// A project save killed at any moment (SIGKILL: no handler runs) leaves the previous file or
// the new one, never a mix: project files, run reports and bundle.json go through
// writeTextAtomically (issue 20, fault injection).
#include "base/atomic_file.h"

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <random>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

using namespace soilscope;

class TestAtomicFileKill : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void aKilledSaveLeavesTheOldOrTheNewFile() {
        QTemporaryDir dir;
        const std::filesystem::path file = (dir.path() + "/project.soilscope.json").toStdString();
        const std::string older(std::size_t{4} << 20, 'a'), newer(std::size_t{3} << 20, 'b');
        writeTextAtomically(file, older);
        std::mt19937 rng(20);
        int sawOlder = 0, sawNewer = 0;
        for (int k = 0; k < 40; ++k) {
            const pid_t child = ::fork();
            QVERIFY(child >= 0);
            if (child == 0) { // saves the two versions in turn until killed
                for (;;) {
                    writeTextAtomically(file, newer);
                    writeTextAtomically(file, older);
                }
            }
            ::usleep(static_cast<useconds_t>(rng() % 30000));
            ::kill(child, SIGKILL);
            int status = 0;
            ::waitpid(child, &status, 0);
            const std::string now = readTextFile(file);
            QVERIFY2(now == older || now == newer,
                     qPrintable(QString("a mix of %1 bytes after kill %2").arg(now.size()).arg(k)));
            (now == older ? sawOlder : sawNewer) += 1;
        }
        QVERIFY(sawOlder > 0 && sawNewer > 0); // the kills did land during saves of both kinds
    }

    void theNextWriteRemovesTheTemporariesOfAKilledWriter() {
        // A writer killed before its rename leaves <name>.tmp-<pid>-<n><ext>; the next write of
        // the same file removes it once that process is gone. A running process's temporary and
        // names that are not SoilScope's temporaries stay.
        QTemporaryDir dir;
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0)
            ::_exit(0);
        ::waitpid(child, nullptr, 0); // a pid that no longer runs
        const std::filesystem::path out = (dir.path() + "/map.tif").toStdString();
        const auto touch = [&](const std::string& name) {
            writeTextAtomically(out.parent_path() / name, "x");
            return out.parent_path() / name;
        };
        const auto dead = touch("map.tif.tmp-" + std::to_string(child) + "-3.tif");
        const auto alive = touch("map.tif.tmp-" + std::to_string(::getppid()) + "-1.tif");
        const auto mine = touch("map.tif.tmp-" + std::to_string(::getpid()) + "-9.tif");
        const auto user = touch("map.tif.tmp-notes.txt");
        const auto other = touch("other.tif.tmp-" + std::to_string(child) + "-1.tif");
        writeTextAtomically(out, "new");
        QVERIFY(!std::filesystem::exists(dead));
        for (const auto& kept : {alive, mine, user, other})
            QVERIFY2(std::filesystem::exists(kept), kept.c_str());
        QCOMPARE(readTextFile(out), std::string("new"));
    }
};

QTEST_APPLESS_MAIN(TestAtomicFileKill)
#include "test_atomic_file_kill.moc"
