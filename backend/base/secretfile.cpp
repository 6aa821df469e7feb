#include "base/secretfile.h"

#include <QFile>
#include <QSaveFile>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace cityops::secretfile {

Status checkPrivate(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return makeError(QStringLiteral("cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    if (!S_ISREG(st.st_mode))
        return makeError(QStringLiteral("%1 is not a regular file").arg(path));
    if (st.st_mode & (S_IRGRP | S_IROTH | S_IWGRP | S_IWOTH))
        return makeError(QStringLiteral("%1 holds a secret but others may read or change it (mode %2); make it private with: chmod 600 %1")
                             .arg(path)
                             .arg(QString::number(st.st_mode & 0777, 8).rightJustified(4, QLatin1Char('0'))));
    return Ok{};
}

Status writePrivate(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(content);
    if (!file.commit())
        return makeError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Ok{};
}

Result<QString> readFirstLine(const QString &path)
{
    if (auto s = checkPrivate(path); !s)
        return makeError(s.error());
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    QByteArray line = f.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return makeError(QStringLiteral("%1 is empty; it should hold the secret on its first line").arg(path));
    return QString::fromUtf8(line);
}

} // namespace cityops::secretfile
