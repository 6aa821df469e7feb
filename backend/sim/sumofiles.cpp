#include "sim/sumofiles.h"

#include "base/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace cityops::sumofiles {

namespace {

const QString kPrefix = QStringLiteral("cityops-sumo-");

QString prefixOf(qint64 pid) { return kPrefix + QString::number(pid) + QLatin1Char('-'); }

/// The process id a name carries, or 0 when it is not one of ours.
qint64 pidIn(const QString &name)
{
    if (!name.startsWith(kPrefix))
        return 0;
    const qsizetype end = name.indexOf(QLatin1Char('-'), kPrefix.size());
    if (end < 0)
        return 0;
    bool ok = false;
    const qint64 pid = QStringView(name).mid(kPrefix.size(), end - kPrefix.size()).toLongLong(&ok);
    return ok && pid > 0 ? pid : 0;
}

/// Gone for certain: no such process. A process of another user (EPERM) is running; with a process id reused since,
/// the files stay until that process ends too — the safe side.
bool processGone(qint64 pid) { return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH; }

} // namespace

QString folderTemplate()
{
    return QDir::temp().filePath(prefixOf(QCoreApplication::applicationPid()) + QStringLiteral("XXXXXX"));
}

QString logPath(const QString &label)
{
    return QDir::temp().filePath(prefixOf(QCoreApplication::applicationPid()) + label + QStringLiteral(".log"));
}

int sweepStale(const QString &folder)
{
    const QDir dir(folder.isEmpty() ? QDir::tempPath() : folder);
    const uint me = ::geteuid();
    int removed = 0;
    const QFileInfoList entries = dir.entryInfoList({kPrefix + QLatin1Char('*')}, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QFileInfo &entry : entries) {
        const qint64 pid = pidIn(entry.fileName());
        if (pid == 0 || entry.ownerId() != me || entry.isSymLink() || !processGone(pid))   // this run's own: not gone
            continue;
        const bool gone = entry.isDir() ? QDir(entry.filePath()).removeRecursively() : QFile::remove(entry.filePath());
        if (gone) {
            ++removed;
            qCInfo(lcSim).noquote() << QStringLiteral("removed %1, left by a run that ended without removing it").arg(entry.filePath());
        }
    }
    return removed;
}

} // namespace cityops::sumofiles
