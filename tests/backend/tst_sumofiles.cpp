// SUMO's files of a run that was killed: removed by the next run, and nothing else is.
#include "sim/sumofiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace cityops;

namespace {

void makeFile(const QString &path, const QByteArray &bytes = "x")
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(bytes);
}

QString folderOf(qint64 pid, const QString &rest) { return QStringLiteral("cityops-sumo-%1-%2").arg(pid).arg(rest); }

} // namespace

class TestSumoFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    /// A killed run's network folder and error log go; a running process's, this run's own, another program's, a
    /// name that only looks like ours and a link to elsewhere stay — and what the link points at is untouched.
    void filesOfAGoneRunAreRemovedAndNothingElse()
    {
        QProcess ended;   // a process that has ended: its id is one no process has
        ended.start(QStringLiteral("true"), {});
        QVERIFY(ended.waitForStarted());
        const qint64 gonePid = ended.processId();
        QVERIFY(ended.waitForFinished());
        QProcess running;   // waits on its input until the test ends
        running.start(QStringLiteral("cat"), {});
        QVERIFY(running.waitForStarted());
        const qint64 livePid = running.processId();
        const qint64 myPid = QCoreApplication::applicationPid();

        QTemporaryDir tmp, elsewhere;
        const QDir dir(tmp.path());
        QVERIFY(dir.mkdir(folderOf(gonePid, QStringLiteral("aB3xYz"))));
        makeFile(dir.filePath(folderOf(gonePid, QStringLiteral("aB3xYz/network.net.xml"))), QByteArray(4096, 'n'));
        makeFile(dir.filePath(folderOf(gonePid, QStringLiteral("cityops-0.log"))));
        QVERIFY(dir.mkdir(folderOf(livePid, QStringLiteral("q1w2e3"))));
        QVERIFY(dir.mkdir(folderOf(myPid, QStringLiteral("r4t5y6"))));
        makeFile(dir.filePath(QStringLiteral("cityops-other-%1-x.log").arg(gonePid)));
        makeFile(dir.filePath(QStringLiteral("cityops-sumo-notapid-x.log")));
        makeFile(dir.filePath(QStringLiteral("cityops-sumo-%1").arg(gonePid)));   // no '-' after the number
        makeFile(QDir(elsewhere.path()).filePath(QStringLiteral("keep.txt")));
        QVERIFY(QFile::link(elsewhere.path(), dir.filePath(folderOf(gonePid, QStringLiteral("link")))));

        QCOMPARE(sumofiles::sweepStale(tmp.path()), 2);
        QStringList left = dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System);
        QStringList kept{QStringLiteral("cityops-other-%1-x.log").arg(gonePid), QStringLiteral("cityops-sumo-%1").arg(gonePid),
                                    folderOf(gonePid, QStringLiteral("link")), folderOf(livePid, QStringLiteral("q1w2e3")),
                                    folderOf(myPid, QStringLiteral("r4t5y6")), QStringLiteral("cityops-sumo-notapid-x.log")};
        left.sort();
        kept.sort();
        QCOMPARE(left, kept);
        QVERIFY(QFile::exists(QDir(elsewhere.path()).filePath(QStringLiteral("keep.txt"))));

        running.closeWriteChannel();   // cat ends; its folder is a gone run's now
        QVERIFY(running.waitForFinished());
        QCOMPARE(sumofiles::sweepStale(tmp.path()), 1);
        QVERIFY(!dir.exists(folderOf(livePid, QStringLiteral("q1w2e3"))));
    }

    /// This run's own names carry its process id, so a later run can tell whose they are.
    void thisRunsNamesCarryItsProcessId()
    {
        const QString mine = QStringLiteral("cityops-sumo-%1-").arg(QCoreApplication::applicationPid());
        QVERIFY2(QFileInfo(sumofiles::folderTemplate()).fileName().startsWith(mine), qPrintable(sumofiles::folderTemplate()));
        QCOMPARE(QFileInfo(sumofiles::logPath(QStringLiteral("cityops-3"))).fileName(), mine + QStringLiteral("cityops-3.log"));
        QCOMPARE(QFileInfo(sumofiles::folderTemplate()).absolutePath(), QDir::tempPath());
    }
};

QTEST_GUILESS_MAIN(TestSumoFiles)
#include "tst_sumofiles.moc"
