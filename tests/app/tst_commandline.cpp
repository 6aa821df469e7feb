#include "commandline.h"
#include "programtesting.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace cityops;
using namespace cityops::test;

namespace {

/// Runs the console for 1.5 s at 60x, recording to `store`.
bool recordFor1500Ms(const QString &store)
{
    return runProgram(QStringLiteral("cityops"), {QStringLiteral("--store"), store, QStringLiteral("--speed"), QStringLiteral("60"),
                                                  QStringLiteral("--quit-after"), QStringLiteral("1500")})
               .exitCode == 0;
}

/// Starts the console (or another of our programs) headless as a process of its own, its start-up log on (it says when
/// it is live); `tmpDir`: its temporary folder.
bool startInBackground(QProcess &console, const QStringList &args, const QString &tmpDir = QString(),
                       const QString &program = QStringLiteral("cityops"), const QString &platform = QStringLiteral("offscreen"))
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!tmpDir.isEmpty())
        env.insert(QStringLiteral("TMPDIR"), tmpDir);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("cityops.app.info=true"));
    console.setProcessEnvironment(env);
    console.start(QStringLiteral(CITYOPS_BIN_DIR "/") + program, args);
    return console.waitForStarted();
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
    QTemporaryDir m_files;   ///< files the bad-argument rows name
    /// A file in a folder of the test's own, with `mode`.
    QString sharedFile(const QString &name, int mode)
    {
        const QString path = m_files.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write("-----BEGIN CERTIFICATE-----\n") < 0)
            qFatal("cannot write %s", qPrintable(path));
        f.close();
        ::chmod(QFile::encodeName(path).constData(), mode_t(mode));
        return path;
    }

private Q_SLOTS:
    void parsesValidArguments()
    {
        const auto o = parseConsoleArguments({QStringLiteral("cityops"), QStringLiteral("--city"), QStringLiteral("x.gpkg"),
                                              QStringLiteral("--seed"), QStringLiteral("42"), QStringLiteral("--speed"),
                                              QStringLiteral("60"), QStringLiteral("--lang"), QStringLiteral("ja"),
                                              QStringLiteral("--screenshot"), QStringLiteral("s.png")});
        QVERIFY(o.ok());
        QCOMPARE(o->cityPath, QStringLiteral("x.gpkg"));
        QCOMPARE(o->seed, std::uint64_t(42));
        QCOMPARE(o->speed, 60.0);
        QCOMPARE(o->language, QStringLiteral("ja"));
        QCOMPARE(o->screenshotPath, QStringLiteral("s.png"));
        QCOMPARE(o->quitAfterMs, 3000); // default delay for a screenshot
        const auto d = parseConsoleArguments({QStringLiteral("cityops")});
        QVERIFY(d.ok());
        QCOMPARE(d->speed, 1.0);
        QCOMPARE(d->quitAfterMs, 0);
        QVERIFY(d->cityPath.isEmpty());
    }

    void refusesBadArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << "Unknown option";
        QTest::newRow("speed zero") << QStringList{QStringLiteral("--speed"), QStringLiteral("0")} << "--speed";
        QTest::newRow("speed text") << QStringList{QStringLiteral("--speed"), QStringLiteral("fast")} << "--speed";
        QTest::newRow("speed huge") << QStringList{QStringLiteral("--speed"), QStringLiteral("100000")} << "--speed";
        QTest::newRow("seed negative") << QStringList{QStringLiteral("--seed"), QStringLiteral("-1")} << "--seed";
        QTest::newRow("language") << QStringList{QStringLiteral("--lang"), QStringLiteral("fr")} << "--lang";
        QTest::newRow("quit-after") << QStringList{QStringLiteral("--quit-after"), QStringLiteral("-5")} << "--quit-after";
        QTest::newRow("screenshot not png") << QStringList{QStringLiteral("--screenshot"), QStringLiteral("a.jpg")} << ".png";
        QTest::newRow("stray argument") << QStringList{QStringLiteral("berlin")} << "unexpected argument";
        QTest::newRow("traffic unknown") << QStringList{QStringLiteral("--traffic"), QStringLiteral("vissim")} << "--traffic must be embedded or sumo";
        QTest::newRow("traffic with link") << QStringList{QStringLiteral("--traffic"), QStringLiteral("sumo"), QStringLiteral("--link"),
                                                          QStringLiteral("mqtt://127.0.0.1:1883")} << "give it to cityops-sim";
        QTest::newRow("missing value") << QStringList{QStringLiteral("--city")} << "Missing value";
        QTest::newRow("store and no-store") << QStringList{QStringLiteral("--store"), QStringLiteral("x"), QStringLiteral("--no-store")}
                                            << "contradict";
        QTest::newRow("replay without store") << QStringList{QStringLiteral("--replay"), QStringLiteral("--no-store")} << "--replay";
        QTest::newRow("from without replay") << QStringList{QStringLiteral("--from"), QStringLiteral("2026-11-22T08:00Z")}
                                             << "only makes sense with --replay";
        QTest::newRow("bad time") << QStringList{QStringLiteral("--replay"), QStringLiteral("--from"), QStringLiteral("yesterday")}
                                  << "ISO 8601";
        QTest::newRow("to before from") << QStringList{QStringLiteral("--replay"), QStringLiteral("--from"), QStringLiteral("2026-11-22T09:00Z"),
                                                       QStringLiteral("--to"), QStringLiteral("2026-11-22T08:00Z")} << "later than";
        QTest::newRow("retain-days") << QStringList{QStringLiteral("--retain-days"), QStringLiteral("-3")} << "--retain-days";
        QTest::newRow("link scheme") << QStringList{QStringLiteral("--link"), QStringLiteral("http://broker:1883")} << "mqtts://HOST:PORT";
        QTest::newRow("link plain remote") << QStringList{QStringLiteral("--link"), QStringLiteral("mqtt://192.0.2.7:1883")}
                                           << "only allowed to this machine";
        QTest::newRow("ca without link") << QStringList{QStringLiteral("--ca"), QStringLiteral("ca.crt")} << "only makes sense with --link";
        QTest::newRow("ca missing") << QStringList{QStringLiteral("--link"), QStringLiteral("mqtts://localhost:8883"), QStringLiteral("--ca"),
                                                   QStringLiteral("/nonexistent/ca.crt")} << "cannot read";
        // The broker's CA decides which broker is believed; the client's key is a secret.
        QTest::newRow("ca others may change") << QStringList{QStringLiteral("--link"), QStringLiteral("mqtts://localhost:8883"), QStringLiteral("--ca"),
                                                            sharedFile(QStringLiteral("ca.crt"), 0646)}
                                              << "the broker's CA certificate";
        QTest::newRow("client key readable by others")
            << QStringList{QStringLiteral("--link"), QStringLiteral("mqtts://localhost:8883"), QStringLiteral("--cert"), QStringLiteral(CITYOPS_SOURCE_DIR "/README.md"),
                           QStringLiteral("--key"), QStringLiteral(CITYOPS_SOURCE_DIR "/README.md")}
            << "chmod 600";
        QTest::newRow("cert without key") << QStringList{QStringLiteral("--link"), QStringLiteral("mqtts://localhost:8883"), QStringLiteral("--cert"),
                                                         QStringLiteral(CITYOPS_SOURCE_DIR "/README.md")} << "needs its key";
        QTest::newRow("broker password without user") << QStringList{QStringLiteral("--link"), QStringLiteral("mqtt://127.0.0.1:1883"),
                                                                     QStringLiteral("--broker-password-file"), QStringLiteral(CITYOPS_SOURCE_DIR "/README.md")}
                                                      << "needs --broker-user";
        // Secrets in files others may read are refused, whatever they are for (README.md is 0644 in every checkout).
        QTest::newRow("broker password readable by others")
            << QStringList{QStringLiteral("--link"), QStringLiteral("mqtt://127.0.0.1:1883"), QStringLiteral("--broker-user"), QStringLiteral("u"),
                           QStringLiteral("--broker-password-file"), QStringLiteral(CITYOPS_SOURCE_DIR "/README.md")}
            << "chmod 600";
        QTest::newRow("command key readable by others")
            << QStringList{QStringLiteral("--link"), QStringLiteral("mqtt://127.0.0.1:1883"), QStringLiteral("--command-key"),
                           QStringLiteral(CITYOPS_SOURCE_DIR "/README.md")}
            << "chmod 600";
        QTest::newRow("sign-in password readable by others")
            << QStringList{QStringLiteral("--user"), QStringLiteral("olga"), QStringLiteral("--password-file"), QStringLiteral(CITYOPS_SOURCE_DIR "/README.md")}
            << "chmod 600";
        QTest::newRow("user without password file") << QStringList{QStringLiteral("--user"), QStringLiteral("olga")} << "go together";
        QTest::newRow("password file without user") << QStringList{QStringLiteral("--password-file"), QStringLiteral("p")} << "go together";
        QTest::newRow("sign-in password file missing")
            << QStringList{QStringLiteral("--user"), QStringLiteral("olga"), QStringLiteral("--password-file"), QStringLiteral("/nonexistent/p")}
            << "cannot read";
        QTest::newRow("idle lock negative") << QStringList{QStringLiteral("--idle-lock"), QStringLiteral("-1")} << "--idle-lock";
        QTest::newRow("idle lock text") << QStringList{QStringLiteral("--idle-lock"), QStringLiteral("soon")} << "--idle-lock";
        QTest::newRow("directory empty") << QStringList{QStringLiteral("--directory"), QString()} << "--directory";
        QTest::newRow("gateways without link") << QStringList{QStringLiteral("--gateways"), QStringLiteral("gw1")} << "only makes sense with --link";
        QTest::newRow("gateway name") << QStringList{QStringLiteral("--link"), QStringLiteral("mqtt://127.0.0.1:1883"), QStringLiteral("--gateways"),
                                                     QStringLiteral("gw1,a/b")} << "is not a gateway name";
        QTest::newRow("ldap map without ldap") << QStringList{QStringLiteral("--ldap-map"), QStringLiteral("map.json")} << "only makes sense with --directory ldaps://";
        QTest::newRow("console id") << QStringList{QStringLiteral("--link"), QStringLiteral("mqtt://127.0.0.1:1883"), QStringLiteral("--console-id"),
                                                   QStringLiteral("a/b")} << "--console-id";
        QTest::newRow("wall and replay") << QStringList{QStringLiteral("--wall"), QStringLiteral("default"), QStringLiteral("--replay")}
                                         << "--wall shows the live city";
        QTest::newRow("wall without layout") << QStringList{QStringLiteral("--wall"), QString()} << "--wall needs a layout";
        QTest::newRow("link and replay") << QStringList{QStringLiteral("--link"), QStringLiteral("mqtt://127.0.0.1:1883"), QStringLiteral("--replay")}
                                         << "cannot be combined with --link";
    }
    void refusesBadArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const auto parsed = parseConsoleArguments(QStringList{QStringLiteral("cityops")} + args);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(expected), qPrintable(parsed.error()));
        // The real program says so on stderr and exits with 2.
        const Run run = runProgram(QStringLiteral("cityops"), args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    }

    void helpAndVersion()
    {
        Run run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed(), QStringLiteral("cityops " CITYOPS_VERSION));
        run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *option : {"--city", "--seed", "--speed", "--lang", "--screenshot", "--quit-after"})
            QVERIFY2(run.out.contains(QLatin1String(option)), option);
        // Every option's description starts in the same column, at least two spaces after the longest option
        // (a long option such as --broker-password-file once ran into its description).
        const QStringList lines = run.out.split(QLatin1Char('\n'));
        const QRegularExpression row(QStringLiteral("^  (-\\S.*?\\S)( {2,})(\\S.*)$"));
        qsizetype column = -1;
        int rows = 0;
        for (const QString &line : lines) {
            if (!line.startsWith(QLatin1String("  -")))
                continue;
            const QRegularExpressionMatch m = row.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line));
            if (column < 0)
                column = m.capturedStart(3);
            QVERIFY2(m.capturedStart(3) == column, qPrintable(line));
            ++rows;
        }
        QVERIFY(rows > 20);
        QVERIFY2(run.out.contains(QLatin1String("--broker-password-file <file>  ")), qPrintable(run.out));
    }

    void badCommandKey()
    {
        // The console refuses a key that is not an Ed25519 private key, before it opens a window (a private file, so
        // that it is the content that is refused).
        QTemporaryDir dir;
        const QString notKey = dir.filePath(QStringLiteral("key.pem"));
        QVERIFY(QFile::copy(QStringLiteral(CITYOPS_SOURCE_DIR "/README.md"), notKey));
        QVERIFY(QFile::setPermissions(notKey, QFile::ReadOwner | QFile::WriteOwner));
        const Run run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--link"), QStringLiteral("mqtt://127.0.0.1:9"), QStringLiteral("--command-key"),
                                                               notKey, QStringLiteral("--no-store"),
                                                               QStringLiteral("--screenshot"), QStringLiteral("/tmp/never.png")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("not a PEM private key")), qPrintable(run.err));
        // And cityops-sim its arguments.
        const Run sim = runProgram(QStringLiteral("cityops-sim"), {QStringLiteral("--broker"), QStringLiteral("mqtt://127.0.0.1:9"),
                                                                   QStringLiteral("--drop"), QStringLiteral("150")});
        QCOMPARE(sim.exitCode, 2);
        QVERIFY2(sim.err.contains(QLatin1String("--drop")), qPrintable(sim.err));
        const Run noBroker = runProgram(QStringLiteral("cityops-sim"), {});
        QCOMPARE(noBroker.exitCode, 2);
        QVERIFY2(noBroker.err.contains(QLatin1String("--broker is required")), qPrintable(noBroker.err));
    }

    /// A wall with a layout it cannot use stops at once with the reason (exit 2), and never shows a dialog; with
    /// the built-in layout it writes a PNG per panel and the whole wall.
    void wallLayouts()
    {
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("w.png"));
        const QStringList base{QStringLiteral("--no-store"), QStringLiteral("--screenshot"), shot, QStringLiteral("--quit-after"), QStringLiteral("1500")};
        Run run = runProgram(QStringLiteral("cityops"), base + QStringList{QStringLiteral("--wall"), dir.filePath(QStringLiteral("missing.json"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("Cannot use the wall layout")) && run.err.contains(QLatin1String("missing.json")), qPrintable(run.err));
        QFile bad(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"({"rows":1,"columns":1,"tiles":[{"kind":"clock","row":0,"column":3}]})");
        bad.close();
        run = runProgram(QStringLiteral("cityops"), base + QStringList{QStringLiteral("--wall"), bad.fileName()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("does not fit")), qPrintable(run.err));
        run = runProgram(QStringLiteral("cityops"), base + QStringList{QStringLiteral("--wall"), QStringLiteral("default")});
        QCOMPARE(run.exitCode, 0);
        for (const char *panel : {"w-r0c0.png", "w-r1c2.png", "w-wall.png"})
            QVERIFY2(QFile::exists(dir.filePath(QLatin1String(panel))), panel);
        QCOMPARE(QImage(dir.filePath(QStringLiteral("w-wall.png"))).size(), QSize(5760, 2160));
    }

    void headlessSignIn()
    {
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("s.png"));
        // The wrong password: a sentence and exit 1, no window.
        Run run = runProgram(QStringLiteral("cityops"), QStringList{QStringLiteral("--no-store"), QStringLiteral("--screenshot"), shot}
                                                            + signedInAs(dir, "guess"));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("Cannot sign in as olga")) && run.err.contains(QLatin1String("wrong")), qPrintable(run.err));
        QVERIFY(!run.err.contains(QLatin1String("guess")));
        QVERIFY(!QFile::exists(shot));
        // A directory that is not there is a usage error when named.
        run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--no-store"), QStringLiteral("--directory"), dir.filePath(QStringLiteral("none.db")),
                                                     QStringLiteral("--screenshot"), shot});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("no user directory")), qPrintable(run.err));
        // The right one: the console shows who is acting.
        run = runProgram(QStringLiteral("cityops"), QStringList{QStringLiteral("--no-store"), QStringLiteral("--screenshot"), shot,
                                                                QStringLiteral("--quit-after"), QStringLiteral("1500")}
                                                        + signedInAs(dir));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(QFile::exists(shot));
    }

    void badTilesFile()
    {
        QTemporaryDir dir;
        const QString notTiles = dir.filePath(QStringLiteral("bg.mbtiles"));
        QFile f(notTiles);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        const Run run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--no-store"), QStringLiteral("--tiles"), notTiles,
                                                               QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("s.png"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("MBTiles")), qPrintable(run.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("s.png"))));
    }

    void badCityFiles()
    {
        QTemporaryDir dir;
        Run run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--city"), dir.filePath(QStringLiteral("none.gpkg")),
                                                         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("s.png"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("does not exist")), qPrintable(run.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("s.png"))));

        const QString corrupt = dir.filePath(QStringLiteral("corrupt.gpkg"));
        QFile f(corrupt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--city"), corrupt, QStringLiteral("--screenshot"),
                                                     dir.filePath(QStringLiteral("s.png"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(corrupt), qPrintable(run.err));
        QFile check(corrupt);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray(4096, 'x')); // untouched
    }

    void badStoreFiles()
    {
        QTemporaryDir dir;
        const QString foreign = dir.filePath(QStringLiteral("foreign.store"));
        QVERIFY(QFile::copy(QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg"), foreign));
        const Run run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--store"), foreign, QStringLiteral("--screenshot"),
                                                               dir.filePath(QStringLiteral("s.png"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("not a CityOps store")), qPrintable(run.err));
        const Run missingFolder = runProgram(QStringLiteral("cityops"), {QStringLiteral("--store"), QStringLiteral("/nonexistent/dir/x.store"),
                                                                         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("s.png"))});
        QCOMPARE(missingFolder.exitCode, 2);
        QVERIFY2(missingFolder.err.contains(QLatin1String("does not exist")), qPrintable(missingFolder.err));
    }

    void recordsThenReplays()
    {
        // A store written by the running console replays in the console.
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("r.store"));
        QVERIFY(recordFor1500Ms(store));
        Run run;
        const QString shot = dir.filePath(QStringLiteral("replay.png"));
        run = runProgram(QStringLiteral("cityops"), QStringList{QStringLiteral("--store"), store, QStringLiteral("--replay"),
                                                                QStringLiteral("--screenshot"), shot, QStringLiteral("--quit-after"), QStringLiteral("2500")}
                                                        + signedInAs(dir));
        QCOMPARE(run.exitCode, 0);
        const QImage image(shot);
        // The replay banner and frame are on screen in the replay colour.
        QVERIFY2(countNear(image, QColor(0x6f, 0x8c, 0xff), 10) > 3000, qPrintable(QString::number(countNear(image, QColor(0x6f, 0x8c, 0xff), 10))));
    }

    /// An archived (read-only) recording: the console replays it read-only and says it is not recording; live on it
    /// is refused with a sentence that says read-only, and the file stays as it was.
    void readOnlyStoreIsReplayedNotRecordedInto()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("archive.store"));
        QVERIFY(recordFor1500Ms(store));
        Run run;
        QVERIFY(QFile::setPermissions(store, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        QFile f(store);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--store"), store, QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("live.png"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("read-only")), qPrintable(run.err));
        const QString shot = dir.filePath(QStringLiteral("replay.png"));
        run = runProgram(QStringLiteral("cityops"), QStringList{QStringLiteral("--store"), store, QStringLiteral("--replay"), QStringLiteral("--screenshot"),
                                                                shot, QStringLiteral("--quit-after"), QStringLiteral("2500")}
                                                        + signedInAs(dir));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(countNear(QImage(shot), QColor(0x6f, 0x8c, 0xff), 10) > 3000, "the replay banner and frame are on screen");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        QVERIFY(!QFile::exists(store + QStringLiteral("-wal")) || QFileInfo(store + QStringLiteral("-wal")).size() == 0);
    }

    void killedConsoleLeavesAGoodStore()
    {
        // SIGKILL the console while it records at 600x; the store must open, pass integrity_check, hold contiguous
        // events, and the next console must continue after them.
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("k.store"));
        QProcess console;
        QVERIFY(startInBackground(console, {QStringLiteral("--store"), store, QStringLiteral("--speed"), QStringLiteral("600")}));
        // Until it is well into its recording — the store and its write-ahead log past 1 MiB — not for a fixed time.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(store).size() + QFileInfo(store + QStringLiteral("-wal")).size() > (1 << 20), 30'000);
        QCOMPARE(console.state(), QProcess::Running);
        console.kill(); // SIGKILL
        console.waitForFinished();
        QCOMPARE(console.exitStatus(), QProcess::CrashExit);

        const Run next = runProgram(QStringLiteral("cityops"), {QStringLiteral("--store"), store, QStringLiteral("--quit-after"),
                                                                QStringLiteral("1000")});
        QCOMPARE(next.exitCode, 0);
        auto db = SqliteDb::open(store, SqliteDb::Mode::ReadOnly);
        QVERIFY(db.ok());
        auto sessions = db.value()->prepare(QStringLiteral("SELECT value FROM store_meta WHERE key = 'sessions'"));
        QVERIFY(sessions->step());
        QCOMPARE(sessions->columnText(0), QStringLiteral("2"));
        auto check = db.value()->prepare(QStringLiteral("PRAGMA integrity_check"));
        QVERIFY(check->step());
        QCOMPARE(check->columnText(0), QStringLiteral("ok"));
        auto seqs = db.value()->prepare(QStringLiteral("SELECT count(*), min(seq), max(seq), "
                                                       "(SELECT count(*) FROM events WHERE kind = 7) FROM events"));
        QVERIFY(seqs->step());
        QVERIFY(seqs->columnInt(0) > 10000);
        QCOMPARE(seqs->columnInt(1), 1LL);
        QCOMPARE(seqs->columnInt(0), seqs->columnInt(2)); // contiguous across the kill and the new session
        QCOMPARE(seqs->columnInt(3), 2LL);                // two session markers
    }

    /// A shutdown while the console (or the gateway) is still starting — its city's SUMO network extracted to a
    /// temporary folder, SUMO perhaps started — stops it as cleanly as once it runs: exit 0, and SUMO's files gone with
    /// it. Before, the signal's default action ended the process there and left that folder (9 MB) behind each time.
    void aStopDuringStartUpLeavesNothingBehind_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("started");   // what it says once start-up has begun
        QTest::newRow("desk") << QStringLiteral("cityops") << QStringList{} << QByteArray("loaded in");
        QTest::newRow("wall") << QStringLiteral("cityops") << QStringList{QStringLiteral("--wall"), QStringLiteral("default")} << QByteArray("loaded in");
        // A broker nobody listens on: the gateway starts SUMO all the same, and keeps trying the broker.
        QTest::newRow("gateway") << QStringLiteral("cityops-sim") << QStringList{QStringLiteral("--broker"), QStringLiteral("mqtt://127.0.0.1:1")}
                                 << QByteArray("cityops.sim:");
    }
    void aStopDuringStartUpLeavesNothingBehind()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, args);
        QFETCH(QByteArray, started);
        QTemporaryDir dir, tmp;
        args << QStringLiteral("--traffic") << QStringLiteral("sumo");
        if (program == QLatin1String("cityops"))
            args << QStringLiteral("--no-store") << signedInAs(dir);
        QProcess process;
        QVERIFY(startInBackground(process, args, tmp.path(), program));
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += process.readAllStandardError()).contains(started), 60000);
        process.terminate();   // SIGTERM
        QVERIFY(process.waitForFinished(120000));
        err += process.readAllStandardError();
        QVERIFY2(process.exitStatus() == QProcess::NormalExit, err.constData());
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(err.contains("SIGTERM received"), err.constData());
        const QStringList left = QDir(tmp.path()).entryList({QStringLiteral("cityops*")}, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
    }

    /// A desk's start-up dialogs — the very first start's, asking for the first administrator's account, and the box
    /// saying why the console cannot start — end with a shutdown instead of waiting for somebody to answer them: the
    /// console stops as it would have (exit 0 before anything started; exit 2 for a city that cannot be read).
    void aStopWhileADialogOfTheStartWaitsEndsTheWait_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("waiting");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("said");
        QTest::newRow("first account") << QStringList{QStringLiteral("--no-store"), QStringLiteral("--directory"), QStringLiteral("users.db")}
                                       << QByteArray("asking for the first administrator") << 0 << QByteArray("SIGTERM received during start-up");
        QTest::newRow("cannot start") << QStringList{QStringLiteral("--no-store"), QStringLiteral("--city"), QStringLiteral("no-such-city.gpkg")}
                                      << QByteArray("cityops: Cannot open the city") << 2 << QByteArray("SIGTERM received: the console stops");
    }
    void aStopWhileADialogOfTheStartWaitsEndsTheWait()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, waiting);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, said);
        QTemporaryDir dir;
        QProcess console;
        console.setWorkingDirectory(dir.path());
        QVERIFY(startInBackground(console, args, {}, QStringLiteral("cityops"), QStringLiteral("minimal")));   // dialogs, no screen
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += console.readAllStandardError()).contains(waiting), 60000);
        console.terminate();   // SIGTERM
        const bool ended = console.waitForFinished(30000);
        if (!ended)
            console.kill();
        err += console.readAllStandardError();
        QVERIFY2(ended, err.constData());
        QCOMPARE(console.exitStatus(), QProcess::NormalExit);
        QCOMPARE(console.exitCode(), exitCode);
        QVERIFY2(err.contains(said), err.constData());
    }

    /// A shutdown (SIGTERM) closes the console as its window does — exit 0, the close recorded in the name of who was
    /// signed in and why, and the store ending on a signed checkpoint at its last row — where it used to die between
    /// two writes, its last rows unsigned and nothing saying who or what ended it.
    void stoppedBySigtermClosesLikeItsWindow()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("t.store"));
        QProcess console;
        QVERIFY(startInBackground(console, QStringList{QStringLiteral("--store"), store} + signedInAs(dir)));
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += console.readAllStandardError()).contains("live after"), 60000);
        console.terminate();   // SIGTERM
        QVERIFY(console.waitForFinished(120000));
        err += console.readAllStandardError();
        QCOMPARE(console.exitStatus(), QProcess::NormalExit);
        QCOMPARE(console.exitCode(), 0);
        QVERIFY2(err.contains("SIGTERM received: the console closes"), err.constData());

        auto db = SqliteDb::open(store, SqliteDb::Mode::ReadOnly);
        QVERIFY(db.ok());
        auto closed = db.value()->prepare(QStringLiteral("SELECT label FROM markers WHERE label LIKE 'close-console%'"));
        QVERIFY(closed->step());
        QCOMPARE(closed->columnText(0), QStringLiteral("close-console olga: stopped by SIGTERM"));
        QVERIFY(!closed->step());
        auto signedTo = db.value()->prepare(QStringLiteral("SELECT (SELECT max(seq) FROM checkpoints), (SELECT max(seq) FROM events)"));
        QVERIFY(signedTo->step());
        QVERIFY(signedTo->columnInt(1) > 0);
        QCOMPARE(signedTo->columnInt(0), signedTo->columnInt(1));
    }

    void screenshotOfTheDefaultCity()
    {
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("shot.png"));
        const QString store = dir.filePath(QStringLiteral("city.store"));
        const Run run = runProgram(QStringLiteral("cityops"), QStringList{QStringLiteral("--screenshot"), shot, QStringLiteral("--store"), store,
                                                                          QStringLiteral("--quit-after"), QStringLiteral("3000")}
                                                                  + signedInAs(dir));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(QFile::exists(store)); // it recorded
        QImage image(shot);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1920, 1080));
        // The map background dominates, signals running their programs are grey discs (no aspect colours on them),
        // and the open incidents of the warmed-up city (seed 1) are on screen in severity colours.
        QVERIFY(countNear(image, QColor(0x23, 0x27, 0x2b)) > 50000);
        QVERIFY(countNear(image, QColor(0xb4, 0xbb, 0xc2)) > 40);
        QCOMPARE(countNear(image, QColor(0x5f, 0xa8, 0x6e)), 0);
        const int incidents = countNear(image, QColor(0xff, 0x3b, 0x30)) + countNear(image, QColor(0xff, 0x8c, 0x1a))
                              + countNear(image, QColor(0xf2, 0xd0, 0x3c));
        QVERIFY2(incidents > 20, qPrintable(QString::number(incidents)));
    }

    void translatedConsoleStarts()
    {
        QTemporaryDir dir;
        for (const QString &lang : {QStringLiteral("ja"), QStringLiteral("zh_CN")}) {
            const QString shot = dir.filePath(lang + QStringLiteral(".png"));
            const Run run = runProgram(QStringLiteral("cityops"), {QStringLiteral("--lang"), lang, QStringLiteral("--no-store"),
                                                                   QStringLiteral("--screenshot"), shot,
                                                                   QStringLiteral("--quit-after"), QStringLiteral("800")});
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(!run.err.contains(QLatin1String("no translation")), qPrintable(run.err));
            QVERIFY(!QImage(shot).isNull());
        }
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
