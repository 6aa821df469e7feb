#include "store/storelock.h"

namespace cityops::storelock {

namespace {

QString lockPath(const QString &storePath) { return storePath + QStringLiteral(".lock"); }

} // namespace

Result<std::unique_ptr<QLockFile>> take(const QString &storePath)
{
    auto lock = std::make_unique<QLockFile>(lockPath(storePath));
    // Held for as long as the console records: only a holder that is gone makes the lock stale, never its age.
    lock->setStaleLockTime(0);
    if (lock->tryLock(0))
        return lock;
    qint64 pid = 0;
    QString host, app;
    if (lock->error() == QLockFile::LockFailedError && lock->getLockInfo(&pid, &host, &app))
        return makeError(QStringLiteral("store %1 is being recorded by another console (%2, process %3 on %4; one just closed may still be "
                                        "finishing its record): one store is recorded by one console — record to another store "
                                        "(--store), or replay this one (--replay)")
                             .arg(storePath, app.isEmpty() ? QStringLiteral("a program") : app, QString::number(pid),
                                  host.isEmpty() ? QStringLiteral("this machine") : host));
    return makeError(QStringLiteral("cannot take the lock %1 of store %2 (%3): the console records into a store only while it holds it")
                         .arg(lockPath(storePath), storePath,
                              lock->error() == QLockFile::PermissionError ? QStringLiteral("no permission to create it in that folder")
                                                                          : QStringLiteral("the lock file cannot be read")));
}

bool heldElsewhere(const QString &storePath)
{
    QLockFile lock(lockPath(storePath));
    lock.setStaleLockTime(0);
    if (lock.tryLock(0)) {
        lock.unlock();
        return false;
    }
    return lock.error() == QLockFile::LockFailedError;
}

} // namespace cityops::storelock
