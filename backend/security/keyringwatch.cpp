#include "security/keyringwatch.h"

#include "base/logging.h"

namespace cityops {

KeyringWatch::KeyringWatch(const QString &path, ConsoleKeyring::Kind kind, std::shared_ptr<const ConsoleKeyring> current, bool missingIsEmpty,
                           int pollMs, QObject *parent)
    : QObject(parent), m_watch(path, pollMs), m_kind(kind), m_missingIsEmpty(missingIsEmpty), m_current{std::move(current), {}}
{
    connect(&m_watch, &FileWatch::due, this, &KeyringWatch::checkNow);
}

void KeyringWatch::checkNow()
{
    const QString what = m_kind == ConsoleKeyring::Kind::Consoles ? QStringLiteral("console keyring") : QStringLiteral("approver keyring");
    auto read = ConsoleKeyring::load(m_watch.path(), m_missingIsEmpty, m_kind);
    if (!read) {
        if (read.error() == m_current.unusable)
            return;
        m_current = {nullptr, read.error()};
        qCWarning(lcSecurity).noquote() << QStringLiteral("the %1 cannot be believed any more, so nobody in it is until it can be: %2").arg(what, read.error());
        Q_EMIT changed(m_current);
        return;
    }
    const ConsoleKeyring before = m_current.keys ? *m_current.keys : ConsoleKeyring(m_kind);
    const QString changes = read.value().changesFrom(before);
    if (changes.isEmpty() && m_current.unusable.isEmpty())
        return;
    if (!m_current.unusable.isEmpty())
        qCInfo(lcSecurity).noquote() << QStringLiteral("the %1 %2 can be believed again (%3 listed)").arg(what, m_watch.path(), QString::number(read.value().size()));
    if (!changes.isEmpty())
        qCInfo(lcSecurity).noquote() << QStringLiteral("the %1 %2 changed: %3").arg(what, m_watch.path(), changes);
    m_current = {std::make_shared<const ConsoleKeyring>(std::move(read).value()), {}};
    Q_EMIT changed(m_current);
}

} // namespace cityops
