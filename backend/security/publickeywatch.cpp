#include "security/publickeywatch.h"

#include "base/logging.h"

namespace cityops {

PublicKeyWatch::PublicKeyWatch(const QString &path, QString currentKeyId, int pollMs, QObject *parent)
    : QObject(parent), m_watch(path, pollMs), m_keyId(std::move(currentKeyId))
{
    connect(&m_watch, &FileWatch::due, this, &PublicKeyWatch::checkNow);
}

void PublicKeyWatch::checkNow()
{
    auto read = CommandVerifier::fromTrustedPublicKeyFile(m_watch.path());
    if (!read) {
        if (read.error() == m_unusable)
            return;
        m_unusable = read.error();
        qCWarning(lcSecurity).noquote() << QStringLiteral("the command key file %1 cannot be believed any more, so commands signed with "
                                                          "its key are refused until it can be: %2").arg(m_watch.path(), read.error());
        Q_EMIT changed({nullptr, m_unusable});
        return;
    }
    const QString before = m_keyId;
    if (read.value().keyId() == before && m_unusable.isEmpty())
        return;
    qCInfo(lcSecurity).noquote() << (before == read.value().keyId()
                                         ? QStringLiteral("the command key file %1 can be believed again (key %2)").arg(m_watch.path(), before)
                                         : QStringLiteral("the command key file %1 changed: key %2 instead of %3")
                                               .arg(m_watch.path(), read.value().keyId(), before.isEmpty() ? QStringLiteral("none") : before));
    m_keyId = read.value().keyId();
    m_unusable.clear();
    Q_EMIT changed({std::make_shared<const CommandVerifier>(std::move(read).value()), {}});
}

} // namespace cityops
