// cityops-import from the command line: a SUMO network imported and shown, a package that runs in SUMO (and one
// without its network refused), usage errors with exit code 2, no overwrite without --force (split from
// tst_commandline).
#include "base/sqlitedb.h"
#include "programtesting.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;
using namespace cityops::test;

class TestImportCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importsAndShowsAnotherSumoCity()
    {
        const QString net = QStringLiteral("/usr/share/sumo/tools/game/A10KW/osm.net.xml");
        if (!QFile::exists(net))
            QSKIP("sumo-tools is not installed (A10KW network absent)");
        QTemporaryDir dir;
        const QString gpkg = dir.filePath(QStringLiteral("a10kw.gpkg"));
        Run run = runProgram(QStringLiteral("cityops-import"), {QStringLiteral("sumo"), net, QStringLiteral("--out"), gpkg,
                                                                QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QLatin1String("streetlights")));
        const QString shot = dir.filePath(QStringLiteral("a10kw.png"));
        run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--city"), gpkg, QStringLiteral("--no-store"),
                                                     QStringLiteral("--screenshot"), shot, QStringLiteral("--quit-after"), QStringLiteral("1500")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QImage image(shot);
        // Roads are drawn: plenty of road-grey pixels on the background.
        int roads = 0;
        for (const QColor &c : {QColor(0x93, 0x9a, 0xa1), QColor(0x84, 0x8b, 0x92), QColor(0x74, 0x7b, 0x82), QColor(0x60, 0x67, 0x6e)})
            roads += countNear(image, c, 20);
        QVERIFY2(roads > 500, qPrintable(QString::number(roads)));
    }

    void importedCityRunsInSumo()
    {
#ifndef CITYOPS_HAVE_SUMO
        QSKIP("built without SUMO's TraCI client (scripts/test installs sumo and builds it in)");
#endif
        if (QStandardPaths::findExecutable(QStringLiteral("sumo")).isEmpty())
            QSKIP("SUMO is not installed");
        QTemporaryDir dir;
        const QString gpkg = dir.filePath(QStringLiteral("small.gpkg"));
        // The package carries the network and a generated day of demand ...
        Run run = runProgram(QStringLiteral("cityops-import"), {QStringLiteral("sumo"), QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml"),
                                                                QStringLiteral("--out"), gpkg, QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin"),
                                                                QStringLiteral("--peak-vehicles"), QStringLiteral("300")}, 120'000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("SUMO network and")) && run.out.contains(QLatin1String("vehicles of demand")), qPrintable(run.out));
        // ... so the console runs its signals in SUMO, and says so.
        const QString shot = dir.filePath(QStringLiteral("small.png"));
        const QByteArray rules = qgetenv("QT_LOGGING_RULES");
        qputenv("QT_LOGGING_RULES", "cityops.sim.info=true");   // CTest hides info lines; this one is what we look for
        run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--city"), gpkg, QStringLiteral("--no-store"), QStringLiteral("--traffic"),
                                                     QStringLiteral("sumo"), QStringLiteral("--screenshot"), shot, QStringLiteral("--quit-after"),
                                                     QStringLiteral("3000")});
        qputenv("QT_LOGGING_RULES", rules);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QLatin1String("SUMO runs 21 signals")), qPrintable(run.err));
        // A package imported without its network (as before packages carried one) is refused with a sentence.
        const QString bare = dir.filePath(QStringLiteral("bare.gpkg"));
        QVERIFY(QFile::copy(gpkg, bare));
        {
            auto db = SqliteDb::open(bare, SqliteDb::Mode::Create);
            QVERIFY(db && db.value()->exec(QStringLiteral("DROP TABLE traffic_files")));
        }
        for (const QString &program : {QStringLiteral("cityops"), QStringLiteral("cityops-sim")}) {
            QStringList args{QStringLiteral("--city"), bare, QStringLiteral("--traffic"), QStringLiteral("sumo")};
            if (program == QLatin1String("cityops"))
                args << QStringLiteral("--no-store");
            else
                args << QStringLiteral("--broker") << QStringLiteral("mqtt://127.0.0.1:%1").arg(closedPort());
            run = runProgram(program, args);
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(QLatin1String("cannot run in SUMO")) && run.err.contains(QLatin1String("carries no network.net.xml")), qPrintable(run.err));
        }
    }

    void importerUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no args") << QStringList{} << 2 << "expected a format";
        QTest::newRow("unknown format") << QStringList{QStringLiteral("osm"), QStringLiteral("x.osm"), QStringLiteral("--out"),
                                                       QStringLiteral("x.gpkg")} << 2 << "unknown format";
        QTest::newRow("no --out") << QStringList{QStringLiteral("sumo"), QStringLiteral("x.net.xml")} << 2 << "--out";
        QTest::newRow("bad zone") << QStringList{QStringLiteral("sumo"), QStringLiteral("x.net.xml"), QStringLiteral("--out"),
                                                 QStringLiteral("/tmp/cityops-test-x.gpkg"), QStringLiteral("--timezone"),
                                                 QStringLiteral("Mars/Olympus")} << 2 << "time zone";
        QTest::newRow("missing net") << QStringList{QStringLiteral("sumo"), QStringLiteral("/nonexistent.net.xml"), QStringLiteral("--out"),
                                                    QStringLiteral("/tmp/cityops-test-missing.gpkg")} << 1 << "does not exist";
        const QString small = QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml");
        QTest::newRow("demand and no demand") << QStringList{QStringLiteral("sumo"), small, QStringLiteral("--out"), QStringLiteral("/tmp/cityops-test-d.gpkg"),
                                                             QStringLiteral("--demand"), small, QStringLiteral("--no-demand")} << 2 << "exclude each other";
        QTest::newRow("demand not routes") << QStringList{QStringLiteral("sumo"), small, QStringLiteral("--out"), QStringLiteral("/tmp/cityops-test-d.gpkg"),
                                                          QStringLiteral("--demand"), small} << 2 << "not a SUMO route file";
        QTest::newRow("demand missing") << QStringList{QStringLiteral("sumo"), small, QStringLiteral("--out"), QStringLiteral("/tmp/cityops-test-d.gpkg"),
                                                       QStringLiteral("--demand"), QStringLiteral("/nonexistent.rou.xml")} << 2 << "cannot read the demand";
        QTest::newRow("peak zero") << QStringList{QStringLiteral("sumo"), small, QStringLiteral("--out"), QStringLiteral("/tmp/cityops-test-d.gpkg"),
                                                  QStringLiteral("--peak-vehicles"), QStringLiteral("0")} << 2 << "--peak-vehicles";
    }
    void importerUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, expected);
        const Run run = runProgram(QStringLiteral("cityops-import"), args);
        QCOMPARE(run.exitCode, code);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    }

    void importerRefusesToOverwrite()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("c.gpkg"));
        const QStringList args = {QStringLiteral("sumo"), QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml"),
                                  QStringLiteral("--out"), out, QStringLiteral("--no-demand")};
        QCOMPARE(runProgram(QStringLiteral("cityops-import"), args).exitCode, 0);
        const Run again = runProgram(QStringLiteral("cityops-import"), args);
        QCOMPARE(again.exitCode, 2);
        QVERIFY(again.err.contains(QLatin1String("--force")));
        QCOMPARE(runProgram(QStringLiteral("cityops-import"), args + QStringList{QStringLiteral("--force")}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestImportCommand)
#include "tst_importcommand.moc"
