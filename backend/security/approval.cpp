#include "security/approval.h"

#include "base/secretfile.h"
#include "security/consolekeyring.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <optional>

namespace cityops::approval {

QByteArray statement(const QString &device, std::uint32_t order, std::uint16_t step, CommandAction action, std::int32_t value,
                     std::int64_t expiresMs, const QString &approver)
{
    QByteArray out = QByteArrayLiteral("cityops-approval-v1\n");
    auto field = [&out](const QByteArray &bytes) { out += QByteArray::number(bytes.size()) + ':' + bytes + '\n'; };
    field(device.toUtf8());
    field(QByteArray::number(order));
    field(QByteArray::number(step));
    field(commandActionName(action).toUtf8());
    field(QByteArray::number(value));
    field(QByteArray::number(expiresMs));
    field(approver.toUtf8());
    return out;
}

QString defaultFolder() { return ConsoleKeyring::dataFolder() + QStringLiteral("/approvers"); }

QString keyPath(const QString &folder, const QString &user) { return QDir(folder).filePath(user + QStringLiteral(".key")); }

Result<QByteArray> create(const QString &folder, const QString &user, const QByteArray &password)
{
    if (auto named = ConsoleKeyring::checkName(user); !named)
        return Error{named.error()};
    if (user.startsWith(QLatin1Char('.')))
        return makeError(QStringLiteral("\"%1\" is not a valid sign-in name").arg(user));
    if (password.size() < 8)
        return makeError(QStringLiteral("an approval key's password has at least 8 characters"));
    const QString path = keyPath(folder, user);
    if (QFileInfo::exists(path))
        return makeError(QStringLiteral("%1 already has an approval key (%2); remove it first to make a new one").arg(user, path));
    if (!QFileInfo::exists(folder)) {
        if (!QDir().mkpath(folder))
            return makeError(QStringLiteral("cannot make the folder %1").arg(folder));
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    const CommandSigner key = CommandSigner::generate();
    const QByteArray sealed = key.encryptedPrivateKeyPem(password);
    if (sealed.isEmpty())
        return makeError(QStringLiteral("cannot seal the approval key (OpenSSL)"));
    if (auto written = secretfile::writePrivate(path, sealed); !written)
        return Error{written.error()};
    return key.publicKeyPem();
}

namespace {

/// The sealed key of `user` as its file holds it, read only when it is theirs alone; nothing when there is none.
Result<std::optional<QByteArray>> readSealed(const QString &folder, const QString &user)
{
    if (auto named = ConsoleKeyring::checkName(user); !named || user.startsWith(QLatin1Char('.')))
        return makeError(QStringLiteral("\"%1\" is not a valid sign-in name").arg(user.left(64)));
    const QString path = keyPath(folder, user);
    if (!QFileInfo::exists(path))
        return std::optional<QByteArray>();
    if (auto s = secretfile::checkPrivate(path); !s)
        return Error{s.error()};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > qint64(64) * 1024)
        return makeError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return std::optional<QByteArray>(file.readAll());
}

} // namespace

Result<CommandSigner> open(const QString &folder, const QString &user, const QByteArray &password)
{
    auto sealed = readSealed(folder, user);
    if (!sealed)
        return Error{sealed.error()};
    const QString path = keyPath(folder, user);
    if (!sealed.value())
        return makeError(QStringLiteral("%1 has no approval key on this console (%2): an administrator makes one with "
                                        "cityops-admin approver add %1")
                             .arg(user, path));
    auto key = CommandSigner::fromEncryptedPem(*sealed.value(), password);
    if (!key)
        return makeError(QStringLiteral("%1's approval key %2: %3").arg(user, path, key.error()));
    return key;
}

KeyCheck check(const QString &folder, const QString &user, const QByteArray &password)
{
    auto sealed = readSealed(folder, user);
    if (!sealed)
        return {KeyFit::Unusable, sealed.error()};
    if (!sealed.value())
        return {KeyFit::NoKey, {}};
    const QString path = keyPath(folder, user);
    if (!sealed.value()->contains("BEGIN ENCRYPTED PRIVATE KEY"))
        return {KeyFit::Unusable, QStringLiteral("%1 is not a sealed approval key").arg(path)};
    if (!CommandSigner::fromEncryptedPem(*sealed.value(), password))
        return {KeyFit::OtherPassword, QStringLiteral("%1's approval key %2 does not open with this password").arg(user, path)};
    return {KeyFit::Opens, {}};
}

Result<bool> reseal(const QString &folder, const QString &user, const QByteArray &current, const QByteArray &next)
{
    if (!QFileInfo::exists(keyPath(folder, user)))
        return false;
    auto key = open(folder, user, current);
    if (!key)
        return Error{key.error()};
    const QByteArray sealed = key->encryptedPrivateKeyPem(next);
    if (sealed.isEmpty())
        return makeError(QStringLiteral("cannot seal the approval key (OpenSSL)"));
    if (auto written = secretfile::writePrivate(keyPath(folder, user), sealed); !written)
        return Error{written.error()};
    return true;
}

} // namespace cityops::approval
