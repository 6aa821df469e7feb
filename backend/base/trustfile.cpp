#include "base/trustfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cityops::trustfile {
namespace {

QString modeText(mode_t mode) { return QString::number(mode & 07777, 8).rightJustified(4, QLatin1Char('0')); }

bool ownedByUsOrRoot(const struct stat &st) { return st.st_uid == ::geteuid() || st.st_uid == 0; }

/// What is wrong with the file itself (its status from the open descriptor), or nothing.
Status checkFile(const struct stat &st, const QString &path, const QString &what)
{
    if (!S_ISREG(st.st_mode))
        return makeError(QStringLiteral("%1 %2 is not a regular file").arg(what, path));
    if (!ownedByUsOrRoot(st))
        return makeError(QStringLiteral("%1 %2 belongs to user %3, not to this program's user or root: its owner can write anything into it; "
                                        "give it to the right user (chown)")
                             .arg(what, path)
                             .arg(st.st_uid));
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return makeError(QStringLiteral("%1 %2 may be changed by others (mode %3): whoever can change it decides whom this program believes; "
                                        "run chmod go-w %2")
                             .arg(what, path, modeText(st.st_mode)));
    return Ok{};
}

/// What is wrong with the folders `file` is in, from its own folder up to /, or nothing (`path`: the name given).
Status checkFoldersOf(const QString &file, const QString &path, const QString &what)
{
    QString folder = QFileInfo(file).absolutePath();
    for (;;) {
        struct stat st {};
        if (::stat(QFile::encodeName(folder).constData(), &st) != 0)
            return makeError(QStringLiteral("cannot check the folder %1 of %2 %3: %4").arg(folder, what, path, QString::fromLocal8Bit(std::strerror(errno))));
        if (!ownedByUsOrRoot(st))
            return makeError(QStringLiteral("%1 %2 is in the folder %3, which belongs to user %4: its owner could replace the file; "
                                            "keep it in a folder of this program's user or root")
                                 .arg(what, path, folder)
                                 .arg(st.st_uid));
        if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX))
            return makeError(QStringLiteral("%1 %2 is in the folder %3, which others may change (mode %4): they could replace the file; "
                                            "run chmod go-w %3")
                                 .arg(what, path, folder, modeText(st.st_mode)));
        const QString parent = QFileInfo(folder).absolutePath();
        if (parent == folder)
            return Ok{};
        folder = parent;
    }
}

/// The folders of the name given (whoever may write them can change where it leads) and, when it is a link, the
/// folders of the file it leads to (whoever may write those can replace that file).
Status checkFolders(const QString &path, const QString &what)
{
    if (auto ok = checkFoldersOf(path, path, what); !ok)
        return ok;
    const QString real = QFileInfo(path).canonicalFilePath();
    if (!real.isEmpty() && real != QFileInfo(path).absoluteFilePath())
        return checkFoldersOf(real, path, what);
    return Ok{};
}

} // namespace

Result<QByteArray> read(const QString &path, const QString &what, qint64 maxBytes)
{
    // O_NONBLOCK: a pipe put where the file should be must not hang the program at start (it is refused below).
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return makeError(QStringLiteral("cannot read %1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(errno))));
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return makeError(QStringLiteral("cannot read %1 %2: %3").arg(what, path, file.errorString()));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return makeError(QStringLiteral("cannot check %1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(errno))));
    if (auto ok = checkFile(st, path, what); !ok)
        return Error{ok.error()};
    if (auto ok = checkFolders(path, what); !ok)
        return Error{ok.error()};
    if (st.st_size > maxBytes)
        return makeError(QStringLiteral("%1 %2 is too large (%3 bytes; at most %4)").arg(what, path).arg(qint64(st.st_size)).arg(maxBytes));
    QByteArray content = file.read(maxBytes + 1);
    if (content.size() > maxBytes)
        return makeError(QStringLiteral("%1 %2 is too large (at most %3 bytes)").arg(what, path).arg(maxBytes));
    if (file.error() != QFileDevice::NoError)
        return makeError(QStringLiteral("cannot read %1 %2: %3").arg(what, path, file.errorString()));
    return content;
}

Status makeFolder(const QString &folder)
{
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    QStringList missing;
    for (QString f = absolute; !QFileInfo::exists(f); f = QFileInfo(f).absolutePath()) {
        missing.prepend(f);
        if (QFileInfo(f).absolutePath() == f)
            break;
    }
    for (const QString &f : missing)
        if (::mkdir(QFile::encodeName(f).constData(), 0755) != 0 && errno != EEXIST)
            return makeError(QStringLiteral("cannot make the folder %1: %2").arg(f, QString::fromLocal8Bit(std::strerror(errno))));
    return Ok{};
}

Status check(const QString &path, const QString &what)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return makeError(QStringLiteral("cannot check %1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(errno))));
    if (auto ok = checkFile(st, path, what); !ok)
        return ok;
    return checkFolders(path, what);
}

Status checkPlace(const QString &path, const QString &what)
{
    // From the nearest folder that exists: the ones still to be made will be the writer's own (makeFolder).
    QString file = QFileInfo(path).absoluteFilePath();
    while (!QFileInfo(QFileInfo(file).absolutePath()).isDir() && QFileInfo(file).absolutePath() != file)
        file = QFileInfo(file).absolutePath();
    return checkFoldersOf(file, path, what);
}

} // namespace cityops::trustfile
