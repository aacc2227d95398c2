// Zip archives as hostile input: corrupt bytes, truncation, sizes that lie, bombs (issue 20).
#include "ismn_test_support.h"

#include "base/crc32.h"
#include "base/error.h"
#include "base/input_limits.h"
#include "base/zip_directory.h"
#include "stations/ismn_archive.h"
#include "stations/vsi_file.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cpl_conv.h>
#include <cpl_string.h>

#include <fstream>
#include <iterator>

using namespace soilscope;
using namespace soilscope::stations;

namespace {

std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

/// Writes a zip with one member through GDAL's own zip writer.
void writeZip(const std::string& zip, const std::string& member, const std::string& content,
              bool compressed) {
    void* handle = CPLCreateZip(zip.c_str(), nullptr);
    QVERIFY(handle);
    char** options = CSLSetNameValue(nullptr, "COMPRESSED", compressed ? "YES" : "NO");
    QCOMPARE(CPLCreateFileInZip(handle, member.c_str(), options), CE_None);
    QCOMPARE(CPLWriteFileInZip(handle, content.data(), static_cast<int>(content.size())), CE_None);
    CPLCloseFileInZip(handle);
    CPLCloseZip(handle);
    CSLDestroy(options);
}

template <typename F> QString errorOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.message() + " | " + e.context());
    }
    return {};
}

const std::string kMember = "NET/ST/NET_NET_ST_sm_0.050000_0.050000_Probe_20170101_20170102.stm";

} // namespace

class TestZipMembers : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void crcIsTheZipCrc() {
        QCOMPARE(crc32Update(0, "123456789", 9), 0xCBF43926u);
        QCOMPARE(crc32Update(crc32Update(0, "1234", 4), "56789", 5), 0xCBF43926u);
    }

    void byteSizes() {
        QCOMPARE(parseByteSize("8G"), std::uint64_t{8} << 30);
        QCOMPARE(parseByteSize("512 MiB"), std::uint64_t{512} << 20);
        QCOMPARE(parseByteSize("1000"), std::uint64_t{1000});
        for (const char* bad : {"", "nan", "-1G", "8Q", "1e300T"})
            QVERIFY_THROWS_EXCEPTION(UsageError, parseByteSize(bad));
        QCOMPARE(formatByteSize(2970), std::string("2.9 KiB"));
    }

    void aChangedByteIsRefusedByItsCrc() {
        ISMN_REQUIRE_DATA();
        QTemporaryDir dir;
        const std::string zip = (dir.path() + "/stored.zip").toStdString();
        std::string content = readBytes(ismn_test::path(ismn_test::kNarbonneHv));
        writeZip(zip, kMember, content, false);
        const std::string member = "/vsizip/" + zip + "/" + kMember;
        QCOMPARE(readVsiFile(member), content);

        std::string bytes = readBytes(zip);
        const auto at = bytes.find("   0.", bytes.find("ThetaProbe")) + 3; // a value
        QVERIFY(at > 3 && at < bytes.size());
        bytes[at + 2] = bytes[at + 2] == '9' ? '1' : '9';
        writeBytes(zip, bytes);
        const QString e = errorOf([&] { readVsiFile(member); });
        QVERIFY2(e.contains("CRC-32") && e.contains("stored.zip") && e.contains("corrupt"),
                 qPrintable(e));
    }

    void truncatedAndCorruptArchivesAreNamedAsSuch() {
        ISMN_REQUIRE_DATA();
        QTemporaryDir dir;
        const std::string zip = (dir.path() + "/cut.zip").toStdString();
        const std::string whole = readBytes(ismn_test::path(ismn_test::kCosmosZip));
        writeBytes(zip, whole.substr(0, whole.size() / 2));
        QString e = errorOf([&] { IsmnArchive::open(zip); });
        QVERIFY2(e.contains("truncated") && e.contains("cut.zip"), qPrintable(e));

        writeBytes(zip, "");
        e = errorOf([&] { IsmnArchive::open(zip); });
        QVERIFY2(e.contains("empty") && e.contains("cut.zip"), qPrintable(e));

        // The end record points the directory past the end record itself.
        std::string bad = whole;
        const auto end = bad.rfind(std::string("PK\x05\x06", 4));
        bad[end + 16] = '\xFF';
        bad[end + 19] = '\x7F';
        writeBytes(zip, bad);
        e = errorOf([&] { IsmnArchive::open(zip); });
        QVERIFY2(e.contains("central directory") && e.contains("cut.zip"), qPrintable(e));
    }

    void aSizeThatLiesIsRefusedBeforeUnpacking() {
        ISMN_REQUIRE_DATA();
        QTemporaryDir dir;
        const std::string zip = (dir.path() + "/claims.zip").toStdString();
        writeZip(zip, kMember, readBytes(ismn_test::path(ismn_test::kNarbonneHv)), true);
        std::string bytes = readBytes(zip);
        const auto entry = bytes.rfind(std::string("PK\x01\x02", 4));
        for (int i = 0; i < 4; ++i)
            bytes[entry + 24 + i] = '\xFF'; // uncompressed size: 4 GiB - 1
        writeBytes(zip, bytes);
        const QString e = errorOf([&] { readVsiFile("/vsizip/" + zip + "/" + kMember); });
        QVERIFY2(e.contains("zip bomb") && e.contains("claims.zip") && e.contains("4.0 GiB"),
                 qPrintable(e));
    }

    void aBombIsRefusedUnlessTheUserRaisesTheCap() {
        QTemporaryDir dir;
        const std::string zip = (dir.path() + "/bomb.zip").toStdString();
        writeZip(zip, kMember, std::string(std::size_t{80} << 20, '0'), true);
        const std::string member = "/vsizip/" + zip + "/" + kMember;
        const QString e = errorOf([&] { IsmnArchive::open(zip); });
        QVERIFY2(e.contains("zip bomb") && e.contains("ratio") && e.contains("--max-unpacked"),
                 qPrintable(e));
        setMaxUnpackedBytes(std::uint64_t{100} << 20);
        QCOMPARE(readVsiFile(member).size(), std::size_t{80} << 20);
        setMaxUnpackedBytes(std::uint64_t{10} << 20);
        QVERIFY(errorOf([&] { readVsiFile(member); }).contains("above the cap of 10.0 MiB"));
    }

    void parsingNeverReadsOutsideTheBytes() {
        // Every prefix of a real archive, and byte flips in its directory: errors, no crash.
        ISMN_REQUIRE_DATA();
        const std::string whole = readBytes(ismn_test::path(ismn_test::kCosmosZip));
        const auto directory = ZipDirectory::parse(whole, "real.zip");
        QVERIFY(directory.members().size() >= 8);
        int refused = 0;
        for (std::size_t cut = whole.size() - 2000; cut < whole.size(); cut += 7)
            refused +=
                errorOf([&] { ZipDirectory::parse(whole.substr(0, cut), "cut.zip"); }).isEmpty()
                    ? 0
                    : 1;
        QCOMPARE(refused, int((2000 + 6) / 7));
        const auto start = whole.rfind(std::string("PK\x01\x02", 4));
        for (std::size_t i = start; i < whole.size(); ++i) {
            std::string flipped = whole;
            flipped[i] = static_cast<char>(flipped[i] ^ 0xA5);
            errorOf([&] { ZipDirectory::parse(flipped, "flipped.zip"); });
        }
    }
};

QTEST_GUILESS_MAIN(TestZipMembers)
#include "test_zip_members.moc"
